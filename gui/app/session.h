// The session: which scenario file is open, whether it has unsaved edits, and the recent files;
// opening, saving and "save your changes?" go through here. The scenario itself and its baseline
// live in the SimulationController; the session decides where they come from and go to. Needs no
// window: what it asks the user goes through SessionPrompts, which tests replace.
// GUI thread only (as the controller it drives).
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

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
    // A file to save the scenario to; "" if cancelled.
    std::function<QString()> savePath;
    std::function<void(const QString &title, const QString &message)> showError;
};

// The prompts as modal dialogs over `parent`.
SessionPrompts dialogPrompts(QWidget *parent);

class Session : public QObject {
    Q_OBJECT
public:
    // How many files File › Open recent lists.
    static constexpr int kMaxRecent = 8;

    // `presets` says which files are shared presets: saving one goes to a new file.
    Session(SimulationController &controller, const PresetModel &presets, QObject *parent = nullptr);

    void setPrompts(SessionPrompts prompts) { m_prompts = std::move(prompts); }
    // Replaces only the "save your changes?" question (the others stay).
    void setUnsavedPrompt(std::function<int(const QString &scenarioName)> prompt);

    // The open file, or "" for the built-in scenario or one not saved yet.
    QString path() const;
    bool isDirty() const;
    // Whether the scenario is the one compiled into the app (no file, no presets found).
    bool isBuiltIn() const { return m_builtIn; }

    // Opens a scenario file; on failure shows the loader's message, changes nothing, returns false.
    // A file that is not a preset goes to the top of the recent files.
    bool open(const QString &path);
    // Opens the scenario compiled into the app.
    void openBuiltIn();
    // Asks about unsaved edits, then opens `path`; false if the user cancelled or it failed.
    bool switchTo(const QString &path);
    // Asks about unsaved edits, then for a file, then opens it.
    bool chooseAndOpen();

    // Whether unsaved edits may go: true when there are none, or they were saved or discarded.
    bool maybeSave();
    // Saves to the open file; a preset or a scenario without a file asks for a new one.
    bool save();
    // Asks for a file and saves there; the file becomes the open one and a recent file.
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

    SimulationController &m_controller;
    const PresetModel &m_presets;
    SessionPrompts m_prompts;
    bool m_builtIn = false;
};

} // namespace conviz::gui
