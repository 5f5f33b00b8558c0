// The session: which scenario file is open, whether it has unsaved edits, and the recent files;
// opening, saving and "save your changes?" go through here. The scenario itself and its baseline
// live in the SimulationController; the session decides where they come from and go to. Needs no
// window: what it asks the user goes through SessionPrompts, which tests replace.
// GUI thread only (as the controller it drives).
#pragma once

#include "engine/core/scenario.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QWidget;

namespace conviz::gui {

class PresetModel;
class SimulationController;

// What the session asks the user.
struct SessionPrompts {
    // "Save your changes to `scenarioName`?": QMessageBox::Save, Discard or Cancel.
    std::function<int(const QString &scenarioName)> unsaved;
    // A scenario file to open, starting in `directory`; "" if cancelled.
    std::function<QString(const QString &directory)> openPath;
    // A file to save the scenario to, proposing `suggestedPath` (its folder and name); "" if cancelled.
    std::function<QString(const QString &suggestedPath)> savePath;
    std::function<void(const QString &title, const QString &message)> showError;
};

// The prompts as modal dialogs over `parent`.
SessionPrompts dialogPrompts(QWidget *parent);

class Session : public QObject {
    Q_OBJECT
public:
    // How many files File › Open recent lists.
    static constexpr int kMaxRecent = 8;

    // `presets` says which files are shipped presets: read-only here, saving one goes to a new file.
    Session(SimulationController &controller, const PresetModel &presets, QObject *parent = nullptr);

    void setPrompts(SessionPrompts prompts) { m_prompts = std::move(prompts); }
    const SessionPrompts &prompts() const { return m_prompts; }
    // Replaces only the "save your changes?" question (the others stay).
    void setUnsavedPrompt(std::function<int(const QString &scenarioName)> prompt);

    // The open file, or "" for the built-in scenario or one not saved yet.
    QString path() const;
    // Whether the user edited the scenario since it was opened or saved (a tour's edits do not count).
    bool isDirty() const;
    // The scenario as it is now holds a tour step's slider values, not the user's edits: not dirty
    // until it changes again. Opening or saving a file forgets it.
    void acceptTourEdits();
    // Whether the scenario is the one compiled into the app (no file, no presets found).
    bool isBuiltIn() const { return m_builtIn; }
    // Whether the open file is a shipped preset, which the app never writes.
    bool isReadOnly() const;
    // Whether `path` names a shipped preset (the same file, however the path is spelled).
    bool isPreset(const QString &path) const;
    // Where Save As proposes the user's own scenarios: <AppDataLocation>/scenarios.
    static QString userScenarioDirectory();

    // Opens a scenario file; on failure shows the loader's message, changes nothing, returns false.
    // A file that is not a preset goes to the top of the recent files.
    bool open(const QString &path);
    // Opens the scenario compiled into the app.
    void openBuiltIn();
    // Makes `edits` the scenario, as unsaved edits of `sourcePath`: that file is opened (it stays as
    // it is; a preset stays read-only) and `edits` replace its values. A `sourcePath` that is "" or
    // can no longer be opened gives edits of the built-in scenario, saved with Save As. Restores
    // autosaved edits; asks nothing about the scenario open now. False if `edits` are not valid.
    bool restoreEdits(const QString &sourcePath, const Scenario &edits);
    // Asks about unsaved edits, then opens `path`; false if the user cancelled or it failed.
    bool switchTo(const QString &path);
    // Asks about unsaved edits, then for a file, then opens it.
    bool chooseAndOpen();

    // Whether unsaved edits may go: true when there are none, or they were saved or discarded.
    bool maybeSave();
    // Saves to the open file; a preset or a scenario without a file asks for a new one (saveAs).
    bool save();
    // Asks for a file and saves there; the file becomes the open one and a recent file. Proposes
    // the open file, or for a preset or the built-in scenario a file of that name in
    // userScenarioDirectory() (created if missing). Refuses a preset's file.
    bool saveAs();

    // Most recent first, at most kMaxRecent; kept in QSettings ("recentFiles").
    QStringList recentFiles() const;
    void addRecent(const QString &path);

Q_SIGNALS:
    // A scenario became current (`path` is "" for the built-in one).
    void opened(const QString &path);
    void pathChanged(const QString &path);
    void dirtyChanged(bool dirty);
    void recentFilesChanged(const QStringList &recent);

private:
    bool saveTo(const QString &path);
    QString suggestedSavePath() const;
    void updateDirty();

    SimulationController &m_controller;
    const PresetModel &m_presets;
    SessionPrompts m_prompts;
    bool m_builtIn = false;
    std::optional<Scenario> m_tourScenario; // as the last tour step left it
    bool m_dirty = false;                   // as last announced by dirtyChanged
};

} // namespace conviz::gui
