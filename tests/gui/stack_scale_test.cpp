// One stack-memory scale for the three columns: the shared scale and its lenses as plain geometry,
// then the views themselves on two presets, read through the picture they paint.
#include "gui/core/stack_scale.h"

#include "engine/scenario/scenario_file.h"
#include "gui/core/playback_state.h"
#include "gui/core/preset_model.h"
#include "gui/core/run_snapshot.h"
#include "gui/widgets/model_column.h"
#include "gui/widgets/stack_memory_view.h"
#include "gui/widgets/stack_scale_link.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QWidget>

#include <gtest/gtest.h>

#include <array>
#include <map>

using namespace conviz;
using namespace conviz::gui;

namespace {

// Square pixels per byte of every block in `p` (tiles and area-true blocks alike).
std::vector<double> areasPerByte(const TilePacking &p)
{
    std::vector<double> out;
    for (const TileBlock &b : p.blocks) {
        const double bytes = static_cast<double>(b.group.count) * static_cast<double>(b.group.reserved);
        const double area =
            b.solid ? b.bounds.width() * b.bounds.height() : static_cast<double>(b.group.count) * b.side * b.side;
        out.push_back(area / bytes);
    }
    return out;
}

// memory-at-scale's peaks: 10,000 goroutines of 2 KiB, Node's loop thread, 10,000 threads of 8 MiB
// with 8 KiB touched.
const std::array<std::vector<StackGroup>, 3> kMemoryAtScale{{
    {{StackOwner::Goroutine, 2 * KiB, 2 * KiB, 10000}},
    {{StackOwner::Thread, 8 * MiB, 8 * KiB, 1}},
    {{StackOwner::Thread, 8 * MiB, 8 * KiB, 10000}},
}};

std::array<StackColumnInput, 3> inputs(const std::array<std::vector<StackGroup>, 3> &groups, QSizeF area)
{
    return {StackColumnInput{groups[0], area}, StackColumnInput{groups[1], area}, StackColumnInput{groups[2], area}};
}

} // namespace

TEST(StackScale, TheLargestColumnFillsItsAreaAndTheOthersShareItsScale)
{
    const QSizeF area(400, 200);
    const StackScale s = sharedStackScale(inputs(kMemoryAtScale, area));
    EXPECT_NEAR(s.pxPerByte, fitScale(kMemoryAtScale[2], area.width(), area.height()), 1e-15);
    for (const auto &groups : kMemoryAtScale) {
        const TilePacking p = packTiles(groups, area.width(), area.height(), s.pxPerByte);
        EXPECT_FALSE(p.overflow);
        for (double a : areasPerByte(p))
            EXPECT_NEAR(a / s.pxPerByte, 1.0, 1e-9);
    }
}

TEST(StackScale, OnlyColumnsThatAreSpecksGetALensAndAllLensesShareOneFactor)
{
    const QSizeF area(400, 200);
    const StackScale s = sharedStackScale(inputs(kMemoryAtScale, area));
    EXPECT_TRUE(s.lensed[0]);  // 19.6 MiB beside 78 GiB
    EXPECT_TRUE(s.lensed[1]);  // one 8 MiB stack beside 10,000
    EXPECT_FALSE(s.lensed[2]); // the column that sets the scale
    EXPECT_GE(s.lensFactor, 100);
    EXPECT_EQ(s.lensFactor, niceFloor(s.lensFactor));
    // Each lensed column fits its lens at that factor.
    const QRectF lens = lensArea(area);
    for (std::size_t i : {0u, 1u}) {
        const StackPicture pic = stackPicture(kMemoryAtScale[i], QRectF(QPointF(), area), s, true, 12);
        EXPECT_TRUE(pic.lensed);
        EXPECT_FALSE(pic.magnified.overflow) << i;
        for (double a : areasPerByte(pic.magnified))
            EXPECT_NEAR(a / (s.pxPerByte * s.lensFactor), 1.0, 1e-9);
        // The true-scale picture is still there, and the leader joins its ring to the lens.
        ASSERT_FALSE(pic.trueScale.blocks.empty());
        EXPECT_TRUE(pic.marker.contains(pic.trueScale.blocks[0].bounds));
        EXPECT_EQ(pic.leader.p2().x(), lens.left());
        EXPECT_FALSE(pic.marker.intersects(pic.lens));
    }
}

