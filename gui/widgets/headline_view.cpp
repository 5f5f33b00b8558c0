#include "gui/widgets/headline_view.h"

#include "gui/core/format.h"
#include "gui/core/headline_note.h"
#include "gui/core/preview_prefix.h"
#include "gui/widgets/palette.h"

#include <QEvent>
#include <QHash>
#include <QPainter>
#include <QResizeEvent>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

namespace conviz::gui {
namespace {

constexpr double kPad = 12; // between two stats

// One stat: its value (never shortened: a cut number misreports) and its caption, longest form first.
struct Stat {
    QString value;
    QStringList caption;
};

// With nothing measured (HeadlineNote::numbersEmpty), throughput, latency and CPU busy (of the
// measured window, which is then empty) show a dash.
std::array<Stat, 4> statsOf(const ModelMetrics &m, bool numbersEmpty)
{
    const QString none = QStringLiteral("—");
    const QString p99 = numbersEmpty ? none : formatDuration(m.latency.p99);
    const QString virt = formatBytes(static_cast<double>(m.memory.peakReserved));
    return {{
        {numbersEmpty ? none : formatNumber(m.throughputRps, 4), {QStringLiteral("req/s")}},
        {numbersEmpty ? none : formatDuration(m.latency.p50),
         {QStringLiteral("p50 · p99 %1").arg(p99), QStringLiteral("p50·p99 %1").arg(p99),
          QStringLiteral("p99 %1").arg(p99)}},
        {formatBytes(static_cast<double>(m.memory.peakCommitted)),
         {QStringLiteral("resident · %1 virtual").arg(virt), QStringLiteral("resident · %1 virt.").arg(virt),
          QStringLiteral("res. · %1 virt.").arg(virt), QStringLiteral("%1 virt.").arg(virt)}},
        {numbersEmpty ? none : formatPercent(m.cpuUtilization), {QStringLiteral("CPU busy"), QStringLiteral("CPU")}},
    }};
}

using Stats = std::array<Stat, 4>;

// Every model's stats, this column's first: each column fits its row as the widest of the three
// needs, so that the three columns name their numbers alike ("p50 · p99" in one, "p99" alone in
// another read as different numbers) and, stacked in presentation mode, line up.
std::vector<Stats> statsOfEveryModel(const ColumnState &state)
{
    std::vector<Stats> out;
    const ModelRun *own = state.run();
    if (!own)
        return out;
    const auto add = [&out](const ModelMetrics &m) { out.push_back(statsOf(m, headlineNote(m).numbersEmpty)); };
    add(own->metrics);
    for (const ModelKind model : kAllModels)
        if (model != state.model)
            add(state.snapshot->run(model).metrics);
    return out;
}

} // namespace

// The three models' stats and the widths of their texts in the fonts asked for. The layout asks for
// the same few dozen widths at every repaint and size hint, and measuring text is most of its cost.
struct HeadlineTexts {
    std::weak_ptr<const RunSnapshot> snapshot;
    std::vector<Stats> models;                                   // this column's first; none without a run
    mutable QHash<QString, QHash<QString, double>> widthsByFont; // by font key, then text

    // A text's width in `font`, measured the first time it is asked for.
    class Measure {
    public:
        Measure(const QFont &font, QHash<QString, double> &known) : m_font(font), m_known(known) {}
        double operator()(const QString &text)
        {
            auto it = m_known.constFind(text);
            if (it == m_known.cend())
                it = m_known.insert(text, textWidth(m_font, text));
            return *it;
        }

