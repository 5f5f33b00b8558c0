// Following one request across the three columns: a click on a task chip, a core's span or a
// narration line naming it selects it in every column; each column shows its life as a strip
// whose total is that request's latency in that model; Esc (or a click on nothing) stops.
#include "gui/app/main_window.h"

#include "gui/app/window_layout.h"
#include "gui/core/format.h"
#include "gui/core/model_palette.h"
#include "gui/core/narration_filter.h"
#include "gui/core/narration_model.h"
#include "gui/core/playback_state.h"
#include "gui/core/preset_model.h"
#include "gui/core/request_life.h"
#include "gui/core/request_stack.h"
#include "gui/core/simulation_controller.h"
#include "gui/widgets/model_column.h"
#include "gui/widgets/narration_view.h"
#include "gui/widgets/request_strip.h"
#include "gui/widgets/scheduler_view.h"
#include "gui/widgets/stack_memory_view.h"
#include "gui/widgets/timeline_view.h"

#include <QDir>
#include <QInputDialog>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTimer>

#include <gtest/gtest.h>

#include <iostream>

using namespace conviz;
using namespace conviz::gui;

namespace {

QString preset(const char *name)
{
    return presetDirectory() + QStringLiteral("/%1.toml").arg(QString::fromLatin1(name));
}

// A window showing `name`'s traced run at its busiest instant.
void open(MainWindow &w, const char *name, QSize size = {1280, 800})
{
    w.setUnsavedPrompt([] { return static_cast<int>(QMessageBox::Discard); });
    w.resize(size);
    w.show();
    QSignalSpy result(&w.controller(), &SimulationController::resultAvailable);
    ASSERT_TRUE(w.openScenario(preset(name)));
    ASSERT_TRUE(result.wait(60000));
    w.playback().pause();
    w.playback().setTime(w.controller().latest()->busiest.count());
    QApplication::processEvents();
}

// The request's latency in one model's result, straight from its trace: its root task's end less
// its creation (the engine's own latency, departure less arrival).
Nanos latencyInTrace(const Trace &trace, std::uint32_t request)
{
    Nanos created = Nanos::max(), ended{};
    for (const TaskEvent &e : trace.tasks)
        if (e.request == request && e.parent == 0) {
            created = std::min(created, e.time);
            if (e.state == TaskState::Done)
                ended = e.time;
        }
    return ended - created;
}

// Every column follows `request` and shows a strip whose total is its latency in that model.
void expectFollowedEverywhere(MainWindow &w, std::uint32_t request)
{
    EXPECT_EQ(w.playback().followedRequest(), request);
    for (ModelColumn *c : w.columns()) {
        const ModelRun &run = w.controller().latest()->run(c->model());
        RequestStrip *strip = c->requestStrip();
        EXPECT_TRUE(strip->isVisible()) << modelKey(c->model());
        const Nanos latency = latencyInTrace(run.index->trace(), request);
        const QString summary = strip->summary();
        // Its root task named as the chips name it: a goroutine's or thread's serial is not the request's.
        const QString task = c->model() == ModelKind::EventLoop
                                 ? QString()
                                 : QStringLiteral(" (%1%2)")
                                       .arg(modelStyle(c->model()).taskPrefix)
                                       .arg(requestLife(run.index->trace(), request)->tasks.front());
        EXPECT_TRUE(summary.startsWith(QStringLiteral("Request %1%2 · %3: ")
                                           .arg(request)
                                           .arg(task, formatDuration(static_cast<double>(latency.count())))))
            << summary.toStdString();
        EXPECT_TRUE(summary.contains(QStringLiteral("ran "))) << summary.toStdString();
        // What it shows: at least the request and its total, wrapped inside its cell, above the bar.
        const TextLayout shown = strip->textLayout();
        ASSERT_EQ(shown.items.size(), 1u);
        const TextItem &t = shown.items.front();
        EXPECT_TRUE(t.text.startsWith(strip->headline())) << t.text.toStdString();
        const QRectF needed =
            QFontMetricsF(t.font).boundingRect(QRectF(0, 0, t.cell.width(), 1e5), Qt::TextWordWrap, t.text);
        EXPECT_LE(needed.height(), t.cell.height() + 0.5) << "clipped: " << t.text.toStdString();
        EXPECT_LE(t.cell.bottom(), strip->barRect().top());
        EXPECT_GE(strip->barRect().height(), 8);
        EXPECT_LE(strip->barRect().bottom(), strip->height());
    }
}

void expectNotFollowing(MainWindow &w)
{
    EXPECT_FALSE(w.playback().isFollowingRequest());
    for (ModelColumn *c : w.columns())
        EXPECT_FALSE(c->requestStrip()->isVisible()) << modelKey(c->model());
}

} // namespace

