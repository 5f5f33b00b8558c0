// gui/export's one entry point: the file holds what renderFigure draws for the same run, and what
// goes wrong (a bad path, a sweep that cannot be planned, a GIF that starts after the run) comes back
// as a value, with no file left behind.
#include "gui/export/figure_export.h"

#include "gui/core/figure_charts.h"
#include "gui/core/format.h"
#include "gui/core/run_snapshot.h"
#include "test_scenarios.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace conviz;
using namespace conviz::gui;

namespace {

FigureExportRequest svgRequest(FigureKind kind, const QTemporaryDir &dir)
{
    FigureExportRequest r;
    r.scenario = test::smallWebScenario(120);
    r.kind = kind;
    r.spec = {FigureFormat::Svg, {800, 450}, 1, false};
    r.out = dir.filePath(QStringLiteral("figure.svg")).toStdString();
    return r;
}

QByteArray contents(const std::filesystem::path &path)
{
    QFile f(QString::fromStdString(path.string()));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

TEST(FigureExport, TheFileHoldsWhatRenderFigureDrawsForTheSameRun)
{
    QTemporaryDir dir;
    const FigureExportRequest r = svgRequest(FigureKind::Timeline, dir);
    const ExportOutcome outcome = exportFigure(r);
    ASSERT_FALSE(outcome.problem.has_value());
    const auto drawn = renderFigure(FigureKind::Timeline, {r.scenario, buildRunSnapshot(r.scenario, 1)}, r.spec);
    ASSERT_TRUE(drawn.has_value());
    EXPECT_GT(drawn->size(), 2000);
    EXPECT_EQ(contents(r.out), *drawn);
}

TEST(FigureExport, AFolderThatDoesNotExistIsAFileProblem)
{
    QTemporaryDir dir;
    FigureExportRequest r = svgRequest(FigureKind::Cost, dir);
    r.out = dir.filePath(QStringLiteral("missing/figure.svg")).toStdString();
    const ExportOutcome outcome = exportFigure(r);
    ASSERT_TRUE(outcome.problem.has_value());
    EXPECT_EQ(outcome.problem->kind, ExportProblem::Kind::File);
    EXPECT_EQ(outcome.problem->file.kind, exports::ExportError::Kind::Io);
    EXPECT_NE(outcome.problem->file.message.find("missing"), std::string::npos);
}

TEST(FigureExport, ASweepOfAnUnknownParameterIsASweepProblemAndWritesNothing)
{
    QTemporaryDir dir;
    FigureExportRequest r = svgRequest(FigureKind::Throughput, dir);
    r.sweep.args.param = "load.no_such_knob";
    r.sweep.source = "small.toml";
    const ExportOutcome outcome = exportFigure(r);
    ASSERT_TRUE(outcome.problem.has_value());
    EXPECT_EQ(outcome.problem->kind, ExportProblem::Kind::Sweep);
    EXPECT_FALSE(outcome.problem->message.empty() && outcome.problem->diagnostics.empty());
    // Nothing at all: neither the figure nor a temporary file beside it.
    EXPECT_TRUE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::Hidden).isEmpty());
}

TEST(FigureExport, AGifChosenToStartAfterTheRunIsAProblemThatNamesTheRunsEnd)
{
    QTemporaryDir dir;
    GifExportRequest r;
    r.scenario = test::smallWebScenario(120);
    r.spec.start = Nanos{std::int64_t{3600} * 1'000'000'000};
    r.startChosen = true;
    r.out = dir.filePath(QStringLiteral("late.gif")).toStdString();
    const ExportOutcome outcome = exportGif(r);
    ASSERT_TRUE(outcome.problem.has_value());
    EXPECT_EQ(outcome.problem->kind, ExportProblem::Kind::StartAfterEnd);
    EXPECT_GT(outcome.problem->runEnd, Nanos{0});
    EXPECT_LT(outcome.problem->runEnd, r.spec.start);
    EXPECT_EQ(outcome.frames, 0);
    EXPECT_FALSE(QFile::exists(QString::fromStdString(r.out.string())));
}

TEST(FigureExport, TheSideBySideFigureShowsTheBusiestInstantUnlessToldOtherwise)
{
    QTemporaryDir dir;
    FigureExportRequest r = svgRequest(FigureKind::SideBySide, dir);
    r.spec.size = {1200, 675};
    ASSERT_FALSE(exportFigure(r).problem.has_value());
    const Nanos busiest = busiestInstant(*buildRunSnapshot(r.scenario, 1));
    ASSERT_GT(busiest, Nanos::zero());
    const QString said = QStringLiteral("t = %1 of").arg(formatDuration(static_cast<double>(busiest.count())));
    EXPECT_TRUE(QString::fromUtf8(contents(r.out)).contains(said)) << said.toStdString();

    r.at = Nanos{0};
    r.overwrite = exports::Overwrite::Replace;
    ASSERT_FALSE(exportFigure(r).problem.has_value());
    EXPECT_TRUE(QString::fromUtf8(contents(r.out)).contains(QStringLiteral("t = 0 ns of")));
}
