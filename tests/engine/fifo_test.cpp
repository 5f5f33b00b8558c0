// The models' queues (engine/fifo.h): first in, first out, across the ring's growth and wrap.
#include "engine/fifo.h"

#include <gtest/gtest.h>

#include <deque>
#include <random>
#include <vector>

namespace conviz {
namespace {

std::vector<int> contents(const Fifo<int> &q)
{
    std::vector<int> out;
    for (int v : q)
        out.push_back(v);
    return out;
}

TEST(Fifo, KeepsTheOrderOfAStdDequeThroughGrowthAndWrapAround)
{
    // Random pushes and pops, the queue's length wandering between 0 and a few hundred, so that the
    // ring grows while its front is anywhere in it.
    Fifo<int> q;
    std::deque<int> expected;
    std::mt19937 rng(7);
    int next = 0;
    for (int step = 0; step < 20000; ++step) {
        const bool push = expected.empty() || std::uniform_int_distribution<int>(0, 99)(rng) < (step < 10000 ? 60 : 40);
        if (push) {
            q.push_back(next);
            expected.push_back(next++);
        } else {
            ASSERT_EQ(q.front(), expected.front()) << "step " << step;
            q.pop_front();
            expected.pop_front();
        }
        ASSERT_EQ(q.size(), expected.size());
        ASSERT_EQ(q.empty(), expected.empty());
        if (step % 997 == 0) {
            ASSERT_EQ(contents(q), std::vector<int>(expected.begin(), expected.end())) << "step " << step;
        }
    }
}

TEST(Fifo, AClearedQueueStartsAgainFromItsNextPush)
{
    Fifo<int> q;
    for (int i = 0; i < 40; ++i)
        q.push_back(i);
    for (int i = 0; i < 25; ++i)
        q.pop_front();
    q.clear();
    EXPECT_TRUE(q.empty());
    EXPECT_EQ(q.begin(), q.end());
    for (int i = 100; i < 150; ++i)
        q.push_back(i);
    std::vector<int> expected;
    for (int i = 100; i < 150; ++i)
        expected.push_back(i);
    EXPECT_EQ(contents(q), expected);
}

} // namespace
} // namespace conviz
