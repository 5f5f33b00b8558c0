// How each kind of trace record is packed in a PackedLog: a header byte or two with the small
// enums and "same as the record before" flags, then zigzag varints of what changed. Consecutive
// records share most fields (a core's next span, a task's next state, a counter's next value), so a
// 40-byte record takes about 3–9 bytes. Round-tripping is exact for every value of every field.
#pragma once

#include "engine/packed_log.h"
#include "engine/trace.h"

namespace conviz {

template <>
struct Codec<Span> {
    static constexpr std::size_t kMaxBytes = 64;
    static constexpr std::size_t kBlock = 32;

    static void encode(const Span &prev, const Span &s, std::uint8_t *&out)
    {
        using namespace packed;
        const bool sameCore = s.core == prev.core, sameThread = s.thread == prev.thread;
        const bool sameTask = s.task == prev.task, sameRequest = s.request == prev.request;
        *out++ = static_cast<std::uint8_t>(static_cast<unsigned>(s.kind) | sameCore << 3 | sameThread << 4 |
                                           sameTask << 5 | sameRequest << 6);
        putSigned(out, delta(prev.end.count(), s.end.count()));
        putSigned(out, delta(s.end.count(), s.start.count())); // minus the length
        if (!sameCore)
            putVarint(out, s.core);
        if (!sameThread)
            putSigned(out, delta(prev.thread, s.thread));
        if (!sameTask)
            putSigned(out, delta(prev.task, s.task));
        if (!sameRequest)
            putSigned(out, delta(prev.request, s.request));
    }

    static Span decode(const Span &prev, const std::uint8_t *&in)
    {
        using namespace packed;
        const unsigned h = *in++;
        Span s;
        s.kind = static_cast<SpanKind>(h & 7);
        s.end = Nanos{undelta(prev.end.count(), getSigned(in))};
        s.start = Nanos{undelta(s.end.count(), getSigned(in))};
        s.core = h & 1 << 3 ? prev.core : static_cast<std::uint32_t>(getVarint(in));
        s.thread = h & 1 << 4 ? prev.thread : static_cast<std::uint32_t>(undelta(prev.thread, getSigned(in)));
        s.task = h & 1 << 5 ? prev.task : undelta(prev.task, getSigned(in));
        s.request = h & 1 << 6 ? prev.request : static_cast<std::uint32_t>(undelta(prev.request, getSigned(in)));
        return s;
    }
};

template <>
struct Codec<TaskEvent> {
    static constexpr std::size_t kMaxBytes = 64;
    static constexpr std::size_t kBlock = 16; // read at random, one per live task, every frame

    static void encode(const TaskEvent &prev, const TaskEvent &e, std::uint8_t *&out)
    {
        using namespace packed;
        const bool sameTime = e.time == prev.time, sameTask = e.task == prev.task;
        const bool sameRequest = e.request == prev.request, rootParent = e.parent == 0;
        const bool sameParent = !rootParent && e.parent == prev.parent;
        const bool indexZero = e.index == 0, noSlot = e.slot == -1;
        *out++ = static_cast<std::uint8_t>(static_cast<unsigned>(e.state) | static_cast<unsigned>(e.place) << 4);
        *out++ = static_cast<std::uint8_t>(sameTime | sameTask << 1 | sameRequest << 2 | rootParent << 3 |
                                           sameParent << 4 | indexZero << 5 | noSlot << 6);
        if (!sameTime)
            putSigned(out, delta(prev.time.count(), e.time.count()));
        if (!sameTask)
            putSigned(out, delta(prev.task, e.task));
        if (!sameRequest)
            putSigned(out, delta(prev.request, e.request));
        if (!rootParent && !sameParent)
            putSigned(out, delta(e.task, e.parent)); // a child's serial comes soon after its parent's
        if (!indexZero)
            putSigned(out, e.index);
        if (!noSlot)
            putSigned(out, e.slot);
    }

