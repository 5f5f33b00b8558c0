// The Cost tab, the narration filter, presentation mode and the over-time charts of a cut trace:
// what each shows a user.
#include "gui/app/main_window.h"
#include "gui/charts/chart_axes.h"
#include "gui/charts/figure_renderer.h"
#include "gui/charts/figure_view.h"
#include "gui/core/chart_data.h"
#include "gui/core/cost_table_model.h"
#include "gui/core/figure_charts.h"
#include "gui/core/model_palette.h"
#include "gui/core/narration_filter.h"
#include "gui/core/narration_model.h"
#include "gui/core/simulation_controller.h"
#include "gui/widgets/charts_pane.h"
#include "gui/widgets/cost_pane.h"
#include "gui/widgets/model_column.h"
#include "gui/widgets/palette.h"

#include "engine/simulate.h"
#include "report/cost_report.h"
#include "test_scenarios.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QDockWidget>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QScreen>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include <gtest/gtest.h>

#include <functional>
#include <map>

using namespace conviz;
using namespace conviz::gui;

namespace {

std::vector<CostEstimate> costsOf(const Scenario &s)
{
    std::vector<ModelMetrics> metrics;
    for (const ModelResult &r : simulateAll(s, kAllModels, {}))
        metrics.push_back(r.metrics);
    return estimateCosts(s, metrics);
}

double value(const CostTableModel &m, CostTableModel::Line line, int column)
{
    return m.data(m.index(line, column), CostTableModel::ValueRole).toDouble();
}

} // namespace

