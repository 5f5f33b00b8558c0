#include "engine/strain_watch.h"

#include <algorithm>
#include <cmath>

namespace conviz {

StrainWatch::StrainWatch(const Scenario &scenario, const NarrationRules &rules)
    : m_rules(rules), m_open(scenario.load.kind == LoadKind::Open && scenario.load.rate > 0)
{
    if (!m_open)
        return;
    // Long enough to hold arrivalsPerWindow expected arrivals, so one window's count is not noise.
    const double ns = rules.arrivalsPerWindow / scenario.load.rate * 1e9;
    m_window = std::max(rules.minWindow, Nanos{static_cast<std::int64_t>(std::llround(std::min(ns, 1e18)))});
    m_windowEnd = m_window;
}

double StrainWatch::overload() const
{
    if (m_overloadArrivals == 0 || m_arrivingWindows == 0)
        return 0;
    const double in = static_cast<double>(m_overloadArrivals) / static_cast<double>(m_arrivingWindows);
    const double out = static_cast<double>(std::max<std::int64_t>(m_overloadDepartures, 1)) /
                       static_cast<double>(std::max<std::int64_t>(m_overloadWindows, 1));
    return in / out;
}

std::optional<StrainReport> StrainWatch::closeWindows(Nanos now, std::int64_t backlog)
{
    std::optional<StrainReport> news;
    // The window that just ended. `backlog` is read at the first arrival or departure after its
    // end, which is as close to its end as the watch can look without an event of its own.
    const bool growing = backlog > m_backlogAtStart && backlog >= m_rules.minBacklog;
    const bool behind = growing && m_arrivals > 0 &&
                        static_cast<double>(m_arrivals) >= m_rules.saturationRatio * static_cast<double>(m_departures);
    const auto rates = [this](std::int64_t arrivals, std::int64_t departures, int windows) {
        const double seconds = m_window.toSeconds() * windows;
        return std::pair{static_cast<double>(arrivals) / seconds, static_cast<double>(departures) / seconds};
    };
    if (behind) {
        ++m_behind;
        m_streakArrivals += m_arrivals;
        m_streakDepartures += m_departures;
        if (!m_saturated && m_behind >= m_rules.onsetWindows) {
            // The onset: told once, with the whole streak's rates, until the backlog stops growing.
            m_saturated = true;
            m_saturatedSince = m_windowEnd; // this window is in the streak's totals already
            m_overloadArrivals += m_streakArrivals;
            m_overloadDepartures += m_streakDepartures;
            m_arrivingWindows += m_behind;
            m_overloadWindows += m_behind;
            const auto [in, out] = rates(m_streakArrivals, m_streakDepartures, m_behind);
            news = StrainReport{StrainReport::Kind::Saturation, in, out, backlog, m_windowEnd};
            m_reported = backlog;
            m_reportedAt = m_windowEnd;
        } else if (m_saturated) {
            // Unbounded growth is told each time the backlog doubles: a handful of lines, however long.
            if (backlog >= 2 * m_reported) {
                const auto [in, out] = rates(m_arrivals, m_departures, 1);
                news = StrainReport{StrainReport::Kind::Growth, in, out, backlog, m_reportedAt};
                m_reported = backlog;
                m_reportedAt = m_windowEnd;
            }
        }
    } else {
        m_behind = 0;
        m_streakArrivals = m_streakDepartures = 0;
    }
    // The overload figure: the arrival rate while the load arrives over the departure rate while
    // the model is behind (until its backlog has drained to half), which is what it can serve.
    // Rates over only the windows that fell behind would be picked for their noise (1.5× against
    // the 1.26× of rate ÷ throughput for the default preset's loop at 3,000 req/s), and departures
    // while a burst arrives can be far below capacity (a FIFO loop runs 8,000 first callbacks
    // before any request's last one).
    if (m_saturated && m_windowEnd > m_saturatedSince) {
        m_overloadDepartures += m_departures;
        ++m_overloadWindows;
        if (2 * static_cast<double>(m_arrivals) >= m_rules.arrivalsPerWindow) {
            m_overloadArrivals += m_arrivals;
            ++m_arrivingWindows;
        }
    }
    // Over only once the backlog has drained to half its last told size: a noisy window or two
    // inside a long overload is not a new onset.
    if (m_saturated && 2 * backlog <= m_reported)
        m_saturated = false;
    m_arrivals = m_departures = 0;
    m_backlogAtStart = backlog;
    m_windowEnd += m_window;
    if (now >= m_windowEnd) {
        // Windows without an arrival or a departure: nothing arrived, so nothing fell behind.
        const std::int64_t skipped = (now - m_windowEnd).count() / m_window.count() + 1;
        m_windowEnd += m_window * skipped;
        if (m_saturated) // still behind, serving nothing new: time the overload's departures span
            m_overloadWindows += skipped;
        m_behind = 0;
        m_streakArrivals = m_streakDepartures = 0;
    }
    return news;
}

} // namespace conviz
