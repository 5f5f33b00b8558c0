// How much memory a run holds at each instant, and the peaks: stacks (reserved address space and
// committed pages, separately) and everything else (heap objects, runtime and process baselines).
// Models report deltas; the ledger keeps totals and peaks. No clock, no tracing.
#pragma once

#include "engine/metrics.h"

#include <algorithm>
#include <cstdint>

namespace conviz {

class MemoryLedger {
public:
    // Stack bytes come or go: `reservedDelta` of address space, `committedDelta` of touched pages.
    // Inline, as addOther: every task's start and end pass here.
    void addStack(std::int64_t reservedDelta, std::int64_t committedDelta)
    {
        m_stackReserved += reservedDelta;
        m_stackCommitted += committedDelta;
        m_summary.peakStackReserved = std::max(m_summary.peakStackReserved, m_stackReserved);
        m_summary.peakStackCommitted = std::max(m_summary.peakStackCommitted, m_stackCommitted);
        updatePeaks();
    }
    // Non-stack bytes come or go (always committed).
    void addOther(std::int64_t committedDelta)
    {
        m_otherCommitted += committedDelta;
        updatePeaks();
    }
    // Records what is committed now as the baseline. Call once, before the first request.
    void markBaseline() { m_summary.baselineCommitted = m_stackCommitted + m_otherCommitted; }

    std::int64_t stackReserved() const { return m_stackReserved; }
    std::int64_t stackCommitted() const { return m_stackCommitted; }
    std::int64_t otherCommitted() const { return m_otherCommitted; }
    // Peaks since the start, and the baseline.
    const MemorySummary &summary() const { return m_summary; }

private:
    void updatePeaks()
    {
        // Non-stack memory is committed as soon as it exists, so it counts fully towards both
        // totals: "reserved" is the address space a process would show, "committed" its resident set.
        m_summary.peakReserved = std::max(m_summary.peakReserved, m_stackReserved + m_otherCommitted);
        m_summary.peakCommitted = std::max(m_summary.peakCommitted, m_stackCommitted + m_otherCommitted);
    }

    std::int64_t m_stackReserved = 0;
    std::int64_t m_stackCommitted = 0;
    std::int64_t m_otherCommitted = 0;
    MemorySummary m_summary;
};

} // namespace conviz
