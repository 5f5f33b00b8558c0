#include "gui/core/simulation_controller.h"

#include "test_scenarios.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace conviz;
using namespace conviz::gui;

Q_DECLARE_METATYPE(std::shared_ptr<const conviz::gui::RunSnapshot>)

namespace {

void quick(SimulationController &c)
{
    c.setDebounceMs(20);
    c.setAutoSweep(false);
}

} // namespace

TEST(SimulationController, ASetScenarioDeliversAResultWithEveryModel)
{
    SimulationController c;
    quick(c);
    QSignalSpy spy(&c, &SimulationController::resultAvailable);
    c.setScenario(test::smallWebScenario(), QString());
    ASSERT_TRUE(spy.wait(20000));
    const auto snap = c.latest();
    ASSERT_TRUE(snap);
    for (const ModelRun &m : snap->models) {
        EXPECT_TRUE(m.index);
        EXPECT_EQ(m.metrics.completed, 300);
        EXPECT_FALSE(m.throughputOverTime.isEmpty());
    }
    EXPECT_GT(snap->end, Nanos::zero());
}

TEST(SimulationController, RapidEditsAreDebouncedAndOnlyTheLatestResultArrives)
{
    SimulationController c;
    quick(c);
    c.setDebounceMs(100);
    QSignalSpy spy(&c, &SimulationController::resultAvailable);
    c.setScenario(test::smallWebScenario(), QString());
    for (int cores = 1; cores <= 6; ++cores)
        EXPECT_TRUE(c.setKnob(QStringLiteral("machine.cores"), cores).isEmpty());
    QTest::qWait(50);
    QTRY_VERIFY_WITH_TIMEOUT(!c.isRunning() && spy.count() >= 1, 20000);
    QTest::qWait(150);
    ASSERT_GE(spy.count(), 1);
    EXPECT_EQ(c.latest()->scenario.machine.cores, 6);
    EXPECT_LE(spy.count(), 2); // the first run may finish before the edits cancel it
}

TEST(SimulationController, AnInvalidEditIsRefusedAndChangesNothing)
{
    SimulationController c;
    quick(c);
    c.setScenario(test::smallWebScenario(), QString());
    const Scenario before = c.scenario();
    EXPECT_FALSE(c.setKnob(QStringLiteral("machine.cores"), 0).isEmpty());
    EXPECT_FALSE(c.setKnob(QStringLiteral("no.such.knob"), 1).isEmpty());
    EXPECT_EQ(c.scenario(), before);
}

TEST(SimulationController, EditsMarkTheScenarioModifiedAndResetRestoresIt)
{
    SimulationController c;
    quick(c);
    c.setScenario(test::smallWebScenario(), QString());
    QSignalSpy modified(&c, &SimulationController::modifiedChanged);
    c.setKnob(QStringLiteral("load.rate"), 1234);
    EXPECT_TRUE(c.isModified());
    c.resetToBaseline();
    EXPECT_FALSE(c.isModified());
    EXPECT_EQ(modified.count(), 2);
}

TEST(SimulationController, SavedScenarioLoadsBackEqual)
{
    QTemporaryDir dir;
    SimulationController c;
    quick(c);
    c.setScenario(test::smallWebScenario(), QString());
    c.setKnob(QStringLiteral("load.rate"), 1500);
    const QString path = dir.filePath(QStringLiteral("mine.toml"));
    EXPECT_TRUE(c.saveAs(path).isEmpty());
    EXPECT_FALSE(c.isModified());
    SimulationController d;
    quick(d);
    EXPECT_TRUE(d.loadFile(path).isEmpty());
    EXPECT_EQ(d.scenario(), c.scenario());
    EXPECT_FALSE(d.loadFile(dir.filePath(QStringLiteral("missing.toml"))).isEmpty());
}

TEST(SimulationController, ASweepReportsProgressAndOnePointPerValue)
{
    SimulationController c;
    quick(c);
    c.setScenario(test::smallWebScenario(100), QString());
    QSignalSpy done(&c, &SimulationController::sweepAvailable);
    QSignalSpy progress(&c, &SimulationController::sweepProgress);
    c.startSweep({"load.rate", 500, 2000, 4, false});
    ASSERT_TRUE(done.wait(30000));
    const auto sweep = c.latestSweep();
    ASSERT_TRUE(sweep);
    EXPECT_EQ(sweep->points.size(), 4u);
    EXPECT_GT(progress.count(), 0);
}

TEST(SimulationController, ACancelledSweepDeliversNothing)
{
    SimulationController c;
    quick(c);
    c.setScenario(test::smallWebScenario(2000), QString());
    QSignalSpy done(&c, &SimulationController::sweepAvailable);
    QSignalSpy failed(&c, &SimulationController::sweepFailed);
    c.startSweep({"load.rate", 500, 2000, 12, false});
    c.cancelSweep();
    EXPECT_EQ(failed.count(), 1);
    QTest::qWait(300);
    EXPECT_EQ(done.count(), 0);
    EXPECT_FALSE(c.isSweeping());
}

