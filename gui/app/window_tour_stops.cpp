#include "gui/app/window_tour_stops.h"

#include "gui/app/main_window.h"
#include "gui/widgets/charts_pane.h"
#include "gui/widgets/exercise_panel.h"
#include "gui/widgets/model_column.h"
#include "gui/widgets/model_view.h"
#include "gui/widgets/narration_view.h"
#include "gui/widgets/note_pane.h"
#include "gui/widgets/parameter_panel.h"
#include "gui/widgets/playback_bar.h"
#include "gui/widgets/tour_panel.h"
#include "gui/widgets/whats_this.h"

#include <QComboBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>

namespace conviz::gui {
namespace {

// A part's What's This text without its bold title: the callout has a title of its own.
QString whatsThisBody(const QWidget *w)
{
    QString text = whatsThisText(w);
    if (text.startsWith(QStringLiteral("<b>")))
        text = text.mid(text.indexOf(QStringLiteral("</b>")) + 4);
    return text;
}

// The menu bar's entry for the menu titled `title` (without its '&').
WindowTourPart menuEntry(QMenuBar *bar, const QString &title)
{
    for (QAction *a : bar->actions())
        if (a->menu() != nullptr && QString(a->text()).remove(QLatin1Char('&')) == title)
            return {bar, bar->actionGeometry(a)};
    return {};
}

// The same view (0 headline, 1 scheduler, 2 timeline, 3 stack memory) in the three columns.
std::function<std::vector<WindowTourPart>()> inColumns(MainWindow &w, std::size_t view)
{
    return [&w, view] {
        std::vector<WindowTourPart> parts;
        for (ModelColumn *c : w.columns())
            parts.push_back({c->views()[view], {}});
        return parts;
    };
}

std::function<std::vector<WindowTourPart>()> one(QWidget *part)
{
    return [p = QPointer<QWidget>(part)] { return std::vector<WindowTourPart>{{p, {}}}; };
}

std::function<QString()> said(QString text)
{
    return [text = std::move(text)] { return text; };
}

} // namespace

std::vector<WindowTourStop> windowTourStops(MainWindow &w)
{
    WindowLayout &layout = w.windowLayout();
    QComboBox *presets = layout.presetBox();
    QMenuBar *bar = w.menuBar();
    const auto explained = [](QWidget *part, const QString &more = {}) {
        return [p = QPointer<QWidget>(part), more] { return whatsThisBody(p) + more; };
    };
    std::vector<WindowTourStop> stops;
    stops.push_back({QStringLiteral("Presets and files"),
                     explained(presets, QStringLiteral("<p>File › Open (Ctrl+O) opens a scenario of your own; "
                                                       "Ctrl+S saves your edits.</p>")),
                     [presets, bar] {
                         return std::vector<WindowTourPart>{{presets, {}}, menuEntry(bar, QStringLiteral("File"))};
                     }});
    stops.push_back({QStringLiteral("Three models, one clock"),
                     explained(w.columns()[0], QStringLiteral("<p>Fibers (Go) come first, then the event loop "
                                                              "(Node.js), then OS threads.</p>")),
                     [&w] {
                         std::vector<WindowTourPart> parts;
                         for (ModelColumn *c : w.columns())
                             parts.push_back({c, {}});
                         return parts;
                     }});
    stops.push_back({QStringLiteral("Headline numbers"), explained(w.columns()[0]->views()[0]), inColumns(w, 0)});
    stops.push_back(
        {QStringLiteral("Scheduler"),
         said(QStringLiteral("Who runs, who is ready and who waits at the playback instant, one chip per task, each "
                             "model in its own terms: Go's Ps and run queues, Node's event loop and libuv pool, the "
                             "kernel's run queue. Help › What's This?, then a click on one, names its rows.")),
         inColumns(w, 1)});
    stops.push_back({QStringLiteral("Cores over time"),
                     said(QStringLiteral("What each core ran: the model's work in its colour, overheads in grey, "
                                         "the playback instant as a line. The wheel zooms the three timelines "
                                         "together, a drag pans them, a click sets the clock.")),
                     inColumns(w, 2)});
    stops.push_back({QStringLiteral("Stack memory"),
                     said(QStringLiteral("Each live stack as a square whose area is its bytes, at one scale in "
                                         "all three columns: the outline is reserved, the fill committed. Ctrl+L "
                                         "draws them as bars on a log scale instead.")),
                     inColumns(w, 3)});
    auto *playback = w.findChild<PlaybackBar *>();
    stops.push_back({QStringLiteral("Playback"), explained(playback), one(playback)});
    stops.push_back({QStringLiteral("Scenario sliders"), explained(w.parameterPanel()), one(w.parameterPanel())});
    stops.push_back({QStringLiteral("Charts"), explained(w.chartsPane()), one(w.chartsPane())});
    stops.push_back({QStringLiteral("Teaching note and guided tour"), explained(layout.note()), one(layout.note())});
    stops.push_back({QStringLiteral("Exercises"),
                     said(QStringLiteral("Two or three \u201ctry this\u201d tasks for the preset, each with a goal "
                                         "on the result: move the sliders until its box ticks itself. A hint and "
                                         "a solution are there when you are stuck.")),
                     one(layout.exercises())});
    stops.push_back({QStringLiteral("Narration"),
                     said(QStringLiteral("The moments worth a sentence (steals, hand-offs, full pools, refusals) "
                                         "as they happen in the three models; grey lines are still to come. "
                                         "Clicking a line sets the clock to it.")),
                     one(layout.narrationView())});
    stops.push_back({QStringLiteral("Presenting"),
                     said(QStringLiteral("F5 shows the models and one chart full screen in large type; Esc comes "
                                         "back. The Present menu holds a spotlight (Ctrl+1), a pointer (Ctrl+2), a "
                                         "pen (Ctrl+3), a freeze (Ctrl+4) and a countdown (Ctrl+5); Ctrl+0 puts "
                                         "them all away.")),
                     [bar] { return std::vector<WindowTourPart>{menuEntry(bar, QStringLiteral("Present"))}; }});
    stops.push_back({QStringLiteral("What's This? and help"),
                     said(QStringLiteral("Shift+F1 on the focused control or view says what it shows and how to "
                                         "read it; Help › What's This?, then a click, asks about anything. ? "
                                         "lists every key, and F1 walks this tour again.")),
                     [bar] { return std::vector<WindowTourPart>{menuEntry(bar, QStringLiteral("Help"))}; }});
    return stops;
}

WindowTour *createWindowTour(MainWindow &w)
{
    auto *tour = new WindowTour(&w);
    tour->setStops(windowTourStops(w));
    tour->setTextScale([&w] { return w.textScale(); });
    tour->setStartGuard([&w] {
        return w.tourPanel()->isActive()
                   ? QStringLiteral("The guided tour is running: End tour first, then F1 for the tour of the window")
                   : QString();
    });
    QObject::connect(tour, &WindowTour::refused, w.windowLayout().status(), &QLabel::setText);
    QObject::connect(w.tourPanel(), &TourPanel::started, tour, &WindowTour::stop);
    return tour;
}

} // namespace conviz::gui
