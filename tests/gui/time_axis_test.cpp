#include "gui/core/format.h"
#include "gui/core/time_axis.h"

#include <cmath>
#include <set>

#include <gtest/gtest.h>

using conviz::gui::TimeAxis;

namespace {

TimeAxis axis(double start, double span, double width)
{
    TimeAxis a;
    a.start = start;
    a.span = span;
    a.width = width;
    a.boundStart = 0;
    a.boundEnd = 1e9;
    return a;
}

} // namespace

TEST(TimeAxis, MapsTimeToPixelsAndBack)
{
    struct Row {
        double start, span, width, ns, px;
    };
    const Row rows[] = {
        {0, 1e6, 100, 0, 0},       {0, 1e6, 100, 1e6, 100},  {0, 1e6, 100, 5e5, 50},
        {1e6, 2e6, 400, 2e6, 200}, {1e6, 2e6, 400, 0, -200}, {5e8, 1e3, 1000, 5e8 + 1, 1},
    };
    for (const Row &r : rows) {
        const TimeAxis a = axis(r.start, r.span, r.width);
        EXPECT_DOUBLE_EQ(a.toPixel(r.ns), r.px) << r.ns;
        EXPECT_DOUBLE_EQ(a.toTime(r.px), r.ns) << r.px;
    }
}

TEST(TimeAxis, ZoomKeepsTheTimeUnderTheCursorInPlace)
{
    struct Row {
        double px, factor;
    };
    const Row rows[] = {{0, 0.5}, {50, 0.5}, {100, 0.5}, {30, 2}, {75, 0.1}};
    for (const Row &r : rows) {
        TimeAxis a = axis(4e8, 1e8, 100);
        const double before = a.toTime(r.px);
        a.zoomAbout(r.px, r.factor);
        EXPECT_NEAR(a.toTime(r.px), before, 1e-3) << r.px << " × " << r.factor;
        EXPECT_NEAR(a.span, 1e8 * r.factor, 1e-3);
    }
}

TEST(TimeAxis, ZoomStopsAtTheMinimumSpanAndAtTheWholeRun)
{
    TimeAxis a = axis(0, 1e6, 100);
    a.zoomAbout(50, 1e-9);
    EXPECT_DOUBLE_EQ(a.span, a.minSpan);
    a.zoomAbout(50, 1e9);
    EXPECT_DOUBLE_EQ(a.span, 1.1e9);
    EXPECT_DOUBLE_EQ(a.start, -0.05e9); // the whole run, centred
}

TEST(TimeAxis, PanIsClampedToTheRun)
{
    struct Row {
        double start, dpx, expected;
    };
    const Row rows[] = {{0, 10, 1e5}, {0, -10, 0}, {9.99e8, 100, 1e9 - 1e6}, {5e8, -50, 5e8 - 5e5}};
    for (const Row &r : rows) {
        TimeAxis a = axis(r.start, 1e6, 100);
        a.panBy(r.dpx);
        EXPECT_DOUBLE_EQ(a.start, r.expected) << r.start << " + " << r.dpx << " px";
    }
}

TEST(TimeAxis, CentreOnPutsTheTimeAtTheAnchor)
{
    TimeAxis a = axis(0, 1e6, 200);
    a.centreOn(5e8, 0.5);
    EXPECT_DOUBLE_EQ(a.toPixel(5e8), 100);
    a.centreOn(0, 0.5); // cannot show time before the run
    EXPECT_DOUBLE_EQ(a.start, 0);
}

TEST(TimeAxis, TickStepIsOneTwoOrFiveTimesAPowerOfTen)
{
    struct Row {
        double span, width, target, expected;
    };
    const Row rows[] = {{1e6, 100, 10, 1e5}, {1e6, 100, 15, 2e5}, {1e6, 100, 40, 5e5}, {3e9, 600, 80, 5e8}};
    for (const Row &r : rows)
        EXPECT_DOUBLE_EQ(conviz::gui::tickStep(axis(0, r.span, r.width), r.target), r.expected);
}

namespace {
const QString kThin(QChar(0x2009));
}

TEST(TimeLabels, AnInstantShowsTheDigitsItsResolutionNeeds)
{
    using conviz::gui::formatInstant;
    EXPECT_EQ(formatInstant(1.2e9, 1e8), QStringLiteral("1.2 s"));
    EXPECT_EQ(formatInstant(500e6, 1e8), QStringLiteral("500 ms"));
    EXPECT_EQ(formatInstant(1'562'347'000, 1e3), QStringLiteral("1.562") + kThin + QStringLiteral("347 s"));
    EXPECT_EQ(formatInstant(568'123'400, 100), QStringLiteral("568.123") + kThin + QStringLiteral("4 ms"));
    EXPECT_EQ(formatInstant(750, 1), QStringLiteral("750 ns"));
    EXPECT_EQ(formatInstant(2'000'000'000, 0.001),
              QStringLiteral("2.000") + kThin + QStringLiteral("000") + kThin + QStringLiteral("000 s"))
        << "never finer than a nanosecond";
}

TEST(TimeLabels, TheClockKeepsThreeSignificantDigitsAtLeast)
{
    using conviz::gui::formatClock;
    EXPECT_EQ(formatClock(1.56e9, 1e8), QStringLiteral("1.56 s"));
    EXPECT_EQ(formatClock(12.3e6, 1e6), QStringLiteral("12.3 ms"));
    EXPECT_EQ(formatClock(0, 1e6), QStringLiteral("0 ns"));
    EXPECT_EQ(formatClock(1'560'020'000, 1e4), QStringLiteral("1.560") + kThin + QStringLiteral("02 s"));
}

// After 22 presses of → (each a step to the next change, here 7 µs apart) every reading differs.
TEST(TimeLabels, TheClockFollowsSingleStepsAtTheirOwnResolution)
{
    std::set<QString> readings;
    const double step = 7e3;
    for (int press = 0; press <= 22; ++press)
        readings.insert(conviz::gui::formatClock(1.56e9 + press * step, step));
    EXPECT_EQ(readings.size(), 23u);
}

// Fully zoomed in (1 µs across the view) at 568 ms, every tick has its own label.
TEST(TimeLabels, FullyZoomedInEveryTickReadsDifferently)
{
    TimeAxis a = axis(568e6, 1e3, 1000);
    a.minSpan = 1e3;
    const double step = conviz::gui::tickStep(a, 90);
    std::set<QString> labels;
    int ticks = 0;
    for (double t = std::ceil(a.start / step) * step; t <= a.end(); t += step, ++ticks)
        labels.insert(conviz::gui::formatInstant(t, step));
    EXPECT_GE(ticks, 5);
    EXPECT_EQ(labels.size(), static_cast<std::size_t>(ticks));
}
