#include "engine/core/parallel_for.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

namespace conviz {
namespace {

TEST(ParallelFor, RunsEveryIndexOnceOnAnyNumberOfThreads)
{
    for (unsigned threads : {0u, 1u, 2u, 5u}) {
        std::vector<std::atomic<int>> runs(37);
        parallelFor(runs.size(), threads, [&](std::size_t i) { ++runs[i]; });
        for (std::size_t i = 0; i < runs.size(); ++i)
            EXPECT_EQ(runs[i].load(), 1) << "index " << i << " on " << threads << " threads";
    }
}

// A job that throws (a trace too big for memory) reaches the caller as its exception, after every
// thread has stopped, instead of ending the program.
TEST(ParallelFor, AJobsExceptionReachesTheCallerAndStopsTheRest)
{
    for (unsigned threads : {1u, 2u, 4u}) {
        std::atomic<int> running{0};
        std::atomic<int> started{0};
        const auto job = [&](std::size_t i) {
            ++running;
            ++started;
            if (i == 3)
                throw std::runtime_error("index 3");
            --running;
        };
        try {
            parallelFor(1000, threads, job);
            ADD_FAILURE() << "no exception on " << threads << " threads";
        } catch (const std::runtime_error &e) {
            EXPECT_STREQ(e.what(), "index 3");
        }
        EXPECT_EQ(running.load(), 1) << "only the job that threw is unfinished, on " << threads << " threads";
        if (threads == 1) // in order on one thread: nothing after index 3 starts
            EXPECT_EQ(started.load(), 4);
    }
}

} // namespace
} // namespace conviz
