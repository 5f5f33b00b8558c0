// Garbage collection as a cost (docs/models.md, "Garbage collection"): the heap arithmetic of Go's
// pacer and of V8's young generation, as plain values the models consult. A request allocates
// `request.alloc` bytes when it arrives and holds them until it ends; then they are garbage. The
// models turn what these say (a cycle starts, a scavenge pauses the loop this long) into pauses and
// CPU on their own threads; GcTally adds it up for the metrics.
#pragma once

#include "engine/core/scenario.h"
#include "engine/metrics.h"

#include <cstdint>

namespace conviz {

// Go's pacer (runtime/mgcpacer.go, Go 1.19), reduced to bytes. The heap goal is the heap marked
// live by the last cycle × (1 + GOGC/100), at least 4 MiB × GOGC/100 (heapMinimum); the cycle is
// triggered early by what the last mark allocated, so that the heap meets the goal as the mark
// ends, but no earlier than 70 % and no later than 95 % of the way from the marked heap to the
// goal (or the goal − 4 MiB for large heaps). Objects allocated during the mark are marked live
// (allocate-black), so a busy mark raises the next goal.
class GoPacer {
public:
    explicit GoPacer(const FiberParams &params);

    // A request allocates `bytes` (live until release). True: a cycle must start now.
    bool allocate(std::int64_t bytes);
    // A request ended: its bytes are garbage.
    void release(std::int64_t bytes) { m_inFlight -= bytes; }
    // The cycle starts: the bytes its mark must scan (the live heap now).
    std::int64_t beginCycle();
    // The mark is over: the next trigger follows from the heap it marked.
    void endCycle();

    bool inCycle() const { return m_inCycle; }
    // Bytes allocated between the end of one cycle and the start of the next (the trigger gap).
    std::int64_t triggerGap() const { return m_gap; }
    // The runway of the current goal: goal − marked heap.
    std::int64_t runway() const;
    std::int64_t marked() const { return m_marked; }

private:
    void plan();

    std::int64_t m_gogc;
    std::int64_t m_base;           // live heap besides the requests' (fibers.gc_live_heap)
    std::int64_t m_inFlight = 0;   // bytes held by requests in flight
    std::int64_t m_marked;         // heap marked live by the last cycle
    std::int64_t m_sinceCycle = 0; // allocated since the last cycle ended
    std::int64_t m_duringMark = 0; // allocated during the current (or last) mark
    std::int64_t m_liveAtStart = 0;
    std::int64_t m_gap = 0;
    bool m_inCycle = false;
};

// V8's young generation (Scavenger, Node 20): new objects go to a semi-space; when it is full the
// JavaScript thread stops while what is still live is copied out. What survives here is the
// objects of requests still in flight; the next fill starts after them. Major GC (mark-compact of
// the old generation) is left out.
class V8Nursery {
public:
    explicit V8Nursery(const EventLoopParams &params);

    struct Scavenges {
        std::int64_t count = 0;
        Nanos pause{}; // all of them, added up
        Nanos longest{};
    };
    // A request allocates `bytes` (live until release): the scavenges that fills, and their pauses.
    Scavenges allocate(std::int64_t bytes);
    void release(std::int64_t bytes) { m_inFlight -= bytes; }

private:
    std::int64_t m_space;
    Nanos m_fixed;
    double m_perByte;
    std::int64_t m_inFlight = 0;
    std::int64_t m_used = 0;      // allocated into the semi-space since the last scavenge
    std::int64_t m_survivors = 0; // copied in by the last scavenge
};

// Adds up the pauses and the CPU of a model's collector, from the warm-up's end.
class GcTally {
public:
    GcTally(const Scenario &scenario, bool hasCollector);

    void allocated(Nanos now, std::int64_t bytes);
    void cycle(Nanos now);
    void pause(Nanos now, Nanos length);
    // `count` pauses at once, `total` long in all, the longest `longest`.
    void pauses(Nanos now, std::int64_t count, Nanos total, Nanos longest);
    void cpu(Nanos now, Nanos length);
    // The summary; `busy`: all the CPU the model used in the measured window.
    GcSummary summary(Nanos busy) const;

private:
    Nanos m_from;
    GcSummary m_sum;
};

} // namespace conviz
