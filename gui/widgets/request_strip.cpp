#include "gui/widgets/request_strip.h"

#include "gui/core/format.h"
#include "gui/core/model_palette.h"
#include "gui/core/playback_state.h"
#include "gui/widgets/palette.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace conviz::gui {
namespace {

constexpr double kMargin = 4;

// A state's fill: the runs in the model's colour, every wait grey in its own pattern, so the strip
// reads in greyscale and in any colour vision.
QBrush stateBrush(LifeState s, const QColor &model)
{
    const QColor dark(0x44, 0x44, 0x44);
    switch (s) {
    case LifeState::Ran: return QBrush(model);
    case LifeState::CpuWait: return QBrush(dark, Qt::BDiagPattern);
    case LifeState::QueueWait: return QBrush(dark, Qt::FDiagPattern);
    case LifeState::PoolWait: return QBrush(dark, Qt::CrossPattern);
    case LifeState::Io: return QBrush(rgbColor(kWaitingRgb));
    case LifeState::Blocking: return QBrush(dark, Qt::Dense4Pattern);
    case LifeState::Join: return QBrush(dark, Qt::HorPattern);
    }
    return QBrush(dark);
}

// A part of `total`, in the total's unit ("0.4", "12", "<0.1").
QString part(Nanos ns, double unit)
{
    const double v = static_cast<double>(ns.count()) / unit;
    if (v < 0.05)
        return QStringLiteral("<0.1");
    return QString::number(v, 'f', v >= 9.95 ? 0 : 1);
}

} // namespace

RequestStrip::RequestStrip(ColumnState &state, PlaybackState &playback, QWidget *parent)
    : ModelView(state, playback, parent)
{
    setObjectName(QStringLiteral("RequestStrip"));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setToolTip(QStringLiteral(
        "The followed request in this model, from its arrival (left) to its end, on the same time scale in "
        "every column: solid in the model's colour where it ran, hatched / where it waited for a CPU, hatched \\ "
        "in a queue for a thread, crossed for a connection, light grey on I/O, dotted in a blocking call, "
        "striped for its children. The black line is the playback instant. Esc or a click on empty space "
        "stops following."));
}

QString RequestStrip::stateName(ModelKind model, LifeState state)
{
    switch (state) {
    case LifeState::CpuWait:
        return model == ModelKind::EventLoop ? QStringLiteral("waited for the loop")
                                             : QStringLiteral("waited for a CPU");
    case LifeState::Ran: return QStringLiteral("ran");
    case LifeState::QueueWait:
        return model == ModelKind::EventLoop ? QStringLiteral("waited for libuv")
                                             : QStringLiteral("waited for a thread");
    case LifeState::PoolWait: return QStringLiteral("waited for a connection");
    case LifeState::Io: return QStringLiteral("on I/O");
    case LifeState::Blocking:
        return model == ModelKind::EventLoop ? QStringLiteral("on libuv")
               : model == ModelKind::Fibers  ? QStringLiteral("in a syscall")
                                             : QStringLiteral("in a blocking call");
    case LifeState::Join: return QStringLiteral("joined children");
    }
    return {};
}

QString RequestStrip::headline() const
{
    QString name = QStringLiteral("Request %1").arg(followedRequest());
    if (!m_state.life)
        return QStringLiteral("%1: not in this model's trace").arg(name);
    const RequestLife &life = *m_state.life;
    // Its root task as the scheduler's chips name it (a goroutine's or a thread's serial is not the
    // request's number; the event loop's chips show the request's).
    if (m_state.model != ModelKind::EventLoop && !life.tasks.empty())
        name += QStringLiteral(" (%1%2)").arg(modelStyle(m_state.model).taskPrefix).arg(life.tasks.front());
    const QString head = life.refused    ? QStringLiteral("%1 · refused after %2")
                         : life.finished ? QStringLiteral("%1 · %2")
                                         : QStringLiteral("%1 · over %2 (the trace ends first)");
    return head.arg(name, formatDuration(static_cast<double>(life.latency().count())));
}

QString RequestStrip::summary() const
{
    if (!m_state.life)
        return headline();
    const RequestLife &life = *m_state.life;
    const double total = static_cast<double>(life.latency().count());
    const double unit = total >= 1e9 ? 1e9 : total >= 1e6 ? 1e6 : 1e3;
    QStringList parts;
    for (std::size_t i = 0; i < kLifeStates; ++i) {
        const auto s = static_cast<LifeState>(i);
        if (life.total(s) > Nanos::zero())
            parts << QStringLiteral("%1 %2").arg(stateName(m_state.model, s), part(life.total(s), unit));
    }
    return headline() + QStringLiteral(": ") + parts.join(QStringLiteral(", "));
}

