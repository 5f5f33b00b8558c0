// The main window: scenario picker, parameters and teaching note on the left; the three model
// columns in the centre under the playback bar; charts and the narration log at the bottom.
// Wires the controller, the playback state and the views; owns no logic of its own beyond files,
// menus and settings.
#pragma once

#include "gui/core/run_snapshot.h"

#include <QMainWindow>

#include <array>
#include <functional>
#include <memory>

class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QMenu;

namespace conviz::gui {

class ChartsPane;
class ExportActions;
class ModelColumn;
class NarrationModel;
class NarrationView;
class NotePane;
class ParameterPanel;
class PlaybackBar;
class PlaybackState;
class PresetModel;
class SimulationController;
class TourHighlight;
class TourPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens `path`, or (empty path) the default preset, or the built-in scenario.
    void openInitial(const QString &path);
    // Opens a scenario file; returns false (after telling the user) if it cannot be read.
    bool openScenario(const QString &path);

    // What asks "save your changes?": returns Save, Discard or Cancel (QMessageBox buttons).
    // Tests replace the dialog.
    void setUnsavedPrompt(std::function<int()> prompt) { m_prompt = std::move(prompt); }

    SimulationController &controller() const { return *m_controller; }
    PlaybackState &playback() const { return *m_playback; }
    PresetModel &presets() const { return *m_presets; }
    ChartsPane *chartsPane() const { return m_charts; }
    ExportActions &exports() const { return *m_exports; }
    ParameterPanel *parameterPanel() const { return m_parameters; }
    const std::array<ModelColumn *, 3> &columns() const { return m_columns; }

    // Presentation mode (F5 or Ctrl+Shift+P; Esc leaves): full screen, the parameter, note and
    // narration docks hidden, every text ×kPresentationScale so a projector's back row can read it.
    // Leaving restores the docks, the window and the fonts exactly; the mode is not persisted.
    static constexpr double kPresentationScale = 1.35;

    // Guided tour of the current scenario (tours/NAME.toml beside it): Help › Guided tour, Ctrl+T.
    // Returns false (after saying why) when there is none or it cannot be read.
    bool startTour();
    TourPanel *tourPanel() const { return m_tour; }
    TourHighlight *tourHighlight() const { return m_highlight; }
    void setPresentationMode(bool on);
    bool presentationMode() const { return m_presenting; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildDocks();
    void buildMenus();
    void onResult(const std::shared_ptr<const RunSnapshot> &snapshot);
    void choosePreset(int row);
    bool maybeSave();
    bool save();
    bool saveAs();
    void addRecent(const QString &path);
    void fillRecentMenu();
    void updateTitle();
    void showNote();
    void restoreSettings();
    void saveSettings();

    std::unique_ptr<SimulationController> m_controller;
    std::unique_ptr<PlaybackState> m_playback;
    std::unique_ptr<PresetModel> m_presets;
    std::unique_ptr<NarrationModel> m_narration;
    std::shared_ptr<const RunSnapshot> m_shown;
    std::array<ModelColumn *, 3> m_columns{};
    PlaybackBar *m_playbackBar = nullptr;
    ParameterPanel *m_parameters = nullptr;
    ChartsPane *m_charts = nullptr;
    ExportActions *m_exports = nullptr;
    NarrationView *m_narrationView = nullptr;
    NotePane *m_note = nullptr;
    QComboBox *m_presetBox = nullptr;
    QLabel *m_status = nullptr;
    QMenu *m_recentMenu = nullptr;
    std::function<int()> m_prompt;
    struct Docks {
        QDockWidget *scenario = nullptr, *note = nullptr, *charts = nullptr, *narration = nullptr, *tour = nullptr;
    } m_docks;
    TourPanel *m_tour = nullptr;
    TourHighlight *m_highlight = nullptr;
    QAction *m_tourAction = nullptr;
    QAction *m_presentAction = nullptr;
    QAction *m_leavePresentation = nullptr;
    bool m_presenting = false;
    QByteArray m_normalState;    // saveState() before presentation mode
    QByteArray m_normalGeometry; // saveGeometry() before presentation mode
    bool m_builtIn = false;
    bool m_freshScenario = false;
};

} // namespace conviz::gui
