// Play/pause, step back and forward, speed, and a scrub bar over the whole run.
#pragma once

#include <QWidget>

class QBoxLayout;
class QLabel;
class QSlider;
class QToolButton;

namespace conviz::gui {

class PlaybackState;

class PlaybackBar : public QWidget {
    Q_OBJECT
public:
    explicit PlaybackBar(PlaybackState &playback, QWidget *parent = nullptr);

    QSlider *scrubBar() const { return m_scrub; }
    // The row of controls: widgets another part of the window puts at its end (a long run's
    // progress in presentation mode, where the status bar is hidden).
    QBoxLayout *row() const;
    // The clock as shown: "1.560 027 s / 5.33 s".
    QString clockText() const;

private:
    void syncTime();
    void syncPlaying(bool playing);
    void syncSpeed();

    PlaybackState &m_playback;
    QToolButton *m_play;
    QSlider *m_scrub;
    QLabel *m_time;
    QLabel *m_speed;
    qint64 m_shownTime = -1; // the instant the clock last showed
};

// "10 ms per second", "1 µs per second": a playback speed as people say it.
QString speedText(double simulatedNsPerSecond);

} // namespace conviz::gui