QString RequestStrip::nowText() const
{
    if (!m_state.life)
        return {};
    const Nanos t{m_playback.time()};
    if (t < m_state.life->arrival)
        return QStringLiteral("not arrived yet");
    if (const std::optional<LifeState> s = m_state.life->stateAt(t))
        return stateName(m_state.model, *s);
    return m_state.life->refused    ? QStringLiteral("refused")
           : m_state.life->finished ? QStringLiteral("done")
                                    : QString();
}

double RequestStrip::barHeight() const { return std::max(10.0, std::round(QFontMetricsF(font()).height() * 0.8)); }

QStringList RequestStrip::forms(const QString &now) const
{
    const QString tail = QStringLiteral(" · now: ") + now;
    if (!m_state.life)
        return {headline()};
    return {summary() + tail, summary(), headline() + tail, headline()};
}

double RequestStrip::textHeight(const QString &text, int width) const
{
    const QFontMetricsF fm(font());
    return fm.boundingRect(QRectF(0, 0, std::max(40.0, width - 2 * kMargin), 1e5), Qt::TextWordWrap, text).height();
}

int RequestStrip::heightForWidth(int width) const
{
    // Room for the longest "now", so the strip keeps its height while the clock moves.
    const QFontMetricsF fm(font());
    QString longest = QStringLiteral("not arrived yet");
    for (std::size_t i = 0; i < kLifeStates; ++i) {
        const QString name = stateName(m_state.model, static_cast<LifeState>(i));
        if (fm.horizontalAdvance(name) > fm.horizontalAdvance(longest))
            longest = name;
    }
    // A projector's row has room for a line: the request and its total; the strip says more where
    // it is given more (textLayout picks the longest form that fits).
    const QStringList all = forms(longest);
    const QString &text = projector().on ? all.back() : all.front();
    return static_cast<int>(std::ceil(textHeight(text, width) + barHeight() + 3 * kMargin + 4));
}

QSize RequestStrip::sizeHint() const { return {300, heightForWidth(std::max(width(), 300))}; }

QRectF RequestStrip::barRect() const
{
    const double h = barHeight();
    return {kMargin + 2, height() - kMargin - h - 2, std::max(1.0, width() - 2 * kMargin - 4), h};
}

TextLayout RequestStrip::textLayout()
{
    cursorNow();
    TextLayout out;
    out.lineWidth = projector().on ? 3 : 1;
    const QRectF cell(kMargin, kMargin / 2, width() - 2 * kMargin, barRect().top() - kMargin);
    const QStringList all = forms(nowText());
    QString text = all.back();
    for (const QString &form : all)
        if (textHeight(form, width()) <= cell.height() + 0.5) {
            text = form;
            break;
        }
    out.items.push_back({text, font(), cell, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, inkColor()});
    return out;
}

void RequestStrip::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), QColor(0xfb, 0xfb, 0xfb));
    const TextLayout text = textLayout();
    paintTexts(p, text);
    const QRectF bar = barRect();
    p.fillRect(bar, QColor(0xee, 0xee, 0xee)); // the scale: the longest of the three lives
    if (!m_state.life || m_state.lifeScale <= Nanos::zero())
        return;
    const RequestLife &life = *m_state.life;
    const double scale = bar.width() / static_cast<double>(m_state.lifeScale.count());
    const auto x = [&](Nanos t) {
        return bar.left() + std::clamp(static_cast<double>((t - life.arrival).count()) * scale, 0.0, bar.width());
    };
    const QColor model = modelColor(m_state.model);
    for (const LifeSegment &s : life.segments) {
        const QRectF r(x(s.start), bar.top(), std::max(x(s.end) - x(s.start), 0.0), bar.height());
        p.fillRect(r, Qt::white);
        p.fillRect(r, stateBrush(s.state, model));
    }
    const double lw = std::max(1.0, lineWidth(1));
    p.setPen(QPen(inkColor(), lw));
    p.setBrush(Qt::NoBrush);
    p.drawRect(QRectF(bar.left(), bar.top(), x(life.end) - bar.left(), bar.height()));
    const Nanos now{m_playback.time()};
    if (now >= life.arrival && now - life.arrival <= m_state.lifeScale) {
        const double nx = x(now);
        p.setPen(QPen(inkColor(), std::max(2.0, lineWidth(2))));
        p.drawLine(QPointF(nx, bar.top() - 3), QPointF(nx, bar.bottom() + 2));
    }
}

} // namespace conviz::gui