    static TaskEvent decode(const TaskEvent &prev, const std::uint8_t *&in)
    {
        using namespace packed;
        const unsigned kinds = *in++;
        const unsigned h = *in++;
        TaskEvent e;
        e.state = static_cast<TaskState>(kinds & 15);
        e.place = static_cast<Place>(kinds >> 4);
        e.time = h & 1 ? prev.time : Nanos{undelta(prev.time.count(), getSigned(in))};
        e.task = h & 1 << 1 ? prev.task : undelta(prev.task, getSigned(in));
        e.request = h & 1 << 2 ? prev.request : static_cast<std::uint32_t>(undelta(prev.request, getSigned(in)));
        e.parent = h & 1 << 3 ? 0 : h & 1 << 4 ? prev.parent : undelta(e.task, getSigned(in));
        e.index = h & 1 << 5 ? 0 : static_cast<std::int32_t>(getSigned(in));
        e.slot = h & 1 << 6 ? -1 : static_cast<std::int32_t>(getSigned(in));
        return e;
    }
};

template <>
struct Codec<StackEvent> {
    static constexpr std::size_t kMaxBytes = 48;
    static constexpr std::size_t kBlock = 16; // read at random, one per live stack

    static void encode(const StackEvent &prev, const StackEvent &e, std::uint8_t *&out)
    {
        using namespace packed;
        const bool sameOwner = e.owner == prev.owner, sameReserved = e.reserved == prev.reserved;
        const bool sameCommitted = e.committed == prev.committed, sameTime = e.time == prev.time;
        *out++ = static_cast<std::uint8_t>(static_cast<unsigned>(e.kind) | sameOwner << 1 | sameReserved << 2 |
                                           sameCommitted << 3 | sameTime << 4);
        if (!sameTime)
            putSigned(out, delta(prev.time.count(), e.time.count()));
        if (!sameOwner)
            putSigned(out, delta(prev.owner, e.owner));
        if (!sameReserved)
            putSigned(out, e.reserved);
        if (!sameCommitted)
            putSigned(out, e.committed);
    }

    static StackEvent decode(const StackEvent &prev, const std::uint8_t *&in)
    {
        using namespace packed;
        const unsigned h = *in++;
        StackEvent e;
        e.kind = static_cast<StackOwner>(h & 1);
        e.time = h & 1 << 4 ? prev.time : Nanos{undelta(prev.time.count(), getSigned(in))};
        e.owner = h & 1 << 1 ? prev.owner : undelta(prev.owner, getSigned(in));
        e.reserved = h & 1 << 2 ? prev.reserved : getSigned(in);
        e.committed = h & 1 << 3 ? prev.committed : getSigned(in);
        return e;
    }
};

template <>
struct Codec<CounterSample> {
    static constexpr std::size_t kMaxBytes = 40;
    static constexpr std::size_t kBlock = 32;

    static void encode(const CounterSample &prev, const CounterSample &c, std::uint8_t *&out)
    {
        using namespace packed;
        const bool sameIndex = c.index == prev.index, sameTime = c.time == prev.time;
        const bool sameSeries = sameIndex && c.counter == prev.counter; // then the value is a change
        *out++ = static_cast<std::uint8_t>(static_cast<unsigned>(c.counter) | sameIndex << 4 | sameTime << 5 |
                                           sameSeries << 6);
        if (!sameTime)
            putSigned(out, delta(prev.time.count(), c.time.count()));
        if (!sameIndex)
            putSigned(out, c.index);
        putSigned(out, sameSeries ? delta(prev.value, c.value) : c.value);
    }

    static CounterSample decode(const CounterSample &prev, const std::uint8_t *&in)
    {
        using namespace packed;
        const unsigned h = *in++;
        CounterSample c;
        c.counter = static_cast<Counter>(h & 15);
        c.time = h & 1 << 5 ? prev.time : Nanos{undelta(prev.time.count(), getSigned(in))};
        c.index = h & 1 << 4 ? prev.index : static_cast<std::int32_t>(getSigned(in));
        c.value = h & 1 << 6 ? undelta(prev.value, getSigned(in)) : getSigned(in);
        return c;
    }
};

} // namespace conviz
