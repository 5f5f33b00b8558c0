#include "engine/memory_ledger.h"

#include <algorithm>

namespace conviz {

void MemoryLedger::addStack(std::int64_t reservedDelta, std::int64_t committedDelta)
{
    m_stackReserved += reservedDelta;
    m_stackCommitted += committedDelta;
    m_summary.peakStackReserved = std::max(m_summary.peakStackReserved, m_stackReserved);
    m_summary.peakStackCommitted = std::max(m_summary.peakStackCommitted, m_stackCommitted);
    updatePeaks();
}

void MemoryLedger::addOther(std::int64_t committedDelta)
{
    m_otherCommitted += committedDelta;
    updatePeaks();
}

void MemoryLedger::updatePeaks()
{
    // Non-stack memory is committed as soon as it exists, so it counts fully towards both totals:
    // "reserved" is the address space a process would show, "committed" its resident set.
    m_summary.peakReserved = std::max(m_summary.peakReserved, m_stackReserved + m_otherCommitted);
    m_summary.peakCommitted = std::max(m_summary.peakCommitted, m_stackCommitted + m_otherCommitted);
}

} // namespace conviz
