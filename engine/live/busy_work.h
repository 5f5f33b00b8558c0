// The real work behind a step: CPU burnt on the thread's own CPU clock, a blocking sleep, a stack
// touched page by page. Internal to conviz_live.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace conviz::live {

// The longest a sleep or a blocking call goes without looking at the stop flag: a cancel is seen
// within this.
inline constexpr std::chrono::milliseconds kStopCheck{50};

// CPU time this thread has used, in ns (CLOCK_THREAD_CPUTIME_ID).
std::int64_t threadCpuNanos() noexcept;

// Burns `ns` of this thread's CPU time, or until `stop` is set. CPU time rather than the wall
// clock, so that a step is the same work however busy the machine is and a thread the kernel
// took off its core does not count time it did not run. Returns the CPU ns still owed (0: done).
std::int64_t burnCpu(std::int64_t ns, const std::atomic<bool> *stop) noexcept;

// Blocks this OS thread in nanosleep for `ns`, in pieces of at most kStopCheck while `stopping()`
// is false. Returns false if stopped early.
template <typename Stopping>
bool blockingSleep(std::int64_t ns, Stopping stopping);

// Makes this thread's stack `bytes` deeper for a moment and writes one byte on every page of it,
// as a deep call chain would: the pages stay committed after it returns.
void touchStack(std::int64_t bytes) noexcept;

// nanosleep for up to `ns`, restarting after signals.
void sleepNanos(std::int64_t ns) noexcept;

template <typename Stopping>
bool blockingSleep(std::int64_t ns, Stopping stopping)
{
    constexpr std::int64_t chunk = std::chrono::nanoseconds(kStopCheck).count();
    while (ns > 0) {
        if (stopping())
            return false;
        const std::int64_t piece = ns < chunk ? ns : chunk;
        sleepNanos(piece);
        ns -= piece;
    }
    return true;
}

} // namespace conviz::live
