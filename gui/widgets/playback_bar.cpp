#include "gui/widgets/playback_bar.h"

#include "gui/core/format.h"
#include "gui/core/playback_state.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QToolButton>

#include <algorithm>
#include <cstdlib>

namespace conviz::gui {
namespace {

constexpr int kScrubSteps = 10000;

QToolButton *button(QWidget *parent, QStyle::StandardPixmap icon, const QString &tip)
{
    auto *b = new QToolButton(parent);
    b->setIcon(parent->style()->standardIcon(icon));
    b->setToolTip(tip);
    b->setAutoRaise(true);
    b->setIconSize(QSize(20, 20));
    return b;
}

} // namespace

QString speedText(double ns) { return QStringLiteral("%1 / s").arg(formatDuration(ns)); }

PlaybackBar::PlaybackBar(PlaybackState &playback, QWidget *parent) : QWidget(parent), m_playback(playback)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    auto *back = button(this, QStyle::SP_MediaSeekBackward, QStringLiteral("Step back to the previous change (←)"));
    m_play = button(this, QStyle::SP_MediaPlay, QStringLiteral("Play / pause (Space)"));
    auto *step = button(this, QStyle::SP_MediaSeekForward, QStringLiteral("Step to the next change (→)"));
    auto *slower = new QToolButton(this);
    slower->setText(QStringLiteral("−"));
    slower->setToolTip(QStringLiteral("Slower (−)"));
    auto *faster = new QToolButton(this);
    faster->setText(QStringLiteral("+"));
    faster->setToolTip(QStringLiteral("Faster (+)"));
    m_speed = new QLabel(this);
    m_speed->setToolTip(QStringLiteral("Simulated time per second of playback"));
    m_speed->setMinimumWidth(QFontMetrics(m_speed->font()).horizontalAdvance(QStringLiteral("500 ms / s")) + 8);
    m_speed->setAlignment(Qt::AlignCenter);
    m_scrub = new QSlider(Qt::Horizontal, this);
    m_scrub->setRange(0, kScrubSteps);
    m_scrub->setToolTip(QStringLiteral("Scrub through the run"));
    m_scrub->setFocusPolicy(Qt::NoFocus);
    m_time = new QLabel(this);
    m_time->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    QFont mono = m_time->font();
    mono.setBold(true);
    m_time->setFont(mono);
    // Room for a clock at nanosecond resolution, so the scrub bar does not jump as digits come and go.
    m_time->setMinimumWidth(
        QFontMetrics(mono).horizontalAdvance(formatInstant(888'888'888, 1) + QStringLiteral(" / 888.88 ms")) + 8);
    for (QWidget *w : std::initializer_list<QWidget *>{back, m_play, step, slower, m_speed, faster})
        w->setFocusPolicy(Qt::NoFocus);
    layout->addWidget(back);
    layout->addWidget(m_play);
    layout->addWidget(step);
    layout->addSpacing(8);
    layout->addWidget(slower);
    layout->addWidget(m_speed);
    layout->addWidget(faster);
    layout->addSpacing(8);
    layout->addWidget(m_scrub, 1);
    layout->addWidget(m_time);

    connect(back, &QToolButton::clicked, &playback, &PlaybackState::stepBack);
    connect(step, &QToolButton::clicked, &playback, &PlaybackState::stepForward);
    connect(m_play, &QToolButton::clicked, &playback, &PlaybackState::togglePlaying);
    connect(slower, &QToolButton::clicked, &playback, &PlaybackState::slower);
    connect(faster, &QToolButton::clicked, &playback, &PlaybackState::faster);
    connect(m_scrub, &QSlider::valueChanged, this, [this](int v) {
        m_playback.setTime(m_playback.duration() / kScrubSteps * v +
                           m_playback.duration() % kScrubSteps * v / kScrubSteps);
    });
    connect(&playback, &PlaybackState::timeChanged, this, &PlaybackBar::syncTime);
    connect(&playback, &PlaybackState::durationChanged, this, &PlaybackBar::syncTime);
    connect(&playback, &PlaybackState::playingChanged, this, &PlaybackBar::syncPlaying);
    connect(&playback, &PlaybackState::speedChanged, this, &PlaybackBar::syncSpeed);
    syncTime();
    syncSpeed();
}

void PlaybackBar::syncTime()
{
    const qint64 d = m_playback.duration();
    {
        const QSignalBlocker block(m_scrub);
        m_scrub->setValue(
            d > 0 ? static_cast<int>(static_cast<double>(m_playback.time()) / static_cast<double>(d) * kScrubSteps)
                  : 0);
    }
    // As many digits as tell this instant from the last one shown (a step, a frame of play) and
    // as the timelines resolve (a pixel): after any press of → the clock reads differently.
    const qint64 t = m_playback.time();
    double resolution = m_playback.axis().nsPerPixel();
    if (m_shownTime >= 0 && t != m_shownTime)
        resolution = std::min(resolution, static_cast<double>(std::llabs(t - m_shownTime)));
    m_shownTime = t;
    m_time->setText(QStringLiteral("%1 / %2").arg(formatClock(static_cast<double>(t), resolution),
                                                  formatDuration(static_cast<double>(d))));
}

QString PlaybackBar::clockText() const { return m_time->text(); }

void PlaybackBar::syncPlaying(bool playing)
{
    m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

void PlaybackBar::syncSpeed() { m_speed->setText(speedText(m_playback.speed())); }

QBoxLayout *PlaybackBar::row() const { return static_cast<QBoxLayout *>(layout()); }

} // namespace conviz::gui