TEST(FollowRequest, ClickingATaskChipFollowsItsRequestInAllThreeColumns)
{
    MainWindow w;
    open(w, "default");
    expectNotFollowing(w);
    SchedulerView *view = w.columns()[0]->schedulerView();
    const std::vector<PlacedChip> chips = view->chips();
    const auto chip = std::find_if(chips.begin(), chips.end(), [](const PlacedChip &c) {
        return c.chip.request != kNoRequest && c.chip.tone == ChipTone::Waiting;
    });
    ASSERT_NE(chip, chips.end()) << "no waiting task at the busiest instant";
    QTest::mouseClick(view, Qt::LeftButton, {}, chip->rect.center().toPoint());
    QApplication::processEvents();
    expectFollowedEverywhere(w, chip->chip.request);
    // Wherever the request is at this instant, its task has a chip in that column's scheduler.
    for (ModelColumn *c : w.columns()) {
        const std::optional<RequestLife> life =
            requestLife(w.controller().latest()->run(c->model()).index->trace(), chip->chip.request);
        ASSERT_TRUE(life);
        if (!life->stateAt(Nanos{w.playback().time()}))
            continue; // not arrived yet, or done, in this model
        const std::vector<PlacedChip> now = c->schedulerView()->chips();
        EXPECT_TRUE(std::any_of(now.begin(), now.end(), [&](const PlacedChip &p) {
            return p.chip.request == chip->chip.request;
        })) << modelKey(c->model());
    }
    // A click on nothing stops following.
    QTest::mouseClick(view, Qt::LeftButton, {}, QPoint(view->width() - 2, view->height() - 2));
    QApplication::processEvents();
    expectNotFollowing(w);
}

TEST(FollowRequest, ClickingASpanOnTheCoresOverTimeFollowsItsRequestAndEscStops)
{
    MainWindow w;
    open(w, "default");
    TimelineView *timeline = w.columns()[1]->timelineView();
    const ModelRun &run = w.controller().latest()->run(ModelKind::EventLoop);
    const TimeAxis &axis = w.playback().axis();
    // The widest span of some request on screen now.
    QPoint at;
    std::uint32_t request = kNoRequest;
    double widest = 2;
    for (const Span &s : run.index->trace().spans) {
        const double a = axis.toPixel(static_cast<double>(s.start.count()));
        const double b = axis.toPixel(static_cast<double>(s.end.count()));
        if (s.request == kNoRequest || s.kind != SpanKind::Work || a < 0 || b > axis.width || b - a < widest)
            continue;
        const QRectF lane = timeline->laneRect(static_cast<int>(s.core));
        at = QPointF(lane.left() + (a + b) / 2, lane.center().y()).toPoint();
        request = s.request;
        widest = b - a;
    }
    ASSERT_NE(request, kNoRequest) << "no span of a request on screen";
    QTest::mouseClick(timeline, Qt::LeftButton, {}, at);
    QApplication::processEvents();
    expectFollowedEverywhere(w, request);
    QTest::keyClick(&w, Qt::Key_Escape);
    QApplication::processEvents();
    expectNotFollowing(w);
}

