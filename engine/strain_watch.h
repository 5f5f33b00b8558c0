// Watches an open load for the model falling behind: arrivals that outrun completions while the
// requests that want a core, a connection or a pool thread pile up. It sees only what every model
// has (arrivals, departures, tasks not parked on I/O or a join), so its verdict is the same whether
// or not anyone records a trace, and it schedules no events of its own (it looks at the clock when
// a request arrives or leaves), so watching changes nothing in the run.
#pragma once

#include "engine/core/scenario.h"
#include "engine/core/sim_time.h"

#include <cstdint>
#include <optional>

namespace conviz {

// What the watch tells its runtime when a window closes.
struct StrainReport {
    enum class Kind : std::uint8_t { Saturation, Growth } kind = Kind::Saturation;
    double arrivalRps = 0;    // over the windows that fell behind
    double departureRps = 0;  // likewise: completed or refused
    std::int64_t backlog = 0; // tasks wanting a core, a connection or a pool thread, or using one
    Nanos since{};            // Growth: when the backlog was last reported (half its size now)
};

class StrainWatch {
public:
    StrainWatch(const Scenario &scenario, const NarrationRules &rules);

    // A request arrived / left (completed or refused) at `now`; `backlog` counts the tasks that are
    // neither parked on I/O nor joining. Returns what to tell, if a window closed with news.
    // Inline: they run for every request, and a window closes only now and then.
    std::optional<StrainReport> arrived(Nanos now, std::int64_t backlog)
    {
        auto news = windowOver(now) ? closeWindows(now, backlog) : std::nullopt;
        ++m_arrivals;
        return news;
    }
    std::optional<StrainReport> departed(Nanos now, std::int64_t backlog)
    {
        auto news = windowOver(now) ? closeWindows(now, backlog) : std::nullopt;
        ++m_departures;
        return news;
    }

    // The arrival rate while the load arrived ÷ the departure rate while the model was behind (0 if
    // it never fell behind): how far the load was beyond what the model could serve.
    double overload() const;

private:
    bool windowOver(Nanos now) const { return m_open && now >= m_windowEnd; }
    // Precondition: windowOver(now).
    std::optional<StrainReport> closeWindows(Nanos now, std::int64_t backlog);

    const NarrationRules m_rules;
    const bool m_open; // only an open load can outrun a model: closed clients wait for answers
    Nanos m_window{};
    Nanos m_windowEnd{};
    std::int64_t m_arrivals = 0, m_departures = 0; // in the open window
    std::int64_t m_backlogAtStart = 0;
    int m_behind = 0; // windows in a row that fell behind
    std::int64_t m_streakArrivals = 0, m_streakDepartures = 0;
    bool m_saturated = false; // the onset was told; until the backlog drains to half
    Nanos m_saturatedSince{}; // the end of the window that made the onset
    std::int64_t m_reported = 0;
    Nanos m_reportedAt{};
    // Over the overload: arrivals in windows where the load arrived, departures in every window.
    std::int64_t m_overloadArrivals = 0, m_overloadDepartures = 0;
    std::int64_t m_arrivingWindows = 0, m_overloadWindows = 0;
};

} // namespace conviz
