// The followed request's life in one model, as a small strip under the column's headline: one bar
// from its arrival to its end, a segment per stretch it ran, waited for a CPU, for a thread or a
// connection, on I/O or for its children (each state its own fill pattern, not only its shade),
// the playback instant marked, and the time in each state as text — "#17 · 2.1 ms: ran 0.4, waited
// for a CPU 1.2, on I/O 0.5". The three columns' bars share one time scale (the longest of the
// three lives), so the same request's 2 ms and 30 ms look it. Hidden while no request is followed.
#pragma once

#include "gui/widgets/model_view.h"

namespace conviz::gui {

class RequestStrip : public ModelView {
    Q_OBJECT
public:
    RequestStrip(ColumnState &state, PlaybackState &playback, QWidget *parent = nullptr);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return {120, sizeHint().height()}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    TextLayout textLayout() override;

    // The strip's sentence for this model: the request, its latency and the time in each state.
    QString summary() const;
    // The request and its latency alone ("Request 17 · 2.1 ms"): what a projector's row has room for.
    QString headline() const;
    // Where the bar is drawn at the present size (view coordinates).
    QRectF barRect() const;

    // How a state is named in `model`'s words ("waited for a CPU", "on libuv", ...).
    static QString stateName(ModelKind model, LifeState state);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    double barHeight() const;
    QString nowText() const;
    // What the strip can say, longest first: the sentence with "now", the sentence, the request and
    // its total with "now", the request and its total. `now` stands in for nowText().
    QStringList forms(const QString &now) const;
    // The height of `text` wrapped to the strip's text width.
    double textHeight(const QString &text, int width) const;
};

} // namespace conviz::gui