TEST(FollowRequest, EscInPresentationModeStopsFollowingBeforeItLeaves)
{
    MainWindow w;
    open(w, "default");
    w.playback().setFollowedRequest(3);
    w.setPresentationMode(true);
    QApplication::processEvents();
    expectFollowedEverywhere(w, 3);
    QTest::keyClick(&w, Qt::Key_Escape);
    QApplication::processEvents();
    expectNotFollowing(w);
    EXPECT_TRUE(w.presentationMode());
    QTest::keyClick(&w, Qt::Key_Escape);
    QApplication::processEvents();
    EXPECT_FALSE(w.presentationMode());
}

TEST(FollowRequest, ClickingANarrationLineThatNamesARequestFollowsIt)
{
    MainWindow w;
    open(w, "libuv-pool-trap");
    QTableView *table = w.windowLayout().narrationView()->table();
    const QAbstractItemModel *model = table->model();
    int row = -1;
    std::uint32_t request = kNoRequest;
    for (int r = 0; r < model->rowCount() && row < 0; ++r) {
        const QString text = model->index(r, NarrationModel::TextColumn).data().toString();
        const qsizetype at = text.indexOf(QStringLiteral("request "));
        if (at >= 0) {
            row = r;
            request = text.mid(at + 8).section(QLatin1Char(' '), 0, 0).toUInt();
        }
    }
    ASSERT_GE(row, 0) << "no narration line names a request";
    table->scrollTo(model->index(row, 0));
    const QRect cell = table->visualRect(model->index(row, NarrationModel::TextColumn));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    QApplication::processEvents();
    EXPECT_EQ(w.playback().followedRequest(), request);
}

TEST(FollowRequest, TheFollowActionAsksForANumberAndFollowsIt)
{
    MainWindow w;
    open(w, "default");
    auto *action = w.findChild<QAction *>(QStringLiteral("followRequest"));
    ASSERT_TRUE(action);
    EXPECT_EQ(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_F));
    QTimer::singleShot(0, [] {
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        ASSERT_TRUE(dialog);
        dialog->setIntValue(12);
        dialog->accept();
    });
    action->trigger();
    QApplication::processEvents();
    expectFollowedEverywhere(w, 12);
}

// The picture the docs show (make screenshots): a request of the event-loop-lag preset that the
// event loop keeps waiting far longer than the other two models, followed at 1600×1000.
TEST(FollowRequest, ScreenshotOfARequestFollowedAcrossTheThreeModels)
{
    MainWindow w;
    open(w, "event-loop-lag", {1600, 1000});
    const RunSnapshot &snap = *w.controller().latest();
    const Trace &fibers = snap.run(ModelKind::Fibers).index->trace();
    const Trace &loop = snap.run(ModelKind::EventLoop).index->trace();
    // The request whose wait for the loop is longest, among those the trace holds whole.
    std::uint32_t pick = kNoRequest;
    Nanos longest{};
    for (std::uint32_t r = 0; r < 400; ++r) {
        const std::optional<RequestLife> a = requestLife(loop, r);
        const std::optional<RequestLife> b = requestLife(fibers, r);
        if (!a || !b || !a->finished || !b->finished)
            continue;
        if (a->total(LifeState::CpuWait) > longest) {
            longest = a->total(LifeState::CpuWait);
            pick = r;
        }
    }
    ASSERT_NE(pick, kNoRequest);
    const RequestLife life = *requestLife(loop, pick);
    // Shortly after it arrived: running or waiting in the other two models, queued behind the long
    // callback in the event loop.
    const Nanos elsewhere = requestLife(fibers, pick)->latency();
    w.playback().setTime((life.arrival + elsewhere / 2).count());
    w.playback().setVisibleSpan(static_cast<double>(life.latency().count()) * 2.6);
    w.playback().setFollowedRequest(pick);
    QApplication::processEvents();
    expectFollowedEverywhere(w, pick);
    const QImage img = w.grab().toImage();
    const QString dir =
        qEnvironmentVariable("CONVIZ_SCREENSHOT_DIR", QDir::currentPath() + QStringLiteral("/screenshots"));
    QDir().mkpath(dir);
    const QString path = dir + QStringLiteral("/follow_request.png");
    ASSERT_TRUE(img.save(path));
    std::cout << "screenshot: " << path.toStdString() << " (request " << pick << ")" << std::endl;
}

