// parallelFor: runs job(i) for every i in [0, n) on up to `threads` threads (0: one per hardware
// thread), each thread taking the next index in order, and returns when all are done. A job's
// writes are visible to the caller afterwards (the threads are joined). If a job throws (a big
// trace's std::bad_alloc), no further index starts and the first exception is rethrown to the
// caller once every thread has stopped, instead of ending the program.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace conviz {

template <typename Job>
void parallelFor(std::size_t n, unsigned threads, Job &&job)
{
    if (threads == 0)
        threads = std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, n));
    if (threads <= 1) {
        for (std::size_t i = 0; i < n; ++i)
            job(i);
        return;
    }
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failureMutex;
    {
        std::vector<std::jthread> pool;
        for (unsigned t = 0; t < threads; ++t)
            pool.emplace_back([&] {
                try {
                    for (std::size_t i = next++; i < n; i = next++)
                        job(i);
                } catch (...) {
                    next = n; // no further index starts
                    const std::scoped_lock lock(failureMutex);
                    if (!failure)
                        failure = std::current_exception();
                }
            });
    } // joined
    if (failure)
        std::rethrow_exception(failure);
}

} // namespace conviz
