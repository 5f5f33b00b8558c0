// The scheduler view in a short window: lanes that do not fit are left out whole, and the last row
// says which ones, with the tasks waiting in them (Go's P6, P7 and a global queue of 199 used to
// vanish without a word at 1280×720).
#include "gui/widgets/scheduler_layout.h"

#include <QApplication>
#include <QFontMetricsF>

#include <gtest/gtest.h>

#include <algorithm>

using namespace conviz::gui;

namespace {

// Go on 8 Ps as the view draws it: Cores, P0–P7, the global queue, the netpoller and syscalls.
SchedulerPicture eightPs()
{
    SchedulerPicture pic;
    const auto lane = [&](const QString &title, std::int64_t waiting) {
        Lane l;
        l.title = title;
        l.tooltip = title + QStringLiteral(" means something");
        LaneSegment queue;
        queue.caption = QStringLiteral("local");
        queue.total = waiting;
        l.segments.push_back(queue);
        pic.lanes.push_back(l);
    };
    lane(QStringLiteral("Cores"), 0);
    for (int p = 0; p < 8; ++p)
        lane(QStringLiteral("P%1").arg(p), p);
    lane(QStringLiteral("Global"), 199);
    lane(QStringLiteral("Netpoller"), 0);
    lane(QStringLiteral("Syscalls"), 0);
    return pic;
}

bool shows(const SchedulerLayout &layout, const QString &text)
{
    return std::any_of(layout.text.items.begin(), layout.text.items.end(),
                       [&](const TextItem &t) { return t.text == text; });
}

const TextItem *startingWith(const SchedulerLayout &layout, const QString &prefix)
{
    for (const TextItem &t : layout.text.items)
        if (t.text.startsWith(prefix))
            return &t;
    return nullptr;
}

} // namespace

TEST(SchedulerLayout, LanesAShortViewLeavesOutAreNamedInItsLastRow)
{
    const QFont font = QApplication::font();
    const SchedulerPicture pic = eightPs();
    const double rowH = std::max(QFontMetricsF(font).height(), 12.0);
    // Room for about seven rows of twelve, in a wide view.
    const SchedulerLayout layout = layoutScheduler(pic, QRectF(0, 0, 900, rowH * 7.5), font, Projector{});
    const TextItem *note = startingWith(layout, QStringLiteral("+ "));
    ASSERT_NE(note, nullptr) << "the left-out lanes are not mentioned";
    int shown = 0;
    for (const Lane &lane : pic.lanes)
        shown += shows(layout, lane.title) ? 1 : 0;
    ASSERT_GT(shown, 0);
    ASSERT_LT(shown, static_cast<int>(pic.lanes.size()));
    EXPECT_TRUE(note->text.startsWith(QStringLiteral("+ %1 rows").arg(pic.lanes.size() - shown)))
        << note->text.toStdString();
    EXPECT_TRUE(note->text.contains(QStringLiteral("Global (199)"))) << note->text.toStdString();
    EXPECT_TRUE(note->text.contains(QStringLiteral("Syscalls"))) << note->text.toStdString();
    EXPECT_LE(note->cell.bottom(), rowH * 7.5 + 0.5) << "the note is inside the view";
    const auto tip = std::find_if(layout.hits.begin(), layout.hits.end(),
                                  [&](const SchedulerLayout::Hit &h) { return h.rect.contains(note->cell.center()); });
    ASSERT_NE(tip, layout.hits.end());
    EXPECT_TRUE(tip->tip.contains(QStringLiteral("Global: Global means something")));
}

TEST(SchedulerLayout, AViewTallEnoughForEveryLaneHasNoNote)
{
    const QFont font = QApplication::font();
    const SchedulerLayout layout = layoutScheduler(eightPs(), QRectF(0, 0, 900, 2000), font, Projector{});
    EXPECT_EQ(startingWith(layout, QStringLiteral("+ ")), nullptr);
    EXPECT_TRUE(shows(layout, QStringLiteral("Syscalls")));
}
