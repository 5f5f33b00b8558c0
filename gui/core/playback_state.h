// The one shared "where are we" object: the simulated instant every view shows, whether playback
// runs and how fast, and the timelines' zoom and pan. Views listen to its signals and never keep a
// time of their own. GUI thread only.
#pragma once

#include "gui/core/time_axis.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>

namespace conviz::gui {

class PlaybackState : public QObject {
    Q_OBJECT
public:
    // Finds the next (direction > 0) or previous change after `from`, for step / step back.
    using StepFinder = std::function<qint64(qint64 from, int direction)>;

    explicit PlaybackState(QObject *parent = nullptr);

    qint64 time() const { return m_time; }
    qint64 duration() const { return m_duration; }
    bool isPlaying() const { return m_timer.isActive(); }

    // Simulated nanoseconds per wall-clock second, from a ladder of 1-2-5 steps (1 µs/s … 10 s/s).
    double speed() const;
    int speedIndex() const { return m_speedIndex; }
    static int speedCount();
    static double speedAt(int index);

    const TimeAxis &axis() const { return m_axis; }
    bool isFollowing() const { return m_following; }

    void setStepFinder(StepFinder finder) { m_stepFinder = std::move(finder); }

    // The request every column follows (highlighted, its life strip shown); kNoFollow: none.
    static constexpr quint32 kNoFollow = 0xffffffffu;
    quint32 followedRequest() const { return m_followed; }
    bool isFollowingRequest() const { return m_followed != kNoFollow; }

public Q_SLOTS:
    void setTime(qint64 ns);     // clamped to [0, duration]
    void setDuration(qint64 ns); // a new run: keeps the time if it still fits
    void play();
    void pause();
    void togglePlaying();
    void stepForward();
    void stepBack();
    void setSpeedIndex(int index);
    void faster() { setSpeedIndex(m_speedIndex + 1); }
    void slower() { setSpeedIndex(m_speedIndex - 1); }
    // Timeline viewport: the width in pixels, zoom about a pixel, pan by pixels, follow the clock.
    void setAxisWidth(double px);
    void zoomAbout(double px, double factor);
    void panBy(double dpx);
    void setFollowing(bool following);
    void setVisibleSpan(double ns);
    // Follows one request in every column (kNoFollow: stops).
    void setFollowedRequest(quint32 request);
    void clearFollowedRequest() { setFollowedRequest(kNoFollow); }

Q_SIGNALS:
    void timeChanged(qint64 ns);
    void durationChanged(qint64 ns);
    void playingChanged(bool playing);
    void speedChanged(double nsPerSecond);
    void axisChanged();
    void followedRequestChanged(quint32 request);

private:
    void tick();
    void followTime();

    QTimer m_timer;
    QElapsedTimer m_wall;
    StepFinder m_stepFinder;
    TimeAxis m_axis;
    qint64 m_time = 0;
    qint64 m_duration = 0;
    double m_carry = 0; // sub-nanosecond progress between frames
    int m_speedIndex = 9;
    bool m_following = true;
    quint32 m_followed = kNoFollow;
};

} // namespace conviz::gui
