// Helpers for the live-mode tests: small scenarios, and what the Workload says a request must take.
#pragma once

#include "engine/core/scenario.h"
#include "engine/live/live_run.h"
#include "engine/workload.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>

namespace conviz::test {

// Boost.Context 1.74 tells ThreadSanitizer nothing of its stack switches, and libboost_fiber is not
// instrumented: under TSan a fiber run reports races inside Boost.Fiber's own locks and can crash
// TSan's unwinder on a fiber stack. The fiber executor's tests skip there (HACKING.md).
#if defined(__SANITIZE_THREAD__)
inline constexpr bool kThreadSanitizer = true;
#else
inline constexpr bool kThreadSanitizer = false;
#endif
// CONVIZ_TSAN_FIBERS=1 runs them anyway, to see what TSan says of them.
#define CONVIZ_SKIP_FIBERS_UNDER_TSAN()                                                                       \
    do {                                                                                                      \
        if (kThreadSanitizer && std::getenv("CONVIZ_TSAN_FIBERS") == nullptr)                                 \
            GTEST_SKIP() << "Boost.Fiber is invisible to ThreadSanitizer (HACKING.md; CONVIZ_TSAN_FIBERS=1)"; \
    } while (false)

inline Nanos ms(std::int64_t n) { return Nanos{n * 1'000'000}; }
inline Nanos us(std::int64_t n) { return Nanos{n * 1'000}; }

// The least time program `p` of `plan` can take: its steps in sequence, a fan-out as long as its
// longest child. Any executor that really runs every step takes at least this.
inline std::int64_t criticalPath(const RequestPlan &plan, std::uint32_t p)
{
    std::int64_t total = 0;
    const Program prog = plan.programs[p];
    for (std::uint32_t i = prog.begin; i < prog.end; ++i) {
        const Op &op = plan.ops[i];
        switch (op.kind) {
        case OpKind::Cpu:
        case OpKind::CpuOffload:
        case OpKind::Io:
        case OpKind::Blocking: total += op.value; break;
        case OpKind::Fanout: {
            std::int64_t longest = 0;
            for (std::uint32_t c = 0; c < op.childCount; ++c)
                longest = std::max(longest, criticalPath(plan, op.childBegin + c));
            total += longest;
            break;
        }
        case OpKind::Stack: break;
        }
    }
    return total;
}

// Wall time of `f()`, in seconds.
template <typename F>
double secondsOf(F &&f)
{
    const auto start = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace conviz::test
