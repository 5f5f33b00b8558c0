#include "gui/core/tile_packing.h"

#include "engine/core/scenario.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace conviz;
using namespace conviz::gui;

namespace {

double tileAreaSum(const TilePacking &p)
{
    double sum = 0;
    for (const TileBlock &b : p.blocks)
        sum += b.solid ? b.bounds.width() * b.bounds.height() : static_cast<double>(b.group.count) * b.side * b.side;
    return sum;
}

} // namespace

TEST(TilePacking, TileAreaIsProportionalToReservedBytes)
{
    struct Row {
        std::int64_t reserved, count;
        double scale;
    };
    const Row rows[] = {{2 * KiB, 10, 0.01}, {8 * MiB, 3, 1e-5}, {4 * KiB, 100, 0.005}, {1 * MiB, 1, 1e-3}};
    for (const Row &r : rows) {
        const std::vector<StackGroup> groups{{StackOwner::Goroutine, r.reserved, r.reserved, r.count}};
        const TilePacking p = packTiles(groups, 400, 400, r.scale);
        ASSERT_EQ(p.blocks.size(), 1u);
        EXPECT_NEAR(tileAreaSum(p), static_cast<double>(r.reserved * r.count) * r.scale, 1e-6 * tileAreaSum(p));
    }
}

TEST(TilePacking, CommittedFillIsAreaTrueInsideTheReservedOutline)
{
    const std::vector<StackGroup> groups{{StackOwner::Thread, 8 * MiB, 8 * KiB, 4}};
    const TilePacking p = packTiles(groups, 400, 400, 1e-4);
    ASSERT_EQ(p.blocks.size(), 1u);
    const TileBlock &b = p.blocks[0];
    ASSERT_FALSE(b.solid);
    EXPECT_NEAR(b.fillSide * b.fillSide / (b.side * b.side), 1.0 / 1024, 1e-9);
}

TEST(TilePacking, TilesFlowInRowsWithinTheWidth)
{
    struct Row {
        double width;
        std::int64_t count;
        int columns;
    };
    // 10 px tiles (100 B at 1 px²/B), 2 px gaps: 12 px per column.
    const Row rows[] = {{100, 20, 8}, {10, 5, 1}, {130, 3, 3}, {1000, 200, 83}};
    for (const Row &r : rows) {
        const std::vector<StackGroup> groups{{StackOwner::Goroutine, 100, 100, r.count}};
        const TilePacking p = packTiles(groups, r.width, 1e6, 1.0);
        ASSERT_EQ(p.blocks.size(), 1u);
        EXPECT_EQ(p.blocks[0].columns, r.columns) << r.width;
        const QRectF last = p.blocks[0].tile(r.count - 1, 2);
        EXPECT_LE(last.right(), r.width + 1e-9);
    }
}

TEST(TilePacking, TooSmallTilesBecomeOneAreaTrueBlock)
{
    const std::vector<StackGroup> groups{{StackOwner::Goroutine, 2 * KiB, 2 * KiB, 10000}};
    const double scale = 1e-4; // 0.2 px² per tile
    const TilePacking p = packTiles(groups, 300, 300, scale);
    ASSERT_EQ(p.blocks.size(), 1u);
    EXPECT_TRUE(p.blocks[0].solid);
    EXPECT_NEAR(p.blocks[0].bounds.width() * p.blocks[0].bounds.height(), 2048.0 * 10000 * scale, 1e-6);
}

TEST(TilePacking, FitScaleFillsWithoutOverflow)
{
    const std::vector<std::vector<StackGroup>> cases{
        {{StackOwner::Thread, 8 * MiB, 8 * KiB, 100}},
        {{StackOwner::Thread, 8 * MiB, 8 * KiB, 5}, {StackOwner::Goroutine, 2 * KiB, 2 * KiB, 10000}},
        {{StackOwner::Goroutine, 8 * KiB, 8 * KiB, 3}, {StackOwner::Goroutine, 4 * KiB, 4 * KiB, 7}},
    };
    for (const auto &groups : cases) {
        const double s = fitScale(groups, 400, 200);
        ASSERT_GT(s, 0);
        EXPECT_FALSE(packTiles(groups, 400, 200, s).overflow);
        EXPECT_TRUE(packTiles(groups, 400, 200, s * 1.2).overflow);
    }
}

TEST(TilePacking, NothingToPackGivesNoScale)
{
    EXPECT_EQ(fitScale({}, 100, 100), 0);
    EXPECT_TRUE(packTiles({}, 100, 100, 1).blocks.empty());
}

TEST(TilePacking, NiceFloorIsOneTwoOrFiveTimesAPowerOfTen)
{
    struct Row {
        double x, expected;
    };
    const Row rows[] = {{1, 1}, {1.9, 1}, {2, 2}, {4.99, 2}, {5, 5}, {9.9, 5}, {10, 10}, {4096, 2000}, {0.3, 1}};
    for (const Row &r : rows)
        EXPECT_DOUBLE_EQ(niceFloor(r.x), r.expected) << r.x;
}