TEST(SimulationController, ATracedRunReportsItsProgressInOrderUpToTheWhole)
{
    SimulationController c;
    quick(c);
    QSignalSpy progress(&c, &SimulationController::runProgress);
    QSignalSpy done(&c, &SimulationController::resultAvailable);
    c.setScenario(test::smallWebScenario(20000), QString());
    ASSERT_TRUE(done.wait(60000));
    ASSERT_GE(progress.count(), 2);
    double before = 0;
    for (const QList<QVariant> &call : progress) {
        const double f = call.at(0).toDouble();
        EXPECT_GT(f, before) << "the bar never stands still or moves back";
        EXPECT_LE(f, 1.0);
        before = f;
    }
    EXPECT_EQ(before, 1.0) << "the last report is of the whole work";
}

// A run long enough to stop: the smallest scenario the tests use, with many requests.
TEST(SimulationController, StoppingARunDeliversNothingAndStartsNothingUntilAskedOrEdited)
{
    SimulationController c;
    quick(c);
    QSignalSpy progress(&c, &SimulationController::runProgress);
    QSignalSpy done(&c, &SimulationController::resultAvailable);
    QSignalSpy stopped(&c, &SimulationController::runStopped);
    QSignalSpy started(&c, &SimulationController::runStarted);
    c.setScenario(test::smallWebScenario(400000), QString());
    ASSERT_TRUE(progress.wait(60000));
    EXPECT_FALSE(c.isStopped());
    c.stopRun();
    EXPECT_EQ(stopped.count(), 1);
    EXPECT_TRUE(c.isStopped());
    QTRY_VERIFY_WITH_TIMEOUT(!c.isRunning(), 20000);
    QTest::qWait(200);
    EXPECT_EQ(done.count(), 0);
    EXPECT_FALSE(c.latest());
    EXPECT_FALSE(c.isRunning()) << "a stopped value is not run again of itself";
    c.stopRun(); // nothing runs: nothing to stop
    EXPECT_EQ(stopped.count(), 1);

    // Run: the same values again, from the start.
    started.clear();
    progress.clear();
    c.runAgain();
    EXPECT_FALSE(c.isStopped());
    EXPECT_EQ(started.count(), 1);
    ASSERT_TRUE(progress.wait(60000));
    c.stopRun();
    QTRY_VERIFY_WITH_TIMEOUT(!c.isRunning(), 20000);

    // An edit runs its values, stopped or not.
    EXPECT_TRUE(c.setKnob(QStringLiteral("load.requests"), 300).isEmpty());
    EXPECT_FALSE(c.isStopped());
    ASSERT_TRUE(done.wait(60000));
    EXPECT_EQ(c.latest()->scenario.load.requests, 300);
    EXPECT_EQ(done.count(), 1);
}

TEST(SimulationController, StoppingWhileAnEditWaitsForItsRunStartsNothing)
{
    SimulationController c;
    quick(c);
    QSignalSpy done(&c, &SimulationController::resultAvailable);
    c.setScenario(test::smallWebScenario(100), QString());
    ASSERT_TRUE(done.wait(30000));
    c.setDebounceMs(10000); // the traced run of the edit would wait ten seconds
    EXPECT_TRUE(c.setKnob(QStringLiteral("load.requests"), 200).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!c.isRunning(), 20000); // its preview ran
    c.stopRun();
    EXPECT_TRUE(c.isStopped());
    c.setDebounceMs(20);
    QTest::qWait(300);
    EXPECT_FALSE(c.isRunning());
    EXPECT_EQ(done.count(), 1);
    EXPECT_EQ(c.latest()->scenario.load.requests, 100) << "the views keep the run of the values before";
}

TEST(RunSnapshot, TheLongestModelStartsFirstAndTheOrderChangesNoResult)
{
    RunSnapshot timed;
    timed.models[0].metrics.events = 5000;
    timed.models[1].metrics.events = 1000;
    timed.models[2].metrics.events = 9000;
    EXPECT_EQ(longestFirst(&timed), (std::array<std::size_t, 3>{2, 0, 1}));
    EXPECT_EQ(longestFirst(nullptr), (std::array<std::size_t, 3>{0, 1, 2}));

    const Scenario s = test::smallWebScenario();
    SnapshotOptions reordered;
    reordered.order = {2, 0, 1};
    const auto a = buildRunSnapshot(s, 1);
    const auto b = buildRunSnapshot(s, 1, reordered);
    for (std::size_t i = 0; i < a->models.size(); ++i) {
        EXPECT_EQ(a->models[i].model, kAllModels[i]);
        EXPECT_EQ(b->models[i].model, kAllModels[i]);
        EXPECT_EQ(a->models[i].metrics.completed, b->models[i].metrics.completed);
        EXPECT_EQ(a->models[i].metrics.events, b->models[i].metrics.events);
        EXPECT_EQ(a->models[i].metrics.throughputRps, b->models[i].metrics.throughputRps);
        EXPECT_EQ(a->models[i].metrics.contextSwitches, b->models[i].metrics.contextSwitches);
        EXPECT_EQ(a->models[i].index->trace().spans.size(), b->models[i].index->trace().spans.size());
        EXPECT_EQ(a->models[i].throughputOverTime, b->models[i].throughputOverTime);
        EXPECT_EQ(a->models[i].runQueueOverTime, b->models[i].runQueueOverTime);
    }
}
