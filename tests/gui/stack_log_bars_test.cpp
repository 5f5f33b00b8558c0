// Stack memory as bars on a common logarithmic byte axis: the axis and the bars as plain geometry,
// then three views side by side on memory-at-scale, read through the layout they paint.
#include "gui/core/stack_log_bars.h"

#include "engine/scenario/scenario_file.h"
#include "gui/core/playback_state.h"
#include "gui/core/preset_model.h"
#include "gui/core/run_snapshot.h"
#include "gui/widgets/stack_log_bars_view.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QWidget>

#include <gtest/gtest.h>

#include <array>
#include <cmath>

using namespace conviz;
using namespace conviz::gui;

TEST(StackLogBars, TheAxisSpansOneKibToTheLargestColumnRoundedUpToAPowerOfTwo)
{
    const std::array<std::int64_t, 3> largest{20 * MiB, 8 * MiB, 10000 * 8 * MiB}; // memory-at-scale's peaks
    const LogByteAxis axis = commonLogAxis(largest);
    EXPECT_DOUBLE_EQ(axis.lo, 1024);
    EXPECT_DOUBLE_EQ(axis.hi, 128.0 * GiB); // 78 GiB rounded up
    EXPECT_EQ(axis.ticks(), (std::vector<double>{1.0 * KiB, 1.0 * MiB, 1.0 * GiB}));
    // A small run still gets a readable axis: at least 1 MiB, ticks every ×32.
    const std::array<std::int64_t, 1> tiny{8 * KiB};
    const LogByteAxis small = commonLogAxis(tiny);
    EXPECT_DOUBLE_EQ(small.hi, 1.0 * MiB);
    EXPECT_EQ(small.ticks(), (std::vector<double>{1.0 * KiB, 32.0 * KiB, 1.0 * MiB}));
    EXPECT_EQ(tickLabel(KiB), QStringLiteral("1 KiB"));
    EXPECT_EQ(tickLabel(32 * KiB), QStringLiteral("32 KiB"));
    EXPECT_EQ(tickLabel(GiB), QStringLiteral("1 GiB"));
}

TEST(StackLogBars, EqualRatiosOfBytesGetEqualLengths)
{
    const LogByteAxis axis{KiB, 1.0 * GiB};
    EXPECT_DOUBLE_EQ(axis.x(KiB, 0, 300), 0);
    EXPECT_DOUBLE_EQ(axis.x(GiB, 0, 300), 300);
    EXPECT_DOUBLE_EQ(axis.x(MiB, 0, 300), 150); // half way in powers of 1024
    EXPECT_DOUBLE_EQ(axis.x(100, 0, 300), 0);   // under the axis: at its start
    const double step = axis.x(4 * KiB, 0, 300) - axis.x(2 * KiB, 0, 300);
    EXPECT_NEAR(axis.x(64 * MiB, 0, 300) - axis.x(32 * MiB, 0, 300), step, 1e-9);
}

TEST(StackLogBars, CommittedSitsInsideReservedAndEachEndsAtItsBytes)
{
    const LogByteAxis axis{KiB, 1.0 * GiB};
    const QRectF bar(10, 20, 300, 24);
    const StackTotals t{.reserved = 8 * MiB, .committed = 8 * KiB};
    const LogBars b = logBars(t, axis, bar);
    EXPECT_DOUBLE_EQ(b.reserved.left(), 10);
    EXPECT_DOUBLE_EQ(b.reserved.right(), axis.x(8 * MiB, 10, 310));
    EXPECT_DOUBLE_EQ(b.committed.right(), axis.x(8 * KiB, 10, 310));
    EXPECT_TRUE(b.reserved.contains(b.committed));
    EXPECT_GT(b.committed.top(), b.reserved.top()); // the outline stays visible around it
    EXPECT_TRUE(logBars(StackTotals{}, axis, bar).reserved.isEmpty());
    const StackGroup g{StackOwner::Thread, 8 * MiB, 8 * KiB, 3};
    const StackTotals sum = stackTotals(std::span(&g, 1));
    EXPECT_EQ(sum.reserved, 24 * MiB);
    EXPECT_EQ(sum.committed, 24 * KiB);
}

namespace {

std::shared_ptr<const RunSnapshot> memoryAtScale()
{
    static std::shared_ptr<const RunSnapshot> run;
    if (!run) {
        auto loaded = scenario::loadFile((presetDirectory() + QStringLiteral("/memory-at-scale.toml")).toStdString());
        if (loaded.ok())
            run = buildRunSnapshot(*loaded.scenario, 1);
    }
    return run;
}

} // namespace

TEST(StackLogBarsViews, ThreeColumnsShareOneAxisAndNoTextIsCutOrOverlaps)
{
    const auto run = memoryAtScale();
    ASSERT_TRUE(run);
    for (QSize size : {QSize(900, 140), QSize(1600, 200)}) {
        PlaybackState playback;
        playback.setDuration(run->end.count());
        playback.setTime(run->busiest.count());
        QWidget root;
        root.setAttribute(Qt::WA_DontShowOnScreen);
        auto *row = new QHBoxLayout(&root);
        std::array<ColumnState, 3> states;
        std::array<StackLogBarsView *, 3> views{};
        for (std::size_t i = 0; i < 3; ++i) {
            states[i].model = kAllModels[i];
            states[i].snapshot = run;
            states[i].cursor = std::make_unique<TraceCursor>(run->models[i].index);
            views[i] = new StackLogBarsView(states[i], playback, &root);
            row->addWidget(views[i], 1);
        }
        root.resize(size);
        root.show();
        QApplication::processEvents();

        std::array<StackLogBarsView::Layout, 3> l;
        for (std::size_t i = 0; i < 3; ++i)
            l[i] = views[i]->layout();
        for (std::size_t i = 0; i < 3; ++i) {
            SCOPED_TRACE(i);
            EXPECT_EQ(l[i].axis.lo, l[0].axis.lo);
            EXPECT_EQ(l[i].axis.hi, l[0].axis.hi);
            EXPECT_GT(l[i].totals.reserved, 0); // every model has stacks at the busiest instant
            // Each bar ends where its bytes fall on the shared axis.
            const double want =
                l[i].axis.x(static_cast<double>(l[i].totals.reserved), l[i].bar.left(), l[i].bar.right());
            EXPECT_NEAR(l[i].bars.reserved.right(), want, 1e-9);
            // Every text inside the view, none on another.
            for (std::size_t a = 0; a < l[i].texts.size(); ++a) {
                EXPECT_TRUE(QRectF(views[i]->rect()).contains(l[i].texts[a].rect)) << l[i].texts[a].text.toStdString();
                for (std::size_t b = a + 1; b < l[i].texts.size(); ++b)
                    EXPECT_FALSE(l[i].texts[a].rect.intersects(l[i].texts[b].rect))
                        << l[i].texts[a].text.toStdString() << " / " << l[i].texts[b].text.toStdString();
            }
        }
        // The bars' lengths, as fractions of the axis, differ as the logarithms of the bytes do:
        // 10,000 threads × 8 MiB against 10,000 goroutines × 2 KiB is 4,096×, twelve doublings.
        const auto fraction = [&](std::size_t i) { return l[i].bars.reserved.width() / l[i].bar.width(); };
        const double doublings =
            std::log2(static_cast<double>(l[2].totals.reserved) / static_cast<double>(l[0].totals.reserved));
        EXPECT_NEAR(fraction(2) - fraction(0), doublings / std::log2(l[0].axis.hi / l[0].axis.lo), 1e-6);
    }
}
