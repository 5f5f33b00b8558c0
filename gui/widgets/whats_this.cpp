#include "gui/widgets/whats_this.h"

#include "engine/scenario/parameters.h"
#include "gui/charts/chart_widget.h"
#include "gui/widgets/charts_pane.h"
#include "gui/widgets/cost_pane.h"
#include "gui/widgets/exercise_panel.h"
#include "gui/widgets/headline_view.h"
#include "gui/widgets/live_bar.h"
#include "gui/widgets/model_column.h"
#include "gui/widgets/narration_view.h"
#include "gui/widgets/note_pane.h"
#include "gui/widgets/parameter_panel.h"
#include "gui/widgets/playback_bar.h"
#include "gui/widgets/request_strip.h"
#include "gui/widgets/scheduler_view.h"
#include "gui/widgets/stack_log_bars_view.h"
#include "gui/widgets/stack_memory_view.h"
#include "gui/widgets/timeline_view.h"
#include "gui/widgets/tour_panel.h"

#include <QEvent>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QWhatsThis>
#include <QWidget>

namespace conviz::gui {
namespace {

QString para(const QString &title, const QString &body)
{
    return QStringLiteral("<b>%1</b><p>%2</p>").arg(title, body);
}

// The model of the column `w` sits in, if it sits in one.
std::optional<ModelKind> columnModel(const QWidget *w)
{
    for (; w != nullptr; w = w->parentWidget())
        if (const auto *c = qobject_cast<const ModelColumn *>(w))
            return c->model();
    return std::nullopt;
}

QString schedulerText(std::optional<ModelKind> model)
{
    QString rows;
    switch (model.value_or(ModelKind::Fibers)) {
    case ModelKind::Fibers:
        rows = QStringLiteral("Go's scheduler: one row per P (a logical processor, up to GOMAXPROCS) with the "
                              "goroutine it runs, its runnext slot and its local run queue; then the global run "
                              "queue, the goroutines parked on the netpoller (waiting for I/O, costing no thread) and "
                              "those in a blocking system call with their M.");
        break;
    case ModelKind::EventLoop:
        rows = QStringLiteral("Node.js: one row per process's event loop with the callback it runs, its ready "
                              "callbacks and microtasks; then the requests waiting in epoll for I/O, and the libuv "
                              "thread pool's threads and queue, where blocking and native work goes.");
        break;
    case ModelKind::Threads:
        rows = QStringLiteral("OS threads: one row per core with the thread on it, then the kernel's run queue of "
                              "threads ready to run, and (pool mode) the requests waiting for a pool thread. A thread "
                              "waiting for I/O sleeps and holds its stack.");
        break;
    }
    return para(QStringLiteral("Scheduler"),
                rows + QStringLiteral(" Each chip is one task at the playback instant, in the model's colour; rows "
                                      "for connection pools show who holds and who waits. Hover a chip for its task. "
                                      "A row with no room says \"+ N rows\" and lists them in its tooltip. In "
                                      "presentation mode the rows become counts and bars."));
}

QString knobText(const QString &key)
{
    const auto info = scenario::findParameter(key.toStdString());
    if (!info)
        return {};
    QString text = QStringLiteral("<b>%1</b> <code>%2</code><p>%3</p>")
                       .arg(QString::fromStdString(info->label), key, QString::fromStdString(info->description));
    if (!info->help.empty())
        text += QStringLiteral("<p>%1</p>").arg(QString::fromStdString(info->help).toHtmlEscaped());
    return text + QStringLiteral("<p>Drag the slider, use the arrow keys (a step of about 1 %), or type a value: "
                                 "the run is repeated at once and every view follows. \"Reset to the preset's "
                                 "values\" puts it back. docs/models.md gives each default's source.</p>");
}

QString byType(const QWidget *w)
{
    const QString name = w->objectName();
    if (name.startsWith(QStringLiteral("knob:")))
        return knobText(name.mid(5));
    if (name == QStringLiteral("choice:memory.per"))
        return para(QStringLiteral("Memory per request"),
                    QStringLiteral("What each request holds while it waits: a bare task (its stack and the "
                                   "runtime's record of it) or an idle server connection with its buffers, as "
                                   "measured with real Go, Node.js and C++ servers (docs/models.md). Connections "
                                   "bring their three size knobs."));
    if (name == QStringLiteral("presetBox"))
        return para(QStringLiteral("Preset"),
                    QStringLiteral("A ready-made scenario with its teaching note and guided tour. Choosing one "
                                   "replaces the current scenario; unsaved edits are asked about first."));
    if (name == QStringLiteral("LiveFibersSource") || name == QStringLiteral("LiveLoopSource"))
        return para(QStringLiteral("Which measurement the column shows"),
                    QStringLiteral("Shown in Measured when a live run measured this model twice. Fibers: conviz's "
                                   "C++ executor (Boost.Fiber, which cannot hand off a blocked worker) or the real "
                                   "Go runtime; event loop: the C++ executor (Boost.Asio) or real Node.js. The C++ "
                                   "executors record a trace the cores over time draw; the real runtimes report "
                                   "their figures only, and the views say so. Both shows every source's throughput "
                                   "under the headline and on the charts: stars for C++, diamonds for real Go and "
                                   "Node.js. The Live menu chooses which runtimes Run live uses."));
    if (name == QStringLiteral("RunStopButton") || name == QStringLiteral("RunProgress"))
        return para(QStringLiteral("A long run: progress, Stop and Run"),
                    QStringLiteral("A run of the current values that takes more than half a second shows how far "
                                   "it is: the three models simulated, then indexed for the views. Stop ends it; "
                                   "the views keep the last result, of the values before your last change, and the "
                                   "button becomes Run, which simulates the current values after all. Any edit "
                                   "simulates its values too."));
    if (qobject_cast<const LiveBar *>(w))
        return para(QStringLiteral("Simulated | Measured | Both"),
                    QStringLiteral(
                        "Which result the columns show. Simulated: the models. Measured: the same "
                        "requests run for real on this machine by Run live (its figures, stacks and, "
                        "where recorded, its trace; what a real run cannot know is said in words). Both: "
                        "the simulation, with \"measured … · simulated … (±N%)\" under each headline "
                        "(each source's figure when real Go or Node.js ran too) and the measured points "
                        "on the charts, stars for C++ and diamonds for a real runtime. An edit after the run marks the "
                        "measurement stale."));
    if (name == QStringLiteral("LiveToolBar"))
        return para(QStringLiteral("Run live"),
                    QStringLiteral("Ctrl+R runs this scenario's requests for real, on this machine: Boost.Fiber "
                                   "fibers, a Boost.Asio event loop and OS threads, one after another, then real Go "
                                   "and real Node.js as the Live menu's \"Run on\" items check (a missing go or node "
                                   "is greyed out there, with the package to install), in a separate conviz-cli "
                                   "process, with progress and Cancel (which stops the runners too); the window goes "
                                   "on meanwhile. A run too big for the live.* caps is refused with the --set that "
                                   "raises the cap. docs/live.md says what each step becomes."));
    if (qobject_cast<const RequestStrip *>(w)) // its tooltip already says how to read it
        return para(QStringLiteral("Followed request"),
                    w->toolTip() + QStringLiteral(" Click a task, a span or a stack tile to follow its request; "
                                                  "Ctrl+F asks for a number."));
    if (qobject_cast<const SchedulerView *>(w))
        return schedulerText(columnModel(w));
    if (qobject_cast<const TimelineView *>(w))
        return para(QStringLiteral("Timeline"),
                    QStringLiteral("What each core ran over time, one lane per core: the model's own work in its "
                                   "colour, overheads (context switches, spawning, stack copies, dispatch) in grey, "
                                   "and the playback instant as a line. The three timelines share one time axis. "
                                   "Wheel: zoom all three; drag: pan; click: move the clock there; double-click: "
                                   "follow the clock again."));
    if (qobject_cast<const StackMemoryView *>(w))
        return para(QStringLiteral("Stack memory"),
                    QStringLiteral("One square per live stack at the playback instant, its area proportional to "
                                   "its bytes: the outline is the address space the stack reserves, the fill the "
                                   "pages it really commits (resident). All three columns use the same scale, so "
                                   "equal bytes are equal area. Stacks too small to see at that scale are also "
                                   "drawn magnified in a lens, whose factor (×N) is written beside it."));
    if (qobject_cast<const StackLogBarsView *>(w))
        return para(QStringLiteral("Stack memory, logarithmic"),
                    QStringLiteral("The same stacks as one bar on a logarithmic byte axis shared by the three "
                                   "columns: the outline is what they reserve, the solid bar what they commit. Each "
                                   "step of the axis is ten times the last, so a contrast of a million to one can "
                                   "be read; for equal-area pictures use the squares."));
    if (qobject_cast<const HeadlineView *>(w))
        return para(QStringLiteral("Headline"),
                    QStringLiteral("The run's numbers for this model: throughput (completed requests per second), "
                                   "median (p50) and 99th-percentile (p99) latency, peak memory and CPU use; and, at "
                                   "the playback instant, requests in flight and live tasks and threads. A blank or "
                                   "extreme number says why (nothing finished yet, overloaded by N×)."));
    if (qobject_cast<const PlaybackBar *>(w))
        return para(QStringLiteral("Playback"),
                    QStringLiteral("The clock every view shows. Play or pause (Space), step to the next or previous "
                                   "change (→ / ←), play faster or slower (+ / −), and drag the bar to any instant "
                                   "of the run (Home / End: its start and end). The speed says how much simulated "
                                   "time passes per second."));
    if (qobject_cast<const NarrationView *>(w))
        return para(QStringLiteral("Narration"),
                    QStringLiteral("Notable events of the three models in time order: steals, preemptions, "
                                   "hand-offs, pool exhaustion, overload, refusals. The combo boxes narrow it to one "
                                   "model or one kind of event. Lines after the playback instant are grey; click a "
                                   "line to move the clock to it."));
    if (qobject_cast<const NotePane *>(w))
        return para(QStringLiteral("Teaching note"),
                    QStringLiteral("What this preset shows, why, and where the claim comes from, with the numbers "
                                   "the run gives. Help › Guided tour (Ctrl+T) walks through it step by step."));
    if (qobject_cast<const ExercisePanel *>(w))
        return para(QStringLiteral("Exercises"),
                    QStringLiteral("The preset's \u201ctry this\u201d tasks, each with a goal on the result (\u201cthe "
                                   "event loop's p99 latency below 60 ms\u201d) and the value the run on screen gives. "
                                   "Move the sliders: the box ticks itself when the result meets every goal while "
                                   "the keys the task keeps (\u201cwithout adding cores\u201d) have the preset's "
                                   "values, and unticks when an edit undoes it. Hint and Show a solution help; Apply "
                                   "it moves the sliders to the solution."));
    if (qobject_cast<const TourPanel *>(w))
        return para(QStringLiteral("Guided tour"),
                    QStringLiteral("One step of the preset's tour: it moves the sliders it names, opens its chart "
                                   "and frames the view to look at. Next / Back, or a presenter's clicker (Page Down, "
                                   "Page Up); End tour puts the scenario's own values back."));
    if (qobject_cast<const CostPane *>(w))
        return para(QStringLiteral("Cost"),
                    QStringLiteral("What a month of this run's traffic costs under each model, on Lambda and on "
                                   "containers, from the run's CPU time and memory and the prices listed below the "
                                   "table. The same figures as conviz-cli cost."));
    if (qobject_cast<const ChartWidget *>(w))
        return para(QStringLiteral("Chart"),
                    QStringLiteral("One line per model in its colour (Okabe–Ito, safe for colour blindness) and "
                                   "marker. Over-time charts mark the playback instant; sweep charts run the "
                                   "scenario once per value of the knob chosen below them. Hover a point for its "
                                   "value; right-click to export the chart as PNG, SVG or CSV."));
    if (qobject_cast<const ChartsPane *>(w))
        return para(QStringLiteral("Charts"),
                    QStringLiteral("Over time: throughput and waiting tasks during the run. Sweep: throughput, "
                                   "latency and memory against a knob you choose, with progress and Cancel. Cost: "
                                   "the month's bill."));
    if (qobject_cast<const ParameterPanel *>(w))
        return para(QStringLiteral("Scenario"),
                    QStringLiteral("The scenario's knobs, grouped: the load, each request's steps, the machine, "
                                   "connection pools and each model's own costs. Every change runs the three models "
                                   "again on the same requests. Ctrl+S saves the scenario with your edits."));
    if (qobject_cast<const ModelColumn *>(w))
        return para(QStringLiteral("Model column"),
                    QStringLiteral("One model running the same requests as the other two columns, on the same "
                                   "clock: its headline numbers, scheduler, timeline and stack memory."));
    return {};
}

} // namespace

QString whatsThisForAction(const QString &objectName)
{
    if (objectName == QStringLiteral("bookmarkThisMoment"))
        return para(QStringLiteral("Bookmark this moment (Ctrl+B)"),
                    QStringLiteral("Saves what the window shows now to a small .conviz file: the scenario with "
                                   "your edits, the seed, the instant on the clock, the timelines' zoom, the charts "
                                   "tab and the guided tour's step. The same bookmark is copied to the clipboard as "
                                   "one line of text starting \"conviz:1:\", to paste into a chat or onto a slide. "
                                   "docs/bookmarks.md describes the file."));
    if (objectName == QStringLiteral("openBookmark"))
        return para(QStringLiteral("Open bookmark (Ctrl+Shift+O)"),
                    QStringLiteral("Puts the window back exactly as a .conviz file has it: the same scenario and "
                                   "run, the same instant and zoom, the same tour step. A bookmark that no longer "
                                   "fits this conviz (a key renamed, a value out of range, a preset that is gone) "
                                   "says what is wrong and changes nothing. `conviz FILE.conviz` does the same."));
    if (objectName == QStringLiteral("openBookmarkFromText"))
        return para(QStringLiteral("Open bookmark from text (Ctrl+Shift+V)"),
                    QStringLiteral("Opens a bookmark someone pasted as text (\"conviz:1:…\"): the one on the "
                                   "clipboard, or else one typed or pasted into the dialog. Spaces and line breaks "
                                   "a chat adds are ignored; a text cut short says so."));
    return {};
}

QString whatsThisText(const QWidget *w)
{
    for (; w != nullptr; w = w->parentWidget()) {
        if (!w->whatsThis().isEmpty())
            return w->whatsThis();
        const QString text = byType(w);
        if (!text.isEmpty())
            return text;
        if (w->isWindow())
            break;
    }
    return {};
}

bool WhatsThisGuide::eventFilter(QObject *watched, QEvent *event)
{
    auto *w = qobject_cast<QWidget *>(watched);
    if (w == nullptr || !w->whatsThis().isEmpty()) // a widget's own text: Qt shows it
        return false;
    switch (event->type()) {
    case QEvent::QueryWhatsThis:
        if (whatsThisText(w).isEmpty())
            return false;
        event->accept();
        return true;
    case QEvent::WhatsThis: {
        const QString text = whatsThisText(w);
        if (text.isEmpty())
            return false;
        QWhatsThis::showText(static_cast<QHelpEvent *>(event)->globalPos(), text, w);
        return true;
    }
    case QEvent::KeyPress: {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() != Qt::Key_F1 || key->modifiers() != Qt::ShiftModifier || QWhatsThis::inWhatsThisMode())
            return false;
        const QString text = whatsThisText(w);
        if (text.isEmpty())
            QWhatsThis::enterWhatsThisMode(); // nothing to say of the focus: the next click asks
        else
            QWhatsThis::showText(w->isVisible() ? w->mapToGlobal(QPoint(w->width() / 2, w->height()))
                                                : w->window()->mapToGlobal(w->window()->rect().center()),
                                 text, w);
        return true;
    }
    default: return false;
    }
}

} // namespace conviz::gui
