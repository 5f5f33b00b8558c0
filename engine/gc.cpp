#include "engine/gc.h"

#include <algorithm>
#include <cmath>

namespace conviz {
namespace {
constexpr std::int64_t kHeapMinimum = 4 * MiB; // mgcpacer.go defaultHeapMinimum, scaled by GOGC/100
// mgcpacer.go: the trigger lies between 45/64 (≈ 0.7) and 61/64 (≈ 0.95) of the runway.
constexpr std::int64_t kTriggerDen = 64;
constexpr std::int64_t kMinTriggerNum = 45;
constexpr std::int64_t kMaxTriggerNum = 61;
} // namespace

GoPacer::GoPacer(const FiberParams &params)
    : m_gogc(params.gogc), m_base(params.gcLiveHeap), m_marked(params.gcLiveHeap)
{
    plan();
}

std::int64_t GoPacer::runway() const
{
    // marked × GOGC / 100 without overflow, rounded down as mgcpacer.go's integer arithmetic.
    const std::int64_t growth = m_marked / 100 * m_gogc + m_marked % 100 * m_gogc / 100;
    const std::int64_t goal = std::max(m_marked + growth, kHeapMinimum * m_gogc / 100);
    return std::max<std::int64_t>(goal - m_marked, 1);
}

void GoPacer::plan()
{
    // Start early by what the last mark allocated, so the heap meets the goal as the mark ends.
    const std::int64_t r = runway();
    const std::int64_t lo = r / kTriggerDen * kMinTriggerNum;
    const std::int64_t hi = std::max(r / kTriggerDen * kMaxTriggerNum, r - kHeapMinimum);
    m_gap = std::max<std::int64_t>(1, std::clamp(r - m_duringMark, lo, hi));
}

bool GoPacer::allocate(std::int64_t bytes)
{
    m_inFlight += bytes;
    if (m_inCycle) {
        m_duringMark += bytes;
        return false;
    }
    m_sinceCycle += bytes;
    return m_sinceCycle >= m_gap;
}

std::int64_t GoPacer::beginCycle()
{
    m_inCycle = true;
    m_duringMark = 0;
    m_liveAtStart = m_base + m_inFlight;
    return m_liveAtStart;
}

void GoPacer::endCycle()
{
    m_inCycle = false;
    // What was live at the start, plus everything allocated during the mark (allocate-black).
    m_marked = m_liveAtStart + m_duringMark;
    m_sinceCycle = 0;
    plan();
}

V8Nursery::V8Nursery(const EventLoopParams &params)
    : m_space(params.gcYoungSpace), m_fixed(params.gcScavengePause), m_perByte(params.gcScavengeCost)
{
}

V8Nursery::Scavenges V8Nursery::allocate(std::int64_t bytes)
{
    Scavenges out;
    m_inFlight += bytes;
    m_used += bytes;
    // A request larger than the free semi-space fills it more than once.
    while (m_survivors + m_used >= m_space) {
        m_used -= m_space - m_survivors;
        // Survivors beyond half the semi-space are promoted straight to the old generation.
        m_survivors = std::clamp<std::int64_t>(m_inFlight, 0, m_space / 2);
        const Nanos pause = m_fixed + Nanos{std::llround(static_cast<double>(m_survivors) * m_perByte)};
        ++out.count;
        out.pause += pause;
        out.longest = max(out.longest, pause);
    }
    return out;
}

GcTally::GcTally(const Scenario &scenario, bool hasCollector) : m_from(scenario.load.warmup)
{
    m_sum.status = !hasCollector        ? GcSummary::Status::NoCollector
                   : scenario.alloc > 0 ? GcSummary::Status::Modelled
                                        : GcSummary::Status::NoAllocation;
}

void GcTally::allocated(Nanos now, std::int64_t bytes)
{
    if (now >= m_from)
        m_sum.allocated += bytes;
}

void GcTally::cycle(Nanos now)
{
    if (now >= m_from)
        ++m_sum.cycles;
}

void GcTally::pause(Nanos now, Nanos length)
{
    if (now < m_from)
        return;
    ++m_sum.pauses;
    m_sum.pauseTotal += length;
    m_sum.pauseMax = max(m_sum.pauseMax, length);
}

void GcTally::pauses(Nanos now, std::int64_t count, Nanos total, Nanos longest)
{
    if (now < m_from)
        return;
    m_sum.pauses += count;
    m_sum.pauseTotal += total;
    m_sum.pauseMax = max(m_sum.pauseMax, longest);
}

void GcTally::cpu(Nanos now, Nanos length)
{
    if (now >= m_from)
        m_sum.cpu += length;
}

GcSummary GcTally::summary(Nanos busy) const
{
    GcSummary out = m_sum;
    out.cpuShare = busy > Nanos::zero() ? std::min(1.0, out.cpu.toSeconds() / busy.toSeconds()) : 0.0;
    return out;
}

} // namespace conviz
