#include "engine/live/busy_work.h"

#include <algorithm>
#include <alloca.h>
#include <cerrno>
#include <ctime>

namespace conviz::live {

std::int64_t threadCpuNanos() noexcept
{
    timespec ts{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

namespace {

// A little arithmetic the compiler may not remove: the unit of burnt CPU.
std::uint64_t spin(std::uint64_t iterations) noexcept
{
    volatile std::uint64_t sink = 0;
    for (std::uint64_t i = 0; i < iterations; ++i)
        sink = sink * 6364136223846793005ULL + 1442695040888963407ULL;
    return sink;
}

// Iterations of spin() that take about 10 µs of CPU on this machine, measured once. Reading the
// thread's CPU clock is a system call (no vDSO for it), so the loop reads it only that often.
std::uint64_t iterationsPer10us() noexcept
{
    static const std::uint64_t calibrated = [] {
        std::uint64_t n = 1000;
        for (;;) {
            const std::int64_t start = threadCpuNanos();
            spin(n);
            const std::int64_t took = threadCpuNanos() - start;
            if (took >= 2'000'000 || n > (1ULL << 40))
                return std::max<std::uint64_t>(1, n * 10'000 /
                                                      static_cast<std::uint64_t>(std::max<std::int64_t>(took, 1)));
            n *= 2;
        }
    }();
    return calibrated;
}

} // namespace

std::int64_t burnCpu(std::int64_t ns, const std::atomic<bool> *stop) noexcept
{
    const std::uint64_t chunk = iterationsPer10us();
    const std::int64_t start = threadCpuNanos();
    std::int64_t used = 0;
    while (used < ns) {
        // Most of the way in 10 µs chunks, then the clock decides the rest.
        spin(chunk);
        used = threadCpuNanos() - start;
        if (stop && stop->load(std::memory_order_relaxed))
            return ns - used > 0 ? ns - used : 0;
    }
    return 0;
}

void sleepNanos(std::int64_t ns) noexcept
{
    timespec left{static_cast<time_t>(ns / 1'000'000'000), static_cast<long>(ns % 1'000'000'000)};
    while (::nanosleep(&left, &left) != 0 && errno == EINTR) {
    }
}

__attribute__((noinline)) void touchStack(std::int64_t bytes) noexcept
{
    if (bytes <= 0)
        return;
    // alloca moves the stack pointer down by `bytes`; writing every page from the top down commits
    // them in the order a growing call chain would.
    auto *block = static_cast<volatile char *>(alloca(static_cast<std::size_t>(bytes)));
    for (std::int64_t at = bytes - 1; at >= 0; at -= 4096)
        block[at] = 1;
    block[0] = 1;
}

} // namespace conviz::live
