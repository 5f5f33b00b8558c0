// Where a scheduler view puts everything at one instant, computed before it paints: the lanes'
// stripes, the chips, the bars and every text with its font and cell (TextLayout). Normal mode
// draws lanes of task chips; presentation mode draws what a room can read: one count and one bar
// per queue or set of places, in large type. A text that does not fit takes a shorter form
// ("microtasks" → "µtasks" → none), never a cut number.
#pragma once

#include "gui/core/scheduler_picture.h"
#include "gui/widgets/text_layout.h"

#include <QRectF>

#include <vector>

namespace conviz::gui {

struct PlacedChip {
    Chip chip;
    QRectF rect;
};

// A count's bar (presentation mode): the track and the filled part.
struct CountBar {
    QRectF track;
    double fraction = 0; // 0..1 of the track
    ChipTone tone = ChipTone::Ready;
    // Non-empty: the track split into one slot per processor, each filled by its share of the
    // longest (the fraction is then unused).
    std::vector<double> parts;
};

struct SchedulerLayout {
    TextLayout text; // its marks are the chips (same order as `chips`), then the bars' tracks
    std::vector<PlacedChip> chips;
    std::vector<CountBar> bars;
    std::vector<QRectF> stripes; // every other lane's background
    struct Hit {
        QRectF rect;
        QString tip;
    };
    std::vector<Hit> hits; // tooltips: lane titles and chips
};

// Lays out `pic` in `area` with text derived from `base` (the widget's font); `projector` on: the
// summary of counts and bars in projector type.
SchedulerLayout layoutScheduler(const SchedulerPicture &pic, const QRectF &area, const QFont &base,
                                const Projector &projector);

// The presentation-mode half of layoutScheduler: counts and bars (scheduler_summary.cpp).
void layoutSchedulerSummary(SchedulerLayout &out, const SchedulerPicture &pic, const QRectF &area, const QFont &base,
                            const Projector &projector);

// A caption or title's shorter forms, longest first, ending with the shortest one worth showing.
QStringList shorterForms(const QString &text);

} // namespace conviz::gui
