// A model's headline numbers as a figure shows them: throughput and p99 large, then p50, memory
// and CPU, then what the model holds at the instant shown, each line wrapping between its items
// ("157,172 req/s · p99 2.66 ms") rather than shrinking its text, so that a narrow column (a GIF's)
// keeps every number readable. The app's HeadlineView fits one row instead, shrinking what does not
// fit.
// GUI thread.
#pragma once

#include "gui/widgets/model_view.h"

#include <QColor>
#include <QFont>
#include <QStringList>

#include <vector>

namespace conviz::gui {

class FigureHeadline : public ModelView {
public:
    // `compact` (a GIF's narrow columns): smaller large numbers, no p50, no task count.
    FigureHeadline(ColumnState &state, PlaybackState &playback, bool compact, QWidget *parent = nullptr);

    // The height its lines wrap to in `width` at the run's largest counts. The figure fixes the
    // height for its narrowest column (setFixedHeight) so that all three line up and none grows
    // from one frame to the next.
    int heightForWidth(int width) const override;
    // The lines as laid out at the instant shown (the same checks as the app's views).
    TextLayout textLayout() override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    struct Line {
        QFont font;
        QColor color;
        QStringList items;
        QString separator = QStringLiteral(" · "); // between two items on one row
    };
    // The lines at instant `t`; with `widest`, the live line holds the run's largest counts (the
    // tallest it can wrap to).
    std::vector<Line> lines(Nanos t, bool widest) const;
    // Lays the items out in `width`; returns the height, and adds each text to `out` when given.
    double flow(const std::vector<Line> &lines, double width, TextLayout *out) const;

    bool m_compact = false;
};

} // namespace conviz::gui
