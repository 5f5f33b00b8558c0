// The guided tour's panel (a dock on the right) and the frame it draws around the step's view.
// Next/Back (PageDown/PageUp, as presenter clickers send) walk the steps: each moves the sliders
// the step names (going back restores them), waits for the new result if there is one, opens the
// step's charts tab, frames its view and moves the clock to its instant.
#pragma once

#include "gui/core/run_snapshot.h"
#include "gui/core/tour.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace conviz::gui {

class ChartsPane;
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

    // Starts `tour` on the current scenario at its first step.
    void start(Tour tour);
    void stop();
    bool isActive() const { return m_tour.has_value(); }
    int step() const { return m_step; }
    const std::optional<Tour> &tour() const { return m_tour; }
    // The problem the current step ran into (a knob the scenario does not have), or empty.
    QString problem() const { return m_problem; }
    // True while the step waits for the result of its slider moves.
    bool waiting() const { return m_waiting; }

    void next();
    void back();

Q_SIGNALS:
    void started();            // a tour began
    void finished();           // the tour ended (End, or Next past the last step)
    void stepShown(int index); // the step is fully shown: sliders, result, clock
    void slidersMoved();       // a step set sliders (before its run): the scenario now holds the tour's values

protected:
    void changeEvent(QEvent *event) override; // the title follows the panel's font (presentation mode)

private:
    void show(int index);
    void arrive();
    void onResult(const std::shared_ptr<const RunSnapshot> &snapshot);

    SimulationController &m_controller;
    PlaybackState &m_playback;
    ChartsPane &m_charts;
    Resolver m_resolve;
    TourHighlight &m_highlight;
    std::optional<Tour> m_tour;
    std::vector<std::pair<QString, double>> m_baseline;
    int m_step = -1;
    bool m_waiting = false;
    QString m_problem;
    QLabel *m_title;
    QLabel *m_counter;
    QTextBrowser *m_text;
    QLabel *m_status;
    QPushButton *m_back;
    QPushButton *m_next;
};

} // namespace conviz::gui
