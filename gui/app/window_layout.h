// The main window's layout: the playback bar over the three model columns in the centre; the
// scenario picker with the parameters, the teaching note, its exercises and the guided tour docked
// on the left;
// the charts and the narration docked at the bottom; the status line. Also presentation mode,
// which is a second arrangement of the same widgets. Builds widgets and places them; wires
// nothing but what keeps the layout itself consistent (the tour dock hides when the tour ends).
// GUI thread only.
#pragma once

#include <QByteArray>
#include <QSize>

#include <array>
#include <memory>

class QBoxLayout;
class QComboBox;
class QDockWidget;
class QLabel;
class QMainWindow;
class QWidget;

namespace conviz::gui {

class ChartsPane;
class ExercisePanel;
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
    // Presentation mode's text, in pixels on a 1920×1080 screen (scaled with the screen's height):
    // the body text, and the tour's text, which the room reads from the back.
    static constexpr double kPresentationBodyPx = 22;
    static constexpr double kPresentationTourPx = 28;
    // The text's enlargement in presentation mode on a screen `screenHeight` px tall, for a normal
    // font of `normalPixels` px; at least 1.
    static double presentationScale(int screenHeight, double normalPixels);
    // The tour text's pixel size in presentation mode on a screen `screenHeight` px tall.
    static int tourPixels(int screenHeight);

    struct Docks {
        QDockWidget *scenario = nullptr, *note = nullptr, *charts = nullptr, *narration = nullptr, *tour = nullptr,
                    *exercises = nullptr;
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
    PlaybackBar *playbackBar() const { return m_playbackBar; }
    TourPanel *tour() const { return m_tour; }
    ExercisePanel *exercises() const { return m_exercises; }
    TourHighlight *highlight() const { return m_highlight; }
    const Docks &docks() const { return m_docks; }

    // Shows the tour's dock in front of the note it shares a tab with, tall enough for a step's text.
    void showTourDock();

    // Whether a screen with `available` room (QScreen::availableGeometry) gets the compact
    // arrangement: under 1500×900, e.g. a 1366×768 laptop or a 1280×720 projector.
    static bool isCompact(QSize available);
    // The docks' first arrangement for such a screen (before any saved state is restored): the
    // scenario and note docks tabbed together, the narration tabbed with the charts.
    void arrangeForScreen(QSize available);
    bool compact() const { return m_compact; }
    // The charts dock: the least height at which a chart's title, axes and plot stay readable,
    // and its first height in the compact arrangement.
    static constexpr int kChartsMinHeight = 200;
    static constexpr int kCompactChartsHeight = 230;

    // Full screen with the scenario, note and narration docks hidden and the text ×presentationScale();
    // leaving restores the docks, the window and the fonts exactly. Does nothing if already so.
    // The tour moves under the models, beside the charts, which show one chart at a time; the
    // projector palette is on (palette.h).
    void setPresentationMode(bool on);
    bool presentationMode() const { return m_presenting; }
    // The window changed size: in presentation mode the chart takes what the model rows leave.
    void windowResized();
    // The text's enlargement now: presentationScale() in presentation mode, else 1.
    double textScale() const { return m_scale; }
    // The window's geometry and dock state as saveGeometry()/saveState() would give them outside
    // presentation mode: what persists.
    QByteArray normalGeometry() const;
    QByteArray normalState() const;

private:
    void buildCentre(PlaybackState &playback);
    void buildDocks(SimulationController &controller, PlaybackState &playback, PresetModel &presets,
                    NarrationModel &narration);
    void buildTourDock(SimulationController &controller, PlaybackState &playback);
    int screenWidth() const; // the window's screen, in presentation mode the window's width
    void placeTourBesideChart();
    // Presentation mode: the charts dock's height, what the model rows leave.
    int presentationChartsHeight() const;

    QMainWindow &m_window;
    std::array<ModelColumn *, 3> m_columns{};
    std::unique_ptr<StackScaleLink> m_stackScale; // the columns' one stack-memory scale
    PlaybackBar *m_playbackBar = nullptr;
    QBoxLayout *m_columnsBox = nullptr; // the three columns: side by side, or rows when presenting
    ParameterPanel *m_parameters = nullptr;
    ChartsPane *m_charts = nullptr;
    NarrationView *m_narrationView = nullptr;
    NotePane *m_note = nullptr;
    QComboBox *m_presetBox = nullptr;
    QLabel *m_status = nullptr;
    TourPanel *m_tour = nullptr;
    ExercisePanel *m_exercises = nullptr;
    TourHighlight *m_highlight = nullptr;
    Docks m_docks;
    bool m_presenting = false;
    bool m_compact = false;
    double m_scale = 1;
    QByteArray m_normalState;    // saveState() before presentation mode
    QByteArray m_normalGeometry; // saveGeometry() before presentation mode
};

// `wanted` (a window's client size) shrunk to fit `available` with the window manager's frame.
QSize fittedSize(QSize wanted, QSize available);

} // namespace conviz::gui