TEST(StackScale, ColumnsOfEqualStacksNeedNoLens)
{
    const std::vector<StackGroup> same{{StackOwner::Thread, 8 * MiB, 8 * KiB, 40}};
    const StackScale s = sharedStackScale(inputs({same, same, same}, QSizeF(400, 200)));
    EXPECT_EQ(s.lensed, (std::array<bool, 3>{}));
    EXPECT_EQ(s.lensFactor, 1);
}

namespace {

// The three model columns as the window builds them, on a preset at its busiest instant.
struct Columns {
    PlaybackState playback;
    QWidget root;
    std::array<ModelColumn *, 3> columns{};
    std::unique_ptr<StackScaleLink> link;

    Columns(const std::shared_ptr<const RunSnapshot> &run, QSize size)
    {
        root.setAttribute(Qt::WA_DontShowOnScreen);
        auto *row = new QHBoxLayout(&root);
        for (std::size_t i = 0; i < 3; ++i) {
            columns[i] = new ModelColumn(kAllModels[i], playback, &root);
            columns[i]->setSnapshot(run);
            row->addWidget(columns[i], 1);
        }
        link = std::make_unique<StackScaleLink>(
            std::array{columns[0]->memoryView(), columns[1]->memoryView(), columns[2]->memoryView()});
        playback.setDuration(run->end.count());
        playback.setTime(run->busiest.count());
        root.resize(size);
        root.show();
        QApplication::processEvents();
    }
};

std::shared_ptr<const RunSnapshot> presetRun(const char *name)
{
    static std::map<std::string, std::shared_ptr<const RunSnapshot>> cache;
    auto &run = cache[name];
    if (!run) {
        const QString path = presetDirectory() + QLatin1Char('/') + QLatin1String(name) + QStringLiteral(".toml");
        auto loaded = scenario::loadFile(path.toStdString());
        if (!loaded.ok())
            return nullptr;
        run = buildRunSnapshot(*loaded.scenario, 1);
    }
    return run;
}

} // namespace

class StackMemoryViews : public ::testing::TestWithParam<const char *> {};

TEST_P(StackMemoryViews, EqualBytesGetEqualAreaInEveryColumn)
{
    const auto run = presetRun(GetParam());
    ASSERT_TRUE(run);
    for (QSize size : {QSize(1280, 720), QSize(1920, 1080)}) {
        Columns c(run, size);
        double scale = 0;
        int drawn = 0;
        std::string empty; // the models whose column has no stack at this instant
        for (ModelColumn *column : c.columns) {
            const StackPicture pic = column->memoryView()->picture();
            EXPECT_FALSE(pic.trueScale.overflow) << GetParam() << " column " << static_cast<int>(column->model());
            for (double a : areasPerByte(pic.trueScale)) {
                if (scale == 0)
                    scale = a;
                EXPECT_NEAR(a / scale, 1.0, 1e-6) << GetParam() << " column " << static_cast<int>(column->model());
            }
            if (pic.trueScale.blocks.empty())
                empty += " " + std::to_string(static_cast<int>(column->model()));
            else
                ++drawn;
            if (pic.lensed) {
                for (double a : areasPerByte(pic.magnified))
                    EXPECT_NEAR(a / (scale * pic.factor), 1.0, 1e-6) << GetParam();
            }
        }
        EXPECT_EQ(drawn, 3) << GetParam() << ": no stack in the column of model" << empty; // at the busiest instant
    }
}

INSTANTIATE_TEST_SUITE_P(Presets, StackMemoryViews, ::testing::Values("memory-at-scale", "benchmark-trap"));

TEST(StackMemoryViews, MemoryAtScaleShowsGoThroughALensBesideItsTrueScaleSpeck)
{
    const auto run = presetRun("memory-at-scale");
    ASSERT_TRUE(run);
    Columns c(run, QSize(1280, 720));
    const StackPicture go = c.columns[0]->memoryView()->picture();
    const StackPicture threads = c.columns[2]->memoryView()->picture();
    EXPECT_TRUE(go.lensed);
    EXPECT_FALSE(threads.lensed);
    EXPECT_FALSE(go.trueScale.blocks.empty()); // never instead of the true-scale picture
    EXPECT_GE(go.factor, 100);
}
