#include "gui/core/playback_state.h"

#include <QThread>

#include <algorithm>
#include <array>
#include <cmath>

namespace conviz::gui {
namespace {

// 1-2-5 steps from slow motion (1 µs of simulated time per second) to fast (10 s per second).
constexpr std::array<double, 23> kSpeeds{1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6,  2e6, 5e6,
                                         1e7, 2e7, 5e7, 1e8, 2e8, 5e8, 1e9, 2e9, 5e9, 1e10, 1e10};
constexpr int kSpeedCount = 22;

#define CONVIZ_GUI_THREAD() Q_ASSERT(thread() == QThread::currentThread())

} // namespace

PlaybackState::PlaybackState(QObject *parent) : QObject(parent)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(16);
    connect(&m_timer, &QTimer::timeout, this, &PlaybackState::tick);
    m_axis.boundEnd = 1e6;
    m_axis.span = 1e6;
}

double PlaybackState::speed() const { return kSpeeds[static_cast<std::size_t>(m_speedIndex)]; }
int PlaybackState::speedCount() { return kSpeedCount; }
double PlaybackState::speedAt(int index)
{
    return kSpeeds[static_cast<std::size_t>(std::clamp(index, 0, kSpeedCount - 1))];
}

void PlaybackState::setTime(qint64 ns)
{
    CONVIZ_GUI_THREAD();
    ns = std::clamp<qint64>(ns, 0, m_duration);
    if (ns == m_time)
        return;
    m_time = ns;
    if (m_following)
        followTime();
    Q_EMIT timeChanged(m_time);
}

void PlaybackState::setDuration(qint64 ns)
{
    CONVIZ_GUI_THREAD();
    ns = std::max<qint64>(ns, 0);
    const bool first = m_duration == 0;
    m_duration = ns;
    m_axis.boundStart = 0;
    m_axis.boundEnd = static_cast<double>(std::max<qint64>(ns, 1));
    if (first)
        m_axis.span = std::max(m_axis.boundEnd / 20, m_axis.minSpan);
    m_axis.clamp();
    Q_EMIT durationChanged(ns);
    if (m_time > ns) {
        m_time = ns;
    }
    followTime();
    Q_EMIT timeChanged(m_time);
    Q_EMIT axisChanged();
}

void PlaybackState::play()
{
    CONVIZ_GUI_THREAD();
    if (m_timer.isActive() || m_duration <= 0)
        return;
    if (m_time >= m_duration)
        setTime(0);
    m_wall.start();
    m_carry = 0;
    m_timer.start();
    setFollowing(true);
    Q_EMIT playingChanged(true);
}

void PlaybackState::pause()
{
    CONVIZ_GUI_THREAD();
    if (!m_timer.isActive())
        return;
    m_timer.stop();
    Q_EMIT playingChanged(false);
}

void PlaybackState::togglePlaying()
{
    if (isPlaying())
        pause();
    else
        play();
}

void PlaybackState::tick()
{
    const double elapsed = static_cast<double>(m_wall.nsecsElapsed()) / 1e9;
    m_wall.start();
    // Never jump more than a tenth of a second's worth after a stall (a debugger, a slow frame).
    const double advance = speed() * std::min(elapsed, 0.1) + m_carry;
    const auto whole = static_cast<qint64>(std::floor(advance));
    m_carry = advance - static_cast<double>(whole);
    const qint64 next = std::min(m_time + whole, m_duration);
    setTime(next);
    if (next >= m_duration)
        pause();
}

void PlaybackState::stepForward()
{
    pause();
    const qint64 next = m_stepFinder ? m_stepFinder(m_time, +1) : m_time;
    setTime(next > m_time ? next : m_time + static_cast<qint64>(speed() / 60));
}

void PlaybackState::stepBack()
{
    pause();
    const qint64 prev = m_stepFinder ? m_stepFinder(m_time, -1) : m_time;
    setTime(prev < m_time ? prev : m_time - static_cast<qint64>(speed() / 60));
}

void PlaybackState::setSpeedIndex(int index)
{
    CONVIZ_GUI_THREAD();
    index = std::clamp(index, 0, kSpeedCount - 1);
    if (index == m_speedIndex)
        return;
    m_speedIndex = index;
    Q_EMIT speedChanged(speed());
}

void PlaybackState::setAxisWidth(double px)
{
    if (px <= 0 || px == m_axis.width)
        return;
    m_axis.width = px;
    followTime();
    Q_EMIT axisChanged();
}

void PlaybackState::zoomAbout(double px, double factor)
{
    if (m_following)
        px = m_axis.toPixel(static_cast<double>(m_time)); // zoom about the clock while it leads
    m_axis.zoomAbout(px, factor);
    followTime();
    Q_EMIT axisChanged();
}

void PlaybackState::panBy(double dpx)
{
    m_following = false;
    m_axis.panBy(dpx);
    Q_EMIT axisChanged();
}

void PlaybackState::setFollowing(bool following)
{
    if (following == m_following)
        return;
    m_following = following;
    followTime();
    Q_EMIT axisChanged();
}

void PlaybackState::setVisibleSpan(double ns)
{
    m_axis.span = ns;
    m_axis.clamp();
    followTime();
    Q_EMIT axisChanged();
}

void PlaybackState::followTime()
{
    if (!m_following)
        return;
    const double before = m_axis.start;
    m_axis.centreOn(static_cast<double>(m_time), 0.5);
    if (m_axis.start != before)
        Q_EMIT axisChanged();
}

void PlaybackState::setFollowedRequest(quint32 request)
{
    if (request == m_followed)
        return;
    m_followed = request;
    Q_EMIT followedRequestChanged(request);
}

} // namespace conviz::gui
