#include "gui/core/playback_state.h"

#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

using conviz::gui::PlaybackState;

TEST(PlaybackState, TimeIsClampedToTheRun)
{
    PlaybackState p;
    p.setDuration(1000);
    p.setTime(5000);
    EXPECT_EQ(p.time(), 1000);
    p.setTime(-3);
    EXPECT_EQ(p.time(), 0);
}

TEST(PlaybackState, PlayingAdvancesTheClockAtTheChosenSpeed)
{
    PlaybackState p;
    p.setDuration(10'000'000'000);
    p.setSpeedIndex(15); // 100 ms per second
    QSignalSpy spy(&p, &PlaybackState::timeChanged);
    p.play();
    QTest::qWait(200);
    p.pause();
    EXPECT_GT(spy.count(), 3);
    EXPECT_GT(p.time(), 5'000'000);     // ≥ 50 ms of wall time at 100 ms/s
    EXPECT_LT(p.time(), 1'000'000'000); // far less than 10 s
}

TEST(PlaybackState, PlaybackStopsAtTheEnd)
{
    PlaybackState p;
    p.setDuration(1'000'000);
    p.setSpeedIndex(PlaybackState::speedCount() - 1);
    QSignalSpy playing(&p, &PlaybackState::playingChanged);
    p.play();
    QTRY_VERIFY_WITH_TIMEOUT(!p.isPlaying(), 2000);
    EXPECT_EQ(p.time(), 1'000'000);
}

TEST(PlaybackState, StepUsesTheStepFinder)
{
    PlaybackState p;
    p.setDuration(1000);
    p.setStepFinder([](qint64 from, int dir) { return dir > 0 ? from + 7 : from - 3; });
    p.stepForward();
    EXPECT_EQ(p.time(), 7);
    p.stepBack();
    EXPECT_EQ(p.time(), 4);
}

TEST(PlaybackState, SpeedLadderIsBounded)
{
    PlaybackState p;
    p.setSpeedIndex(0);
    p.slower();
    EXPECT_EQ(p.speedIndex(), 0);
    EXPECT_DOUBLE_EQ(p.speed(), 1e3);
    p.setSpeedIndex(1000);
    EXPECT_EQ(p.speedIndex(), PlaybackState::speedCount() - 1);
}

TEST(PlaybackState, FollowingKeepsTheClockInTheMiddleOfTheTimeline)
{
    PlaybackState p;
    p.setDuration(1'000'000'000);
    p.setAxisWidth(500);
    p.setVisibleSpan(1e7);
    p.setTime(500'000'000);
    EXPECT_NEAR(p.axis().toPixel(5e8), 250, 1e-6);
    p.panBy(100);
    EXPECT_FALSE(p.isFollowing());
    p.setTime(600'000'000);
    EXPECT_GT(std::abs(p.axis().toPixel(6e8) - 250), 1);
}