// A thread's stack tile is its request's: the tile framed for a followed request, clicked once
// the following stopped, follows that request again; a click beside the tiles stops.
TEST(FollowRequest, ClickingAStackTileFollowsTheRequestThatHoldsIt)
{
    MainWindow w;
    open(w, "default");
    ModelColumn *threads = w.columns()[2];
    StackMemoryView *stacks = threads->memoryView();
    std::optional<StackTile> tile;
    std::uint32_t request = kNoRequest;
    for (const PlacedChip &c : threads->schedulerView()->chips()) { // some live thread's request
        if (c.chip.request == kNoRequest)
            continue;
        w.playback().setFollowedRequest(c.chip.request);
        QApplication::processEvents();
        const std::optional<RequestLife> life =
            requestLife(w.controller().latest()->run(ModelKind::Threads).index->trace(), c.chip.request);
        TraceCursor cursor(w.controller().latest()->run(ModelKind::Threads).index);
        cursor.seek(Nanos{w.playback().time()});
        tile = life ? requestStackTile(cursor, ModelKind::Threads, *life) : std::nullopt;
        if (tile && !stacks->tileRect(tile->group, tile->position).isEmpty()) {
            request = c.chip.request;
            break;
        }
    }
    ASSERT_NE(request, kNoRequest) << "no live request thread with a tile drawn at the busiest instant";
    w.playback().clearFollowedRequest();
    QApplication::processEvents();
    const QRectF rect = stacks->tileRect(tile->group, tile->position);
    QTest::mouseClick(stacks, Qt::LeftButton, {}, rect.center().toPoint());
    QApplication::processEvents();
    expectFollowedEverywhere(w, request);
    QTest::mouseClick(stacks, Qt::LeftButton, {}, QPoint(stacks->width() - 2, 2));
    QApplication::processEvents();
    expectNotFollowing(w);
}

// The cores-over-time view keeps its lanes as a picture between repaints: whatever the picture
// depends on, changed, draws it again, and changed back gives the picture it gave before.
TEST(FollowRequest, TheCoresOverTimeRedrawWhenTheFollowedRequestTheViewOrTheRunChange)
{
    MainWindow w;
    open(w, "default");
    TimelineView *timeline = w.columns()[0]->timelineView();
    const auto picture = [&] {
        QApplication::processEvents();
        return timeline->grab().toImage();
    };
    // Two requests with work on screen.
    const ModelRun &run = w.controller().latest()->run(ModelKind::Fibers);
    const TimeAxis &axis = w.playback().axis();
    std::vector<std::uint32_t> requests;
    for (const Span &s : run.index->trace().spans)
        if (s.request != kNoRequest && s.kind == SpanKind::Work &&
            axis.toPixel(static_cast<double>(s.start.count())) > 0 &&
            axis.toPixel(static_cast<double>(s.end.count())) < axis.width &&
            std::find(requests.begin(), requests.end(), s.request) == requests.end())
            requests.push_back(s.request);
    ASSERT_GE(requests.size(), 2u) << "two requests' spans on screen";
    // Following one shows its strip and resizes the view, so the comparisons are between two
    // followed requests, at one size.
    w.playback().setFollowedRequest(requests[0]);
    const QImage first = picture();
    EXPECT_EQ(picture(), first) << "a repaint with nothing changed";
    w.playback().setFollowedRequest(requests[1]);
    EXPECT_NE(picture(), first) << "another request followed";
    w.playback().setFollowedRequest(requests[0]);
    EXPECT_EQ(picture(), first) << "the first request followed again";
    w.playback().zoomAbout(axis.width / 2, 0.5);
    EXPECT_NE(picture(), first) << "zoomed in";
    QSignalSpy result(&w.controller(), &SimulationController::resultAvailable);
    ASSERT_TRUE(
        w.controller().setKnob(QStringLiteral("load.rate"), w.controller().scenario().load.rate * 1.5).isEmpty());
    ASSERT_TRUE(result.wait(60000));
    EXPECT_NE(picture(), first) << "a new run";
}
