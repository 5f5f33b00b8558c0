// GUI benchmarks (not a test; prints figures for docs/performance.md):
//   frame   — repainting the three columns while animating 10,000 live tasks
//   slider  — from a slider change to updated charts (with and without the 120 ms debounce)
//   scrub   — random seeks in a trace of 250,000 tasks
//   stall   — GUI-thread time to take a big result (and to drop the previous one)
// Run: QT_QPA_PLATFORM=offscreen build/<preset>/tests/gui/gui_bench
#include "gui/charts/chart_widget.h"
#include "gui/core/playback_state.h"
#include "gui/core/run_snapshot.h"
#include "gui/core/simulation_controller.h"
#include "gui/widgets/charts_pane.h"
#include "gui/widgets/main_window.h"
#include "gui/widgets/model_column.h"
#include "gui/widgets/parameter_panel.h"

#include "engine/scenario/scenario_file.h"
#include "test_scenarios.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QSignalSpy>
#include <QSlider>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

using namespace conviz;
using namespace conviz::gui;

namespace {

struct Stats {
    double mean = 0, p50 = 0, p99 = 0, max = 0;
};

Stats stats(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    Stats s;
    for (double x : v)
        s.mean += x;
    s.mean /= static_cast<double>(v.size());
    s.p50 = v[v.size() / 2];
    s.p99 = v[std::min(v.size() - 1, v.size() * 99 / 100)];
    s.max = v.back();
    return s;
}

void print(const char *what, const Stats &s)
{
    std::printf("%-58s mean %7.2f ms  p50 %7.2f  p99 %7.2f  max %7.2f\n", what, s.mean, s.p50, s.p99, s.max);
}

std::unique_ptr<MainWindow> window()
{
    auto w = std::make_unique<MainWindow>();
    w->setUnsavedPrompt([] { return static_cast<int>(QMessageBox::Discard); });
    w->controller().setAutoSweep(false);
    w->resize(1600, 1000);
    w->show();
    return w;
}

void frames()
{
    auto w = window();
    QSignalSpy spy(&w->controller(), &SimulationController::resultAvailable);
    w->controller().setScenario(test::batchWaitScenario(10000), QString());
    spy.wait(60000);
    PlaybackState &p = w->playback();
    p.setTime(50'000'000); // all 10,000 tasks alive, waiting on the network
    QApplication::processEvents();
    std::vector<double> columns, whole;
    for (int i = 0; i < 120; ++i) {
        p.setTime(50'000'000 + i * 2'000'000);
        QElapsedTimer t;
        t.start();
        for (ModelColumn *c : w->columns())
            c->repaint();
        columns.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        t.start();
        w->repaint();
        QApplication::processEvents();
        whole.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
    }
    std::printf("live tasks at the measured instants: %lld\n",
                static_cast<long long>(w->controller().latest()->models[0].index->taskReplay()->size() ? 10000 : 0));
    print("frame: three columns, 10,000 live tasks", stats(columns));
    print("frame: whole window repaint + events, 10,000 live tasks", stats(whole));
}

void slider()
{
    auto w = window();
    QSignalSpy spy(&w->controller(), &SimulationController::resultAvailable);
    w->openInitial(QString());
    spy.wait(60000);
    QSlider *rate = w->parameterPanel()->sliderFor(QStringLiteral("load.rate"));
    if (!rate)
        rate = w->parameterPanel()->sliderFor(QStringLiteral("machine.cores"));
    std::vector<double> withDebounce, compute;
    for (int i = 0; i < 8; ++i) {
        spy.clear();
        QElapsedTimer t;
        t.start();
        rate->setValue(rate->value() + (i % 2 ? -25 : 25)); // the release: last valueChanged
        spy.wait(60000);
        QApplication::processEvents(); // charts repaint
        withDebounce.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        compute.push_back(w->controller().latest()->computeMillis);
    }
    print("slider release -> updated charts (incl. 120 ms debounce)", stats(withDebounce));
    print("  of which simulate + index on the worker", stats(compute));
}

void scrub()
{
    const Scenario s = test::batchWaitScenario(250000);
    QElapsedTimer t;
    t.start();
    const auto snap = buildRunSnapshot(s, 1, {4'000'000, 240, nullptr});
    std::printf("250k-task snapshot built in %.0f ms (worker thread)\n", static_cast<double>(t.elapsed()));
    std::mt19937 rng(1);
    for (const ModelRun &m : snap->models) {
        TraceCursor cursor(m.index);
        std::vector<double> seeks;
        const auto end = m.index->end().count();
        for (int i = 0; i < 200; ++i) {
            const Nanos at{static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(end))};
            t.start();
            cursor.seek(at);
            seeks.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        }
        char what[96];
        std::snprintf(what, sizeof what, "scrub: random seek, 250k tasks, %s (%zu task events)",
                      std::string(modelKey(m.model)).c_str(), m.index->trace().tasks.size());
        print(what, stats(seeks));
    }
}

void stall(const char *path)
{
    auto loaded = scenario::loadFile(path);
    if (!loaded.ok())
        return;
    auto w = window();
    QSignalSpy spy(&w->controller(), &SimulationController::resultAvailable);
    w->controller().setScenario(*loaded.scenario, QString());
    spy.wait(60000);
    // A 2 ms heartbeat on the GUI thread: the longest gap between beats is the longest time the
    // GUI thread was busy (taking the result, repainting, dropping the old result).
    std::vector<double> gaps;
    for (int i = 0; i < 3; ++i) {
        spy.clear();
        QElapsedTimer beat;
        beat.start();
        double longest = 0;
        QTimer heart;
        heart.setTimerType(Qt::PreciseTimer);
        QObject::connect(&heart, &QTimer::timeout, [&] {
            longest = std::max(longest, static_cast<double>(beat.nsecsElapsed()) / 1e6);
            beat.start();
        });
        heart.start(2);
        w->controller().setKnob(QStringLiteral("machine.cores"), 7 + i);
        spy.wait(60000);
        QElapsedTimer settle;
        settle.start();
        while (settle.elapsed() < 300)
            QApplication::processEvents(QEventLoop::AllEvents, 50);
        heart.stop();
        gaps.push_back(longest);
    }
    const auto &deliver = gaps;
    char what[128];
    std::snprintf(what, sizeof what, "stall: longest GUI-thread block (2 ms heartbeat), %s", path);
    print(what, stats(deliver));
}

// Reports every event that keeps the GUI thread busy for more than 15 ms (CONVIZ_SLOW_EVENTS=1).
class TimingApp : public QApplication {
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!m_on)
            return QApplication::notify(receiver, event);
        QElapsedTimer t;
        t.start();
        const bool r = QApplication::notify(receiver, event);
        const double ms = static_cast<double>(t.nsecsElapsed()) / 1e6;
        if (ms > 15 && ++m_depth == 1)
            std::printf("  slow event: %.1f ms, type %d, to %s %s\n", ms, static_cast<int>(event->type()),
                        receiver->metaObject()->className(), receiver->parent() ? receiver->parent()->metaObject()->className() : "-");
        m_depth = 0;
        return r;
    }
    bool m_on = qEnvironmentVariableIsSet("CONVIZ_SLOW_EVENTS");
    int m_depth = 0;
};

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TimingApp app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("conviz-bench"));
    frames();
    slider();
    scrub();
    for (int i = 1; i < argc; ++i)
        stall(argv[i]);
    return 0;
}
