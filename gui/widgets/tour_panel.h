// The guided tour's panel (a dock on the left) and the frame it draws around the step's view.
// Next/Back walk the steps: each moves the sliders the step names (going back restores them),
// waits for the new result if there is one, opens the step's charts tab, frames its view (showing
// the dock it sits in if that is hidden, as presentation mode hides some) and moves the clock to
// its instant. A tour starts from the scenario's own values (the controller's baseline) and puts
// them back when it ends. While it runs, the keys a presenter's clicker sends (Page Down, Right,
// Space: next; Page Up, Left: back) go to the tour whichever widget of its window has the focus.
#pragma once

#include "gui/core/run_snapshot.h"
#include "gui/core/tour.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>

class QHBoxLayout;
class QLabel;
class QPushButton;
class QTextBrowser;

namespace conviz::gui {

class ChartsPane;
class CheckpointPanel;
class PlaybackState;
class SimulationController;

// A frame around one widget of the window, drawn above everything and letting clicks through.
class TourHighlight : public QWidget {
    Q_OBJECT
public:
    explicit TourHighlight(QWidget *window);
    void setTarget(QWidget *target);
    QWidget *target() const { return m_target; }
    // The frame in the window's coordinates; empty when there is no visible target.
    QRect frame() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QPointer<QWidget> m_target;
};

class TourPanel : public QWidget {
    Q_OBJECT
public:
    using Resolver = std::function<QWidget *(const TourFocus &)>;
    TourPanel(SimulationController &controller, PlaybackState &playback, ChartsPane &charts, Resolver resolve,
              TourHighlight &highlight, QWidget *parent = nullptr);

    // Starts `tour` at its first step, from the scenario's own values: the sliders go back to the
    // controller's baseline (the file as opened or last saved).
    void start(Tour tour);
    // Ends the tour and puts the sliders back to the scenario's own values.
    void stop();
    // Ends the tour and leaves the scenario alone: another one has replaced it.
    void abandon();
    bool isActive() const { return m_tour.has_value(); }
    int step() const { return m_step; }
    const std::optional<Tour> &tour() const { return m_tour; }
    // The problem the current step ran into (a knob the scenario does not have), or empty.
    QString problem() const { return m_problem; }
    // True while the step waits for the result of its slider moves.
    bool waiting() const { return m_waiting; }
    // The step's checkpoint: question, prediction, veils, reveal (checkpoint_panel.h).
    CheckpointPanel *checkpoint() const { return m_checkpoint; }

    void next();
    void back();

    // The window shows a new result (views, clock range): a step that waits for it goes on. Called
    // by the window once every view has it, so the step's instant is the last word on the clock.
    void resultShown();
    // The window's layout changed (presentation mode on or off): frame the step's view again,
    // showing its dock if the new layout hides it.
    void layoutChanged();
    // Presentation mode: the step counter shares the buttons' row, leaving the text more lines.
    void setPresenting(bool on);

Q_SIGNALS:
    void started();            // a tour began
    void finished();           // the tour ended (End, or Next past the last step)
    void stepShown(int index); // the step is fully shown: sliders, result, clock
    void slidersMoved();       // a step set sliders (before its run): the scenario now holds the tour's values

protected:
    void changeEvent(QEvent *event) override; // the title follows the panel's font (presentation mode)
    // Installed on the application while a tour runs: takes the clicker's keys (see the header).
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void show(int index);
    void updateCounter();
    void showText(); // the step's text, then its checkpoint's
    void arrive();
    // Whether the result on screen is of the scenario's values as they are now.
    bool showsCurrentValues() const;
    void end(bool restore);
    // Frames `target`; shows its dock if that is hidden, and hides again a dock an earlier step showed.
    void frame(QWidget *target);
    void concealRevealed();

    SimulationController &m_controller;
    PlaybackState &m_playback;
    ChartsPane &m_charts;
    Resolver m_resolve;
    TourHighlight &m_highlight;
    std::optional<Tour> m_tour;
    std::vector<std::pair<QString, double>> m_baseline;
    int m_step = -1;
    bool m_waiting = false;
    bool m_presenting = false;
    QString m_problem;
    QPointer<QWidget> m_revealed; // a hidden dock this step showed, to hide again
    QLabel *m_title;
    QLabel *m_counter;
    QHBoxLayout *m_buttons;
    QTextBrowser *m_text;
    CheckpointPanel *m_checkpoint;
    QLabel *m_status;
    QPushButton *m_back;
    QPushButton *m_next;
};

} // namespace conviz::gui
