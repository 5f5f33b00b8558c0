// The main window's layout: the playback bar over the three model columns in the centre; the
// scenario picker with the parameters, the teaching note and the guided tour docked on the left;
// the charts and the narration docked at the bottom; the status line. Also presentation mode,
// which is a second arrangement of the same widgets. Builds widgets and places them; wires
// nothing but what keeps the layout itself consistent (the tour dock hides when the tour ends).
// GUI thread only.
#pragma once

#include <QByteArray>

#include <array>
#include <memory>

class QComboBox;
class QDockWidget;
class QLabel;
class QMainWindow;
class QWidget;

namespace conviz::gui {

class ChartsPane;
class ModelColumn;
class StackScaleLink;
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

class WindowLayout {
public:
    // Presentation mode's text size, relative to the normal one: a projector's back row can read it.
    static constexpr double kPresentationScale = 1.35;

    struct Docks {
        QDockWidget *scenario = nullptr, *note = nullptr, *charts = nullptr, *narration = nullptr, *tour = nullptr;
    };

    // Builds every widget as a child of `window` and places it; the models must outlive them.
    WindowLayout(QMainWindow &window, SimulationController &controller, PlaybackState &playback, PresetModel &presets,
                 NarrationModel &narration);
    ~WindowLayout();

    const std::array<ModelColumn *, 3> &columns() const { return m_columns; }
    ParameterPanel *parameters() const { return m_parameters; }
    ChartsPane *charts() const { return m_charts; }
    NarrationView *narrationView() const { return m_narrationView; }
    NotePane *note() const { return m_note; }
    QComboBox *presetBox() const { return m_presetBox; }
    QLabel *status() const { return m_status; }
    TourPanel *tour() const { return m_tour; }
    TourHighlight *highlight() const { return m_highlight; }
    const Docks &docks() const { return m_docks; }

    // Shows the tour's dock in front of the note it shares a tab with, tall enough for a step's text.
    void showTourDock();

    // Full screen with the scenario, note and narration docks hidden and the text ×kPresentationScale;
    // leaving restores the docks, the window and the fonts exactly. Does nothing if already so.
    void setPresentationMode(bool on);
    bool presentationMode() const { return m_presenting; }
    // The window's geometry and dock state as saveGeometry()/saveState() would give them outside
    // presentation mode: what persists.
    QByteArray normalGeometry() const;
    QByteArray normalState() const;

private:
    void buildCentre(PlaybackState &playback);
    void buildDocks(SimulationController &controller, PlaybackState &playback, PresetModel &presets,
                    NarrationModel &narration);
    void buildTourDock(SimulationController &controller, PlaybackState &playback);

    QMainWindow &m_window;
    std::array<ModelColumn *, 3> m_columns{};
    std::unique_ptr<StackScaleLink> m_stackScale; // the columns' one stack-memory scale
    PlaybackBar *m_playbackBar = nullptr;
    ParameterPanel *m_parameters = nullptr;
    ChartsPane *m_charts = nullptr;
    NarrationView *m_narrationView = nullptr;
    NotePane *m_note = nullptr;
    QComboBox *m_presetBox = nullptr;
    QLabel *m_status = nullptr;
    TourPanel *m_tour = nullptr;
    TourHighlight *m_highlight = nullptr;
    Docks m_docks;
    bool m_presenting = false;
    QByteArray m_normalState;    // saveState() before presentation mode
    QByteArray m_normalGeometry; // saveGeometry() before presentation mode
};

} // namespace conviz::gui
