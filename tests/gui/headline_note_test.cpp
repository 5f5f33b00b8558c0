#include "gui/core/headline_note.h"

#include "engine/simulate.h"
#include "test_scenarios.h"

#include <gtest/gtest.h>

#include <vector>

using namespace conviz;
using namespace conviz::gui;

namespace {
ModelMetrics finished(std::int64_t issued, std::int64_t completed, std::int64_t measured)
{
    ModelMetrics m;
    m.issued = issued;
    m.completed = completed;
    m.measured = measured;
    m.windowStart = Nanos{200'000'000};
    return m;
}
} // namespace

TEST(HeadlineNote, ARunThatFinishedNothingSaysSoInsteadOfZeroes)
{
    const HeadlineNote n = headlineNote(finished(100, 0, 0));
    EXPECT_TRUE(n.numbersEmpty);
    EXPECT_EQ(n.text, QStringLiteral("nothing finished yet"));
}

TEST(HeadlineNote, RequestsThatAllArrivedInTheWarmUpAreNamedAsTheReason)
{
    const HeadlineNote n = headlineNote(finished(8000, 8000, 0));
    EXPECT_TRUE(n.numbersEmpty);
    EXPECT_EQ(n.text, QStringLiteral("nothing measured: all arrived in the 200 ms warm-up"));
}

TEST(HeadlineNote, EveryRequestRefusedIsSaid)
{
    ModelMetrics m = finished(50, 0, 0);
    m.refused = 50;
    EXPECT_EQ(headlineNote(m).text, QStringLiteral("every request was refused"));
}

TEST(HeadlineNote, AnOverloadGivesItsFactor)
{
    ModelMetrics m = finished(1000, 1000, 900);
    m.overload = 3.1;
    const HeadlineNote n = headlineNote(m);
    EXPECT_FALSE(n.numbersEmpty);
    EXPECT_EQ(n.text, QStringLiteral("overloaded: arrivals exceed capacity by 3.1×"));
}

TEST(HeadlineNote, AnOverloadJustOverCapacityIsAPercentageNotOneTimes)
{
    // 1.04 to two digits is "1×", which reads as "not overloaded at all".
    ModelMetrics m = finished(1000, 1000, 900);
    m.overload = 1.04;
    EXPECT_EQ(headlineNote(m).text, QStringLiteral("overloaded: arrivals exceed capacity by 4 %"));
    m.overload = 1.002;
    EXPECT_EQ(headlineNote(m).text, QStringLiteral("overloaded: arrivals exceed capacity by 1 %"));
    m.overload = 0.98; // behind in the windows that counted, on a smaller mean rate
    EXPECT_EQ(headlineNote(m).text, QStringLiteral("overloaded: arrivals outran the model"));
}

TEST(HeadlineNote, EmptyNumbersComeFirstAndAnOverloadAfterThem)
{
    ModelMetrics m = finished(8000, 8000, 0);
    m.overload = 37.4;
    EXPECT_EQ(headlineNote(m).text,
              QStringLiteral("nothing measured: all arrived in the 200 ms warm-up; overloaded 37×"));
}

TEST(HeadlineNote, AModelThatKeepsUpHasNoNote)
{
    const HeadlineNote n = headlineNote(finished(1000, 1000, 900));
    EXPECT_FALSE(n.numbersEmpty);
    EXPECT_TRUE(n.text.isEmpty());
}

TEST(HeadlineNote, ModelsThatMeasuredNothingForOneReasonShareASentence)
{
    ModelMetrics fibers = finished(8000, 8000, 0), loop = finished(1000, 1000, 900), threads = finished(8000, 8000, 0);
    fibers.model = ModelKind::Fibers;
    loop.model = ModelKind::EventLoop;
    threads.model = ModelKind::Threads;
    const std::vector<const ModelMetrics *> models{&fibers, &loop, &threads};
    EXPECT_EQ(unmeasuredSentences(models),
              QStringLiteral("Fibers (Go) and OS threads measured nothing: all arrived in the 200 ms warm-up."));

    threads = finished(50, 0, 0);
    threads.model = ModelKind::Threads;
    threads.refused = 50;
    threads.overload = 2; // not a reason for measuring nothing: left out
    EXPECT_EQ(unmeasuredSentences(models),
              QStringLiteral("Fibers (Go) measured nothing: all arrived in the 200 ms warm-up. OS threads measured "
                             "nothing: every request was refused."));

    fibers = finished(1000, 1000, 900);
    threads = finished(1000, 1000, 900);
    EXPECT_TRUE(unmeasuredSentences(models).isEmpty());
}

// From a real run: one event-loop process against an arrival rate three times what one core can
// serve; the fibers and threads on four cores keep up.
TEST(HeadlineNote, TheEventLoopOverloadedByAFastOpenLoadSaysByHowMuch)
{
    Scenario s = test::smallWebScenario();
    s.machine.cores = 4;
    s.load.kind = LoadKind::Open;
    s.load.requests = 3000;
    s.load.warmup = Nanos::zero();
    Step cpu; // 1 ms of CPU: one loop serves 1,000 req/s, four cores 4,000
    cpu.kind = StepKind::Cpu;
    cpu.duration = {Nanos{1'000'000}, Distribution::Constant, {}};
    s.steps = {cpu};
    s.pools.clear();
    s.load.rate = 3000;
    const auto results = simulateAll(s, kAllModels);
    for (const ModelResult &r : results) {
        const HeadlineNote n = headlineNote(r.metrics);
        if (r.metrics.model == ModelKind::EventLoop) {
            EXPECT_TRUE(n.text.startsWith(QStringLiteral("overloaded: arrivals exceed capacity by ")))
                << n.text.toStdString();
            EXPECT_NEAR(r.metrics.overload, 3.0, 0.4);
        } else {
            EXPECT_TRUE(n.text.isEmpty()) << n.text.toStdString();
        }
    }
}