    private:
        const QFont &m_font;
        QHash<QString, double> &m_known;
    };
    Measure in(const QFont &font) const { return {font, widthsByFont[font.key()]}; }
};

namespace {

// What each of the stats `first` .. `first + count` needs in each form of its caption: the widest of
// the three models' value and caption, so that every column gives a stat one width and one form.
std::vector<std::vector<double>> needs(const HeadlineTexts &texts, std::size_t first, std::size_t count,
                                       const QFont &big, const QFont &small)
{
    HeadlineTexts::Measure inBig = texts.in(big), inSmall = texts.in(small);
    std::vector<std::vector<double>> out(count);
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t k = first + i;
        double value = 0;
        for (const Stats &stats : texts.models)
            value = std::max(value, inBig(stats[k].value));
        for (qsizetype form = 0; form < texts.models.front()[k].caption.size(); ++form) {
            double widest = value;
            for (const Stats &stats : texts.models)
                widest = std::max(widest, inSmall(stats[k].caption[form]));
            out[i].push_back(widest + kPad);
        }
    }
    return out;
}

// Widths of stats that need `need` (needs()) sharing `width` in a row, and each caption's form, if
// they fit: value and caption whole, the captions' shorter forms tried before giving up, then each
// caption as long again as the room left allows (a latency caption under a number wider than it
// keeps its "p50" when the memory caption had to shorten).
struct RowFit {
    std::vector<double> widths;
    std::vector<int> forms;
};
std::optional<RowFit> fitRow(const std::vector<std::vector<double>> &need, double width)
{
    for (int level = 0; level < 4; ++level) {
        RowFit fit;
        double sum = 0;
        for (const std::vector<double> &forms : need) {
            fit.forms.push_back(std::min<int>(level, static_cast<int>(forms.size()) - 1));
            fit.widths.push_back(forms[static_cast<std::size_t>(fit.forms.back())]);
            sum += fit.widths.back();
        }
        if (sum > width)
            continue;
        for (std::size_t i = 0; i < need.size(); ++i)
            while (fit.forms[i] > 0) {
                const double longer = need[i][static_cast<std::size_t>(fit.forms[i] - 1)];
                if (sum - fit.widths[i] + longer > width)
                    break;
                sum += longer - fit.widths[i];
                fit.widths[i] = longer;
                --fit.forms[i];
            }
        for (double &w : fit.widths)
            w *= width / sum; // the spare room shared in proportion
        return fit;
    }
    return std::nullopt;
}

} // namespace

HeadlineView::HeadlineView(ColumnState &state, PlaybackState &playback, QWidget *parent)
    : ModelView(state, playback, parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    setToolTip(QStringLiteral("req/s: requests completed per second over the measured window\n"
                              "p50 · p99: median and 99th-percentile latency, arrival to answer\n"
                              "resident · virtual: peak committed memory; reserved adds address space never touched\n"
                              "CPU busy: busy core time over cores × measured time"));
}

HeadlineView::~HeadlineView() = default;

double HeadlineView::oneRowWidth() const
{
    const Projector pr = projector();
    const HeadlineTexts &texts = runTexts();
    if (!pr.on || texts.models.empty())
        return 0;
    // Each stat in its shortest caption, as wide as the widest of the three models needs it.
    double width = 4;
    for (const std::vector<double> &forms : needs(texts, 0, 4, pr.font(font(), 48, true), pr.font(font(), 24)))
        width += forms.back();
    return width;
}

const HeadlineTexts &HeadlineView::runTexts() const
{
    if (!m_texts || m_texts->snapshot.lock() != m_state.snapshot) {
        m_texts = std::make_unique<HeadlineTexts>();
        m_texts->snapshot = m_state.snapshot;
        m_texts->models = statsOfEveryModel(m_state);
    }
    return *m_texts;
}

HeadlineView::Rows HeadlineView::rows(double scale) const
{
    Projector pr = projectorFor(this);
    if (scale > 0)
        pr.scale = scale;
    Rows r;
    if (pr.on) {
        r.big = pr.font(font(), 48, true);
        r.small = pr.font(font(), 24);
        // Four across when they fit at full size (a wide row, short numbers), else two rows of
        // two: a row less leaves the height to the tour and the chart.
        const HeadlineTexts &texts = runTexts();
        r.statRows = !texts.models.empty() && fitRow(needs(texts, 0, 4, r.big, r.small), width() - 4) ? 1 : 2;
    } else {
        r.big = sizedFont(font(), 3.5, true);
        r.small = sizedFont(font(), -1.5);
    }
    r.live = r.small;
    r.value = QFontMetricsF(r.big).height() + 1;
    r.caption = QFontMetricsF(r.small).height() + 2;
    r.liveTop = 2 + r.statRows * (r.value + r.caption) + 4;
    r.live_ = QFontMetricsF(r.live).height() + 6;
    r.height = static_cast<int>(std::ceil(r.liveTop + r.live_ + 3));
    return r;
}

