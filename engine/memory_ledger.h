// How much memory a run holds at each instant, and the peaks: stacks (reserved address space and
// committed pages, separately) and everything else (heap objects, runtime and process baselines).
// Models report deltas; the ledger keeps totals and peaks. No clock, no tracing.
#pragma once

#include "engine/metrics.h"

#include <cstdint>

namespace conviz {

class MemoryLedger {
public:
    // Stack bytes come or go: `reservedDelta` of address space, `committedDelta` of touched pages.
    void addStack(std::int64_t reservedDelta, std::int64_t committedDelta);
    // Non-stack bytes come or go (always committed).
    void addOther(std::int64_t committedDelta);
    // Records what is committed now as the baseline. Call once, before the first request.
    void markBaseline() { m_summary.baselineCommitted = m_stackCommitted + m_otherCommitted; }

    std::int64_t stackReserved() const { return m_stackReserved; }
    std::int64_t stackCommitted() const { return m_stackCommitted; }
    std::int64_t otherCommitted() const { return m_otherCommitted; }
    // Peaks since the start, and the baseline.
    const MemorySummary &summary() const { return m_summary; }

private:
    void updatePeaks();

    std::int64_t m_stackReserved = 0;
    std::int64_t m_stackCommitted = 0;
    std::int64_t m_otherCommitted = 0;
    MemorySummary m_summary;
};

} // namespace conviz