TEST(CostTableModel, PassesTheModelTesterAndShowsEachModelsEstimate)
{
    CostTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    EXPECT_EQ(model.rowCount(), 0);
    EXPECT_TRUE(model.summary().isEmpty());

    const Scenario s = test::smallWebScenario(2000);
    std::vector<CostEstimate> costs = costsOf(s);
    ASSERT_EQ(costs.size(), 3u);
    std::reverse(costs.begin(), costs.end()); // any order: columns follow the model, not the position
    model.setCosts(s, costs);
    ASSERT_EQ(model.rowCount(), CostTableModel::LineCount);
    ASSERT_EQ(model.columnCount(), CostTableModel::ColumnCount);

    for (const CostEstimate &e : costs) {
        const int column = CostTableModel::FibersColumn + static_cast<int>(e.model);
        SCOPED_TRACE(std::string(modelKey(e.model)));
        EXPECT_EQ(model.data(model.index(CostTableModel::LambdaNeeds, column), CostTableModel::ModelRole).toInt(),
                  static_cast<int>(e.model));
        EXPECT_DOUBLE_EQ(value(model, CostTableModel::LambdaMonthly, column), e.lambdaMonthly);
        EXPECT_DOUBLE_EQ(value(model, CostTableModel::LambdaSetting, column), static_cast<double>(e.lambdaMemory));
        EXPECT_DOUBLE_EQ(value(model, CostTableModel::CpuPerRequest, column), e.cpuMsPerRequest);
        EXPECT_DOUBLE_EQ(value(model, CostTableModel::ContainerCount, column), static_cast<double>(e.containers));
        const QString binds =
            model.data(model.index(CostTableModel::Capacity, column), CostTableModel::BindsRole).toString();
        EXPECT_EQ(binds, e.memoryBound ? QStringLiteral("memory") : QStringLiteral("CPU"));
        EXPECT_FALSE(model.data(model.index(CostTableModel::LambdaMonthly, column)).toString().isEmpty());
    }
    // The article's bills are the event loop's, every other model scaled by the same factor.
    const int node = CostTableModel::EventLoopColumn;
    EXPECT_NEAR(value(model, CostTableModel::LowBill, node), kReferenceBills[0], 1e-9);
    EXPECT_NEAR(value(model, CostTableModel::HighBill, node), kReferenceBills[1], 1e-9);
    const double ratio = value(model, CostTableModel::LambdaMonthly, CostTableModel::ThreadsColumn) /
                         value(model, CostTableModel::LambdaMonthly, node);
    EXPECT_NEAR(value(model, CostTableModel::HighBill, CostTableModel::ThreadsColumn), kReferenceBills[1] * ratio,
                1e-6);

    // Headings are rows with text in the label column and nothing in the model columns.
    EXPECT_TRUE(model.data(model.index(CostTableModel::LambdaHeading, 0), CostTableModel::HeadingRole).toBool());
    EXPECT_FALSE(model.data(model.index(CostTableModel::LambdaHeading, 0)).toString().isEmpty());
    EXPECT_FALSE(
        model.data(model.index(CostTableModel::LambdaHeading, CostTableModel::FibersColumn), CostTableModel::ValueRole)
            .isValid());
    EXPECT_TRUE(model.summary().contains(QStringLiteral("req/s")));
    EXPECT_TRUE(model.pricesNote().contains(QString::fromStdString(s.cost.pricesDate)));

    model.setCosts(s, {});
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(NarrationFilter, PassesTheModelTesterAndNarrowsByModelAndKind)
{
    NarrationModel source;
    NarrationFilter filter;
    filter.setSourceModel(&source);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
    auto snap = std::make_shared<RunSnapshot>();
    snap->narration = {{Nanos{100}, ModelKind::Fibers, NarrationKind::Steal, QStringLiteral("P1 steals")},
                       {Nanos{200}, ModelKind::EventLoop, NarrationKind::PoolSaturated, QStringLiteral("pool full")},
                       {Nanos{300}, ModelKind::Fibers, NarrationKind::Preempt, QStringLiteral("G7 preempted")},
                       {Nanos{400}, ModelKind::Fibers, NarrationKind::Steal, QStringLiteral("P0 steals")},
                       {Nanos{500}, ModelKind::Threads, NarrationKind::Refused, QStringLiteral("refused")}};
    source.setSnapshot(snap);
    EXPECT_EQ(filter.rowCount(), 5);

    filter.setModelKind(ModelKind::Fibers);
    EXPECT_EQ(filter.rowCount(), 3);
    const auto counts = filter.kindCounts(); // of the fibers only: what each kind would show
    const auto at = [&](NarrationKind k) {
        return counts[static_cast<std::size_t>(std::find(kNarrationKinds.begin(), kNarrationKinds.end(), k) -
                                               kNarrationKinds.begin())];
    };
    EXPECT_EQ(at(NarrationKind::Steal), 2);
    EXPECT_EQ(at(NarrationKind::Preempt), 1);
    EXPECT_EQ(at(NarrationKind::Refused), 0);

    filter.setEventKind(NarrationKind::Steal);
    ASSERT_EQ(filter.rowCount(), 2);
    EXPECT_EQ(filter.data(filter.index(1, 0), NarrationModel::TimeRole).toLongLong(), 400); // still in time order
    EXPECT_EQ(filter.rowAtTime(50), -1);
    EXPECT_EQ(filter.rowAtTime(399), 0);
    EXPECT_EQ(filter.rowAtTime(10'000), 1);

    filter.setModelKind(std::nullopt);
    filter.setEventKind(NarrationKind::Refused);
    ASSERT_EQ(filter.rowCount(), 1);
    EXPECT_EQ(filter.data(filter.index(0, 0), NarrationModel::ModelRole).toInt(), static_cast<int>(ModelKind::Threads));
    filter.setEventKind(std::nullopt);
    EXPECT_EQ(filter.rowCount(), 5);
    for (NarrationKind k : kNarrationKinds)
        EXPECT_FALSE(narrationKindFilterText(k).isEmpty());
}

namespace {

std::unique_ptr<MainWindow> windowWithResult(const Scenario &s)
{
    auto w = std::make_unique<MainWindow>();
    w->controller().setAutoSweep(false);
    w->setUnsavedPrompt([] { return static_cast<int>(QMessageBox::Discard); });
    w->resize(1600, 1000);
    w->show();
    QSignalSpy spy(&w->controller(), &SimulationController::resultAvailable);
    w->controller().setScenario(s, QString());
    if (!spy.wait(30000))
        return nullptr;
    QApplication::processEvents();
    return w;
}

QString screenshotPath(const QString &name)
{
    const QString dir =
        qEnvironmentVariable("CONVIZ_SCREENSHOT_DIR", QDir::currentPath() + QStringLiteral("/screenshots"));
    QDir().mkpath(dir);
    return dir + QLatin1Char('/') + name;
}

} // namespace

TEST(CostPane, FollowsEveryNewResult)
{
    Scenario s = test::smallWebScenario(1500);
    auto w = windowWithResult(s);
    ASSERT_TRUE(w);
    CostPane *pane = w->chartsPane()->costPane();
    ASSERT_TRUE(pane);
    w->chartsPane()->tabs()->setCurrentIndex(ChartsPane::CostTab);
    QApplication::processEvents();
    const auto snap = w->controller().latest();
    ASSERT_EQ(snap->costs.size(), 3u);
    EXPECT_EQ(pane->model()->rowCount(), CostTableModel::LineCount);
    EXPECT_DOUBLE_EQ(value(*pane->model(), CostTableModel::LambdaMonthly, CostTableModel::FibersColumn),
                     snap->costs[0].lambdaMonthly);
    EXPECT_FALSE(pane->chart()->data().series.empty());
    EXPECT_FALSE(pane->summary()->text().isEmpty());
    ASSERT_TRUE(pane->grab().toImage().save(screenshotPath(QStringLiteral("cost_tab.png"))));
    // Every model's header is whole, in normal and in large type: a cut "t loop (Node.js)" names no model.
    const auto headersWhole = [&] {
        QApplication::processEvents();
        const QHeaderView *header = pane->table()->horizontalHeader();
        const QFontMetrics fm(header->font());
        for (int c = CostTableModel::FibersColumn; c <= CostTableModel::ThreadsColumn; ++c) {
            const QString title = pane->table()->model()->headerData(c, Qt::Horizontal).toString();
            if (header->sectionSize(c) < fm.horizontalAdvance(title) + 12) // and the 12 px swatch
                return false;
        }
        return true;
    };
    EXPECT_TRUE(headersWhole());
    QTest::keyClick(w.get(), Qt::Key_F5);
    ASSERT_TRUE(w->presentationMode());
    EXPECT_TRUE(headersWhole());
    QTest::keyClick(w.get(), Qt::Key_Escape);

    // Twice the load: the pane shows the new run's price, not the old one.
    const double before = value(*pane->model(), CostTableModel::LambdaMonthly, CostTableModel::EventLoopColumn);
    QSignalSpy spy(&w->controller(), &SimulationController::resultAvailable);
    s.load.rate *= 2;
    w->controller().setScenario(s, QString());
    ASSERT_TRUE(spy.wait(30000));
    QApplication::processEvents();
    const double after = value(*pane->model(), CostTableModel::LambdaMonthly, CostTableModel::EventLoopColumn);
    EXPECT_NEAR(after / before, 2.0, 0.2); // Lambda bills per request: twice the requests, about twice the bill
}

TEST(CostPane, SaysWhyThereIsNoEstimateWhenAModelMeasuredNothing)
{
    Scenario s = test::smallWebScenario(300);
    s.load.warmup = Nanos{60'000'000'000}; // every request arrives in the warm-up
    auto w = windowWithResult(s);
    ASSERT_TRUE(w);
    CostPane *pane = w->chartsPane()->costPane();
    ASSERT_TRUE(w->controller().latest()->costs.empty());
    EXPECT_EQ(pane->model()->rowCount(), 0);
    const QString note = pane->pricesNote()->text();
    EXPECT_TRUE(note.startsWith(QStringLiteral("No estimate: "))) << note.toStdString();
    // The three share their reason: said once, not three times.
    EXPECT_TRUE(note.endsWith(QStringLiteral(
        "Fibers (Go), Event loop (Node.js) and OS threads measured nothing: all arrived in the 60 s warm-up.")))
        << note.toStdString();
    EXPECT_EQ(note.count(QStringLiteral("warm-up")), 1) << note.toStdString();
    EXPECT_EQ(pane->chart()->data().placeholder, QStringLiteral("No estimate"));
    EXPECT_TRUE(pane->table()->isHidden()); // no empty grid beside the placeholder

    // A run that measures: the table is back.
    QSignalSpy spy(&w->controller(), &SimulationController::resultAvailable);
    s.load.warmup = Nanos::zero();
    w->controller().setScenario(s, QString());
    ASSERT_TRUE(spy.wait(30000));
    QApplication::processEvents();
    ASSERT_FALSE(w->controller().latest()->costs.empty());
    EXPECT_FALSE(pane->table()->isHidden());
    EXPECT_GT(pane->model()->rowCount(), 0);
}

TEST(PresentationMode, EnlargesTheTextHidesTheSidePanelsAndLeavesEverythingAsItWas)
{
    auto w = windowWithResult(test::smallWebScenario(800));
    ASSERT_TRUE(w);
    auto *scenarioDock = w->findChild<QDockWidget *>(QStringLiteral("ScenarioDock"));
    auto *narrationDock = w->findChild<QDockWidget *>(QStringLiteral("NarrationDock"));
    auto *chartsDock = w->findChild<QDockWidget *>(QStringLiteral("ChartsDock"));
    ASSERT_TRUE(scenarioDock && narrationDock && chartsDock);
    ASSERT_TRUE(scenarioDock->isVisible());
    const QFont normal = w->columns()[0]->font();
    const auto sectionLabel = [&] {
        for (QLabel *l : w->columns()[0]->findChildren<QLabel *>())
            if (l->text() == QStringLiteral("Scheduler"))
                return l;
        return static_cast<QLabel *>(nullptr);
    };
    ASSERT_TRUE(sectionLabel());
    const double sectionPoints = QFontInfo(sectionLabel()->font()).pointSizeF();
    std::map<QString, bool> shown;
    for (QDockWidget *d : w->findChildren<QDockWidget *>())
        shown[d->objectName()] = d->isVisible();

    QTest::keyClick(w.get(), Qt::Key_F5);
    ASSERT_TRUE(w->presentationMode());
    EXPECT_TRUE(w->isFullScreen());
    EXPECT_FALSE(scenarioDock->isVisible());
    EXPECT_FALSE(narrationDock->isVisible());
    EXPECT_TRUE(chartsDock->isVisible());
    const QFont big = w->columns()[0]->font();
    EXPECT_NEAR(QFontInfo(big).pointSizeF() / QFontInfo(normal).pointSizeF(), w->textScale(), 0.1);
    EXPECT_GT(w->textScale(), 1.0);
    // Headings grow with the text.
    EXPECT_NEAR(QFontInfo(sectionLabel()->font()).pointSizeF() / sectionPoints, w->textScale(), 0.2);
    // The charts' text grows only on a screen tall enough for it (small_screen_test.cpp has both).
    const bool tall = QGuiApplication::primaryScreen()->geometry().height() >= 900;
    EXPECT_NEAR(w->chartsPane()->costPane()->chart()->textScale(), tall ? w->textScale() : 1.0, 1e-9);
    QApplication::processEvents();
    ASSERT_TRUE(w->grab().toImage().save(screenshotPath(QStringLiteral("presentation_mode.png"))));

    QTest::keyClick(w.get(), Qt::Key_Escape);
    EXPECT_FALSE(w->presentationMode());
    EXPECT_FALSE(w->isFullScreen());
    EXPECT_TRUE(scenarioDock->isVisible());
    EXPECT_TRUE(narrationDock->isVisible());
    EXPECT_EQ(w->columns()[0]->font(), normal);
    EXPECT_DOUBLE_EQ(QFontInfo(sectionLabel()->font()).pointSizeF(), sectionPoints);
    EXPECT_NEAR(w->chartsPane()->costPane()->chart()->textScale(), 1.0, 1e-9);
    for (QDockWidget *d : w->findChildren<QDockWidget *>())
        EXPECT_EQ(d->isVisible(), shown[d->objectName()]) << d->objectName().toStdString();

    // Ctrl+Shift+P toggles too.
    QTest::keyClick(w.get(), Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
    EXPECT_TRUE(w->presentationMode());
    QTest::keyClick(w.get(), Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
    EXPECT_FALSE(w->presentationMode());
}

TEST(OverTimeCharts, ACutTraceStillChartsThroughputForTheWholeRunAndSaysWhereItsQueueLineEnds)
{
    const Scenario s = test::smallWebScenario(2000);
    SnapshotOptions options;
    options.traceLimit = 20'000; // far less than the run needs
    const auto snap = buildRunSnapshot(s, 1, options);
    ASSERT_TRUE(snap);
    ASSERT_TRUE(snap->truncated);
    EXPECT_GT(snap->seriesEnd, snap->end);

    for (const ModelRun &m : snap->models) {
        SCOPED_TRACE(std::string(modelKey(m.model)));
        ASSERT_FALSE(m.throughputOverTime.empty());
        // Completions per bin × bin width add up to every completed request.
        const double width = m.throughputOverTime[1].x() - m.throughputOverTime[0].x();
        double completed = 0;
        for (const QPointF &p : m.throughputOverTime)
            completed += p.y() * width;
        EXPECT_NEAR(completed, static_cast<double>(m.metrics.completed), 0.5);
        EXPECT_GT(m.throughputOverTime.back().x(), snap->end.toSeconds());
        if (m.index->trace().truncated()) {
            for (const QPointF &p : m.runQueueOverTime)
                EXPECT_LE(p.x(), m.index->trace().truncatedAt.toSeconds());
        }
    }
    const ChartData queue = runQueueOverTimeChart(*snap);
    EXPECT_TRUE(queue.title.contains(QStringLiteral("recorded to"))) << queue.title.toStdString();
    EXPECT_FALSE(queue.subtitle.isEmpty());
    // Both charts' time axes reach the end of the run, not the end of the shortest line.
    const ChartData throughput = throughputOverTimeChart(*snap);
    EXPECT_DOUBLE_EQ(queue.xExtent, throughput.xExtent);
    const double k = snap->seriesEnd.count() < 2'000'000'000 ? 1e3 : 1.0;
    EXPECT_DOUBLE_EQ(queue.xExtent, snap->seriesEnd.toSeconds() * k);

    // A run recorded whole says nothing of the sort.
    const auto whole = buildRunSnapshot(s, 2);
    ASSERT_TRUE(whole && !whole->truncated);
    EXPECT_EQ(runQueueOverTimeChart(*whole).title, QStringLiteral("Tasks waiting for a CPU"));
}

namespace {

// A sweep of `points` points at x = step, 2 step…; `fill(metrics, i)` sets each model's metrics
// at point i (1-based), its model already set.
SweepSnapshot sweepOf(const QString &label, const QString &knob, int points, double step,
                      const std::function<void(ModelMetrics &, int)> &fill)
{
    SweepSnapshot sw;
    sw.label = label;
    sw.knobLabel = knob;
    for (int i = 1; i <= points; ++i) {
        sw.xs.push_back(step * i);
        std::array<ModelMetrics, 3> point;
        for (std::size_t m = 0; m < 3; ++m) {
            point[m].model = kAllModels[m];
            fill(point[m], i);
        }
        sw.points.push_back(point);
    }
    return sw;
}

} // namespace

TEST(CoincidingCurves, AModelWhoseCurveIsUnderAnothersStillShows)
{
    // Identical throughput for the three models (the CRUD preset's point): each must still be seen,
    // the fibers' wider line and open ring around the others.
    const SweepSnapshot sw = sweepOf(QStringLiteral("Arrival rate (req/s)"), QStringLiteral("arrival rate"), 6, 100,
                                     [](ModelMetrics &m, int i) {
                                         m.measured = 1000;
                                         m.throughputRps = 100.0 * i;
                                     });
    const ChartData chart = throughputSweepChart(sw);
    QImage img;
    ASSERT_TRUE(img.loadFromData(renderChartFigure(chart, {FigureFormat::Png, {1200, 675}, 1, false})));
    std::array<int, 3> pixels{};
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x)
            for (std::size_t m = 0; m < 3; ++m) {
                const QColor want = modelColor(kAllModels[m]);
                const QColor got = img.pixelColor(x, y);
                pixels[m] += std::abs(got.red() - want.red()) + std::abs(got.green() - want.green()) +
                                         std::abs(got.blue() - want.blue()) <
                                     30
                                 ? 1
                                 : 0;
            }
    for (std::size_t m = 0; m < 3; ++m)
        EXPECT_GT(pixels[m], 400) << modelKey(kAllModels[m]) << " is hidden under another model's curve";
}

TEST(SweepCharts, APointWhereAModelMeasuredNothingIsLeftOutNeverDrawnAsZero)
{
    // A sweep of the requests in a run: at the first two points every request arrives in the warm-up
    // (nothing measured at all), at the third only the event loop has measured none.
    const SweepSnapshot sw = sweepOf(QStringLiteral("Requests in the run"), QStringLiteral("requests in the run"), 5,
                                     500, [](ModelMetrics &m, int i) {
                                         const bool measured = i > 3 || (i == 3 && m.model != ModelKind::EventLoop);
                                         m.measured = measured ? 100 * i : 0;
                                         m.throughputRps = measured ? 1000.0 : 0;
                                         m.latency.p50 = measured ? 2e6 : 0;
                                         m.latency.p99 = measured ? 9e6 : 0;
                                     });
    for (const ChartData &chart : {throughputSweepChart(sw), latencySweepChart(sw)}) {
        SCOPED_TRACE(chart.title.toStdString());
        EXPECT_TRUE(chart.title.endsWith(QStringLiteral(" · 3 points measured nothing")));
        // The x axis still spans the sweep, so the missing points show as missing.
        const charts::KeptPoints kept = charts::keptPoints(chart);
        EXPECT_EQ(kept.xLo, 500);
        EXPECT_EQ(kept.xHi, 2500);
        for (const SeriesData &series : chart.series) {
            const ModelStyle &el = modelStyle(ModelKind::EventLoop);
            const bool eventLoop = series.name == el.title || series.name.startsWith(el.shortTitle + QLatin1Char(' '));
            QList<double> xs;
            for (const QPointF &p : series.points) {
                xs << p.x();
                EXPECT_GT(p.y(), 0) << series.name.toStdString();
            }
            EXPECT_EQ(xs, eventLoop ? (QList<double>{2000, 2500}) : (QList<double>{1500, 2000, 2500}))
                << series.name.toStdString();
        }
    }
    // Memory is measured whatever the requests did: every point stays.
    for (const SeriesData &series : memorySweepChart(sw).series)
        EXPECT_EQ(series.points.size(), 5);
    Scenario s;
    s.name = "requests";
    EXPECT_TRUE(figureChart(FigureKind::Throughput, nullptr, &sw, s)
                    ->subtitle.contains(QStringLiteral("(3 points measured nothing: left out)")));
}