void HeadlineView::resizeEvent(QResizeEvent *event)
{
    const Projector pr = projectorFor(this);
    // In presentation mode the width decides between one row of stats and two.
    if (pr.on != m_projector.on || pr.scale != m_projector.scale || (pr.on && event->oldSize().width() != width())) {
        m_projector = pr;
        announceGeometry(); // presentation sizes follow the window height
    }
}

void HeadlineView::changeEvent(QEvent *e)
{
    ModelView::changeEvent(e);
    if (e->type() == QEvent::FontChange)
        announceGeometry();
}

void HeadlineView::announceGeometry()
{
    m_announced = {sizeHint(), minimumSizeHint()};
    updateGeometry();
}

void HeadlineView::updateGeometryIfResized()
{
    if (std::pair(sizeHint(), minimumSizeHint()) != m_announced)
        announceGeometry();
}

TextLayout HeadlineView::textLayout()
{
    TextLayout out;
    out.lineWidth = projector().on ? 3 : 1;
    TraceCursor *cursor = cursorNow();
    const ModelRun *run = m_state.run();
    if (!run)
        return out;
    const ModelMetrics &m = run->metrics;
    const HeadlineNote note = headlineNote(m); // why a number is empty or extreme
    const HeadlineTexts &texts = runTexts();
    const Stats &stats = texts.models.front();
    // Squeezed under its size (a window shorter than presentation mode needs): the projector
    // sizes shrink to the height given rather than spill out of it.
    Rows r = rows();
    for (double sc = projector().scale; r.height > height() && projector().on && sc > 0.2;) {
        sc *= std::max(0.5, 0.98 * height() / r.height);
        r = rows(sc);
    }
    const std::size_t perRow = 4 / static_cast<std::size_t>(r.statRows);
    const double available = width() - 4;
    const double minSmall = projectorFor(this).on ? r.small.pixelSize() : 7;
    // Shorter captions first (fitRow), then a smaller caption font, then smaller numbers.
    std::vector<RowFit> fits;
    for (int attempt = 0; attempt < 60; ++attempt) {
        fits.clear();
        for (std::size_t row = 0; row < static_cast<std::size_t>(r.statRows); ++row)
            if (auto f = fitRow(needs(texts, row * perRow, perRow, r.big, r.small), available))
                fits.push_back(*f);
        if (fits.size() == static_cast<std::size_t>(r.statRows))
            break;
        const bool pixels = r.small.pixelSize() > 0;
        const double smallSize = pixels ? r.small.pixelSize() : r.small.pointSizeF();
        if (smallSize - (pixels ? 1 : 0.5) >= minSmall) {
            pixels ? r.small.setPixelSize(static_cast<int>(smallSize) - 1) : r.small.setPointSizeF(smallSize - 0.5);
        } else if (r.big.pixelSize() > 0) {
            r.big.setPixelSize(std::max(6, static_cast<int>(r.big.pixelSize() * 0.94)));
        } else {
            r.big.setPointSizeF(std::max(6.0, r.big.pointSizeF() * 0.94));
        }
    }
    for (std::size_t row = 0; row < fits.size(); ++row) {
        double left = 2;
        const double top = 2 + static_cast<double>(row) * (r.value + r.caption);
        for (std::size_t k = 0; k < perRow; ++k) {
            const Stat &s = stats[row * perRow + k];
            const double w = fits[row].widths[k];
            const QRectF value(left + 4, top, w - 8, r.value);
            out.items.push_back({s.value, r.big, value, Qt::AlignLeft | Qt::AlignBottom, inkColor(), TextRole::Value});
            out.items.push_back({s.caption[fits[row].forms[k]], r.small,
                                 QRectF(value.left(), value.bottom(), w - 8, r.caption),
                                 Qt::AlignLeft | Qt::AlignVCenter, mutedInk(), TextRole::Caption});
            left += w;
        }
    }
    // Live line: what the model holds at the playback instant, as much of it as fits.
    QStringList live;
    // A measured run without a trace knows nothing of "now" (live mode, measured_snapshot.h).
    const bool nowKnown = !run->live.measured || (run->index && !run->index->trace().tasks.empty());
    if (cursor && nowKnown) {
        const TraceIndex &index = cursor->index();
        const Nanos t{paintedTime()};
        const QString inFlight = formatCount(index.counterAt(Counter::InFlight, 0, t));
        const QString tasks = formatCount(static_cast<std::int64_t>(cursor->liveTaskCount()));
        const std::int64_t threadCount = index.counterAt(Counter::Threads, 0, t);
        const QString threads = formatCount(threadCount) +
                                (threadCount == 1 ? QStringLiteral(" OS thread") : QStringLiteral(" OS threads"));
        const QString threadsShort =
            formatCount(threadCount) + (threadCount == 1 ? QStringLiteral(" thread") : QStringLiteral(" threads"));
        live = {QStringLiteral("Now: %1 requests in flight · %2 tasks · %3").arg(inFlight, tasks, threads),
                QStringLiteral("Now: %1 in flight · %2 tasks · %3").arg(inFlight, tasks, threadsShort),
                QStringLiteral("%1 in flight · %2 tasks · %3").arg(inFlight, tasks, threadsShort),
                QStringLiteral("%1 in flight · %2 tasks").arg(inFlight, tasks)};
    }
    if (m.refused > 0) {
        const QString refused = formatCount(m.refused);
        if (live.isEmpty())
            live.push_back(QString());
        for (QString &form : live)
            form += (form.isEmpty() ? QString() : QStringLiteral(" · ")) + QStringLiteral("%1 refused").arg(refused);
        live.push_back(QStringLiteral("%1 refused").arg(refused));
    }
    if (!note.text.isEmpty()) { // first: it is what the numbers above cannot say
        for (QString &form : live)
            form = note.text + QStringLiteral(" · ") + form;
        live.push_back(note.text);
    }
    // Live mode's comparison (measured against simulated, or its age), or a drag's preview of the
    // first requests, goes first: it says what the numbers above are.
    const QStringList heads = m_state.snapshot ? prefixNote(m_state.snapshot->prefix) : QStringList();
    for (const QStringList &first : {run->live.headline, heads}) {
        if (first.isEmpty())
            continue;
        QStringList forms; // the fullest head alone before a shorter one with more beside it
        for (const QString &head : first) {
            for (const QString &form : live)
                forms.push_back(head + QStringLiteral(" · ") + form);
            forms.push_back(head);
        }
        live = forms;
    }
    if (!live.isEmpty()) {
        const QRectF cell(6, r.liveTop, width() - 12, r.live_);
        QFont f = r.live;
        int form = fitForm(live, f, cell.width());
        for (int i = 0; form < 0 && i < 12; ++i) {
            f.pixelSize() > 0 ? f.setPixelSize(f.pixelSize() - 1)
                              : f.setPointSizeF(std::max(6.0, f.pointSizeF() - 0.5));
            form = fitForm(live, f, cell.width());
        }
        out.items.push_back(
            {live[std::max(form, 0)], f, cell, Qt::AlignLeft | Qt::AlignVCenter,
             m.refused > 0 || !note.text.isEmpty() || run->live.alert ? rgbColor(kAlertRgb) : inkColor(),
             TextRole::Label});
    }
    return out;
}

void HeadlineView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    const TextLayout text = textLayout();
    paintTexts(p, text);
    p.fillRect(QRectF(0, height() - text.lineWidth, width(), text.lineWidth), QColor(0xe0, 0xe0, 0xe0));
}

} // namespace conviz::gui
