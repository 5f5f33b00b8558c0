#include "gui/core/live_set_replay.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

using namespace conviz::gui;

namespace {

// The brute-force answer: replay from the start.
std::map<std::uint32_t, std::int32_t> replay(const std::vector<std::uint32_t> &holders,
                                             const std::vector<std::uint8_t> &ends, std::size_t position)
{
    std::map<std::uint32_t, std::int32_t> live;
    for (std::size_t e = 0; e < position; ++e) {
        if (ends[e])
            live.erase(holders[e]);
        else
            live[holders[e]] = static_cast<std::int32_t>(e);
    }
    return live;
}

std::map<std::uint32_t, std::int32_t> state(const LiveSetCursor &c)
{
    std::map<std::uint32_t, std::int32_t> live;
    for (std::uint32_t h : c.live())
        live[h] = c.eventOf(h);
    return live;
}

} // namespace

TEST(LiveSetReplay, SeekMatchesAReplayFromTheStartInAnyOrder)
{
    std::mt19937 rng(7);
    const std::uint32_t holderCount = 300;
    std::vector<std::uint32_t> holders;
    std::vector<std::uint8_t> ends;
    std::vector<bool> alive(holderCount, false);
    for (int e = 0; e < 20000; ++e) {
        const auto h = static_cast<std::uint32_t>(rng() % holderCount);
        holders.push_back(h);
        const bool end = alive[h] && rng() % 4 == 0;
        ends.push_back(end ? 1 : 0);
        alive[h] = !end;
    }
    auto index = std::make_shared<LiveSetIndex>(holders, ends, holderCount, 256);
    EXPECT_GT(index->checkpointCount(), 10u);
    LiveSetCursor cursor(index);
    const std::size_t positions[] = {0, 1, 5, 19999, 20000, 10000, 9999, 257, 12345, 0, 20000, 3, 15000, 14990};
    for (std::size_t p : positions) {
        cursor.seek(p);
        EXPECT_EQ(cursor.position(), p);
        EXPECT_EQ(state(cursor), replay(holders, ends, p)) << "position " << p;
    }
}

TEST(LiveSetReplay, LongJumpsUseCheckpointsInsteadOfReplayingEverything)
{
    std::vector<std::uint32_t> holders;
    std::vector<std::uint8_t> ends;
    for (std::uint32_t i = 0; i < 100000; ++i) {
        holders.push_back(i % 50);
        ends.push_back(0);
    }
    auto index = std::make_shared<LiveSetIndex>(holders, ends, 50, 1000);
    LiveSetCursor cursor(index);
    cursor.seek(99500);
    EXPECT_LT(cursor.lastSeekWork(), 2000u);
    cursor.seek(99501); // playback: one event
    EXPECT_EQ(cursor.lastSeekWork(), 1u);
    cursor.seek(400);
    EXPECT_LT(cursor.lastSeekWork(), 2000u);
}

TEST(LiveSetReplay, AHolderThatEndsIsNoLongerLive)
{
    auto index = std::make_shared<LiveSetIndex>(std::vector<std::uint32_t>{0, 1, 0, 1},
                                                std::vector<std::uint8_t>{0, 0, 1, 0}, 2);
    LiveSetCursor cursor(index);
    cursor.seek(2);
    EXPECT_EQ(cursor.live().size(), 2u);
    cursor.seek(3);
    EXPECT_EQ(cursor.live().size(), 1u);
    EXPECT_EQ(cursor.eventOf(0), -1);
    EXPECT_EQ(cursor.eventOf(1), 1);
    cursor.seek(4);
    EXPECT_EQ(cursor.eventOf(1), 3);
    cursor.seek(1);
    EXPECT_EQ(cursor.eventOf(0), 0);
    EXPECT_EQ(cursor.eventOf(1), -1);
}
