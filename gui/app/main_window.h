// The main window: composes the layout (WindowLayout), the menus and shortcuts (AppActions) and
// the open file (Session) around the controller and the playback state, and keeps what they show
// in step: a new result reaches every view, a new scenario its note, title and tour. Owns no logic
// of its own beyond that and the window's settings. GUI thread only.
#pragma once

#include "gui/app/window_layout.h"
#include "gui/core/run_snapshot.h"

#include <QMainWindow>

#include <array>
#include <functional>
#include <memory>

namespace conviz::gui {

class AppActions;
class Autosave;
class BookmarkActions;
class ChartsPane;
class ExportActions;
class LiveMode;
class ModelColumn;
class NarrationModel;
class ParameterPanel;
class PlaybackState;
class PresetModel;
class PresenterTools;
class RunProgress;
class Session;
class SimulationController;
class TourHighlight;
class TourPanel;
class WindowTour;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens `path`, or (empty path) the default preset, or the built-in scenario.
    void openInitial(const QString &path);
    // Opens a scenario file; returns false (after telling the user) if it cannot be read.
    bool openScenario(const QString &path);

    // Offers back the unsaved edits of an instance that crashed or was killed (Autosave); a restored
    // scenario is open, unsaved, and the status line says so. Returns whether one was restored.
    bool offerRecovery();

    // What asks "save your changes?": returns Save, Discard or Cancel (QMessageBox buttons).
    // Tests replace the dialog; an empty function brings it back.
    void setUnsavedPrompt(std::function<int()> prompt);

    SimulationController &controller() const { return *m_controller; }
    PlaybackState &playback() const { return *m_playback; }
    PresetModel &presets() const { return *m_presets; }
    Session &session() const { return *m_session; }
    Autosave &autosave() const { return *m_autosave; }
    ExportActions &exports() const { return *m_exports; }
    LiveMode &live() const { return *m_live; }
    PresenterTools &presenter() const { return *m_presenter; }
    RunProgress &runProgress() const { return *m_runProgress; }
    BookmarkActions &bookmarks() const { return *m_bookmarks; }
    ChartsPane *chartsPane() const { return m_layout->charts(); }
    ParameterPanel *parameterPanel() const { return m_layout->parameters(); }
    const std::array<ModelColumn *, 3> &columns() const { return m_layout->columns(); }

    WindowLayout &windowLayout() { return *m_layout; }
    // Presentation mode (F5 or Ctrl+Shift+P; Esc leaves): see WindowLayout::setPresentationMode.
    // The mode is not persisted.
    // The text's enlargement now (presentation mode: from the screen's height; else 1).
    double textScale() const;
    void setPresentationMode(bool on);
    bool presentationMode() const { return m_layout->presentationMode(); }

    // Guided tour of the current scenario (tours/NAME.toml beside it): Help › Guided tour, Ctrl+T.
    // Returns false (after saying why) when there is none or it cannot be read.
    bool startTour();
    TourPanel *tourPanel() const { return m_layout->tour(); }
    TourHighlight *tourHighlight() const { return m_layout->highlight(); }
    // Help › Tour of the window (F1): the window's parts one by one, by keys (window_tour_stops.h).
    WindowTour *windowTour() const { return m_windowTour; }

protected:
    void closeEvent(QCloseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void onResult(const std::shared_ptr<const RunSnapshot> &snapshot);
    void showFollowedRequest(); // the followed request's life handed to each column
    void onOpened(const QString &path);
    void choosePreset(int row);
    void updateTitle();
    void showNote();
    void restoreSettings();
    void saveSettings();

    // Declared in the order they are built: each may refer to those above it.
    std::unique_ptr<SimulationController> m_controller;
    std::unique_ptr<PlaybackState> m_playback;
    std::unique_ptr<PresetModel> m_presets;
    std::unique_ptr<NarrationModel> m_narration;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<Autosave> m_autosave;
    std::unique_ptr<WindowLayout> m_layout;
    ExportActions *m_exports = nullptr;
    AppActions *m_actions = nullptr;
    LiveMode *m_live = nullptr;
    PresenterTools *m_presenter = nullptr;
    RunProgress *m_runProgress = nullptr;
    BookmarkActions *m_bookmarks = nullptr;
    WindowTour *m_windowTour = nullptr;
    std::shared_ptr<const RunSnapshot> m_shown;
    bool m_freshScenario = false;
    QString m_prefixNote; // the status while a drag's preview of the first requests is shown
};

} // namespace conviz::gui
