#include "gui/widgets/presenter_overlay.h"

#include "gui/core/model_palette.h"
#include "gui/widgets/palette.h"

#include <QEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QtMath>

#include <algorithm>

namespace conviz::gui {
namespace {

// The pen and the pointer wear Okabe–Ito vermillion, a laser pointer's red that stays apart from
// the three models' colours for colour-blind viewers too.
constexpr std::uint32_t kInkRgb = kAlertRgb;
constexpr int kDimAlpha = 165;   // how dark the spotlight leaves the rest
constexpr int kDragPixels = 8;   // less than this between press and release is a click
constexpr int kLastSeconds = 10; // the countdown turns vermillion for these

} // namespace

PresenterOverlay::PresenterOverlay(QWidget *window) : QWidget(window)
{
    setAttribute(Qt::WA_NoSystemBackground);
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setMouseTracking(true);
    setFocusPolicy(Qt::NoFocus);
    m_elapsed.start();
    m_clock = [this] { return m_elapsed.elapsed(); };
    m_countdownTick.setInterval(200);
    connect(&m_countdownTick, &QTimer::timeout, this, qOverload<>(&QWidget::update));
    m_captionTimer.setSingleShot(true);
    connect(&m_captionTimer, &QTimer::timeout, this, &PresenterOverlay::refresh);
    window->installEventFilter(this);
    setGeometry(window->rect());
    hide();
}

double PresenterOverlay::scaled(double px) const { return px * std::max(480, height()) / 1080.0; }

void PresenterOverlay::setTool(Tool tool)
{
    if (tool == m_tool)
        return;
    m_tool = tool;
    m_dragging = false;
    if (tool == Tool::Spotlight && m_spotlight.isEmpty()) {
        const QRect r = rect();
        m_spotlight = QRect(r.width() / 4, r.height() / 4, r.width() / 2, r.height() / 2);
    }
    switch (tool) {
    case Tool::Pointer: setCursor(Qt::BlankCursor); break; // the dot is the cursor
    case Tool::Pen:
    case Tool::Spotlight: setCursor(Qt::CrossCursor); break;
    case Tool::None: unsetCursor(); break;
    }
    refresh();
    Q_EMIT changed();
}

void PresenterOverlay::setSpotlight(const QRect &region)
{
    m_spotlight = region.normalized().intersected(rect());
    invalidateLayer();
}

void PresenterOverlay::undoStroke()
{
    if (m_strokes.empty())
        return;
    m_strokes.pop_back();
    invalidateLayer();
    Q_EMIT changed();
}

void PresenterOverlay::clearStrokes()
{
    if (m_strokes.empty())
        return;
    m_strokes.clear();
    invalidateLayer();
    Q_EMIT changed();
}

void PresenterOverlay::setFrozen(bool on)
{
    if (on == frozen())
        return;
    if (on) {
        // The window as it is, without this overlay's own marks on it.
        const bool wasVisible = isVisible();
        hide();
        m_frozen = parentWidget()->grab();
        setVisible(wasVisible);
    } else {
        m_frozen = QPixmap();
    }
    refresh();
    Q_EMIT changed();
}

void PresenterOverlay::setClock(std::function<qint64()> msSinceStart) { m_clock = std::move(msSinceStart); }

void PresenterOverlay::startCountdown(int seconds)
{
    m_countdownSeconds = std::max(0, seconds);
    m_countdownEnd = m_clock() + qint64{m_countdownSeconds} * 1000;
    if (m_countdownSeconds > 0)
        m_countdownTick.start();
    else
        m_countdownTick.stop();
    refresh();
    Q_EMIT changed();
}

QString PresenterOverlay::countdownText() const
{
    if (m_countdownSeconds <= 0)
        return {};
    const qint64 left = m_countdownEnd - m_clock();
    if (left <= 0)
        return QStringLiteral("Time's up");
    const qint64 seconds = (left + 999) / 1000; // 0:01 until the very end
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

void PresenterOverlay::showCaption(const QString &text, int ms)
{
    m_caption = text;
    m_captionTimer.start(ms);
    refresh();
}

bool PresenterOverlay::active() const
{
    return m_tool != Tool::None || frozen() || m_countdownSeconds > 0 || m_captionTimer.isActive() ||
           !m_strokes.empty();
}

void PresenterOverlay::refresh()
{
    // The window keeps its clicks unless a tool needs the mouse, or the picture is frozen (a click
    // would change what nobody can see).
    setAttribute(Qt::WA_TransparentForMouseEvents, m_tool == Tool::None && !frozen());
    setVisible(active());
    if (isVisible())
        raise();
    invalidateLayer();
}

void PresenterOverlay::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    if (frozen())
        p.drawPixmap(0, 0, m_frozen);
    if (m_tool == Tool::Spotlight || !m_strokes.empty()) {
        if (!m_layerValid)
            paintLayer();
        p.drawPixmap(0, 0, m_layer);
    }
    if (m_tool == Tool::Pointer && rect().contains(m_pointer)) {
        const double r = scaled(11);
        p.setPen(QPen(Qt::white, scaled(2.5)));
        p.setBrush(rgbColor(kInkRgb));
        p.drawEllipse(QPointF(m_pointer), r, r);
    }
    paintCountdown(p);
    paintCaption(p);
}

bool PresenterOverlay::coveredBySibling() const
{
    // Widgets above this one in the parent's stacking order; other see-through overlays (the tour's
    // frame) may stay above it.
    const QObjectList &siblings = parentWidget()->children();
    for (auto i = siblings.indexOf(const_cast<PresenterOverlay *>(this)) + 1; i < siblings.size(); ++i)
        if (const auto *w = qobject_cast<const QWidget *>(siblings[i]);
            w && w->isVisible() && !w->testAttribute(Qt::WA_TransparentForMouseEvents))
            return true;
    return false;
}

void PresenterOverlay::invalidateLayer()
{
    m_layerValid = false;
    update();
}

void PresenterOverlay::paintLayer()
{
    const qreal dpr = devicePixelRatioF();
    if (m_layer.size() != size() * dpr) {
        m_layer = QPixmap(size() * dpr);
        m_layer.setDevicePixelRatio(dpr);
    }
    m_layer.fill(Qt::transparent);
    QPainter p(&m_layer);
    p.setRenderHint(QPainter::Antialiasing);
    if (m_tool == Tool::Spotlight && !m_spotlight.isEmpty()) {
        const double radius = scaled(14);
        QPainterPath dim;
        dim.addRect(rect());
        dim.addRoundedRect(QRectF(m_spotlight), radius, radius);
        dim.setFillRule(Qt::OddEvenFill);
        p.fillPath(dim, QColor(0, 0, 0, kDimAlpha));
        p.setPen(QPen(QColor(255, 255, 255, 220), scaled(2.5)));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(QRectF(m_spotlight), radius, radius);
    }
    if (!m_strokes.empty()) {
        p.setPen(QPen(rgbColor(kInkRgb), scaled(6), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(Qt::NoBrush);
        for (const QPainterPath &stroke : m_strokes)
            p.drawPath(stroke);
    }
    m_layerValid = true;
}

void PresenterOverlay::paintCountdown(QPainter &p)
{
    const QString text = countdownText();
    if (text.isEmpty())
        return;
    QFont f = font();
    f.setPixelSize(qRound(scaled(44)));
    f.setBold(true);
    const QFontMetrics fm(f);
    const double pad = scaled(16);
    const QSizeF box(std::max(fm.horizontalAdvance(text), fm.horizontalAdvance(QStringLiteral("00:00"))) + 2 * pad,
                     fm.height() + 2 * pad + scaled(6));
    const QRectF r(width() - box.width() - scaled(24), scaled(24), box.width(), box.height());
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0, 0, 0, 200));
    p.drawRoundedRect(r, scaled(10), scaled(10));
    const qint64 left = m_countdownEnd - m_clock();
    const bool late = left <= qint64{kLastSeconds} * 1000;
    p.setFont(f);
    p.setPen(late ? rgbColor(kInkRgb).lighter(130) : QColor(Qt::white));
    p.drawText(r.adjusted(pad, pad, -pad, -pad - scaled(6)), Qt::AlignCenter, text);
    // What is left, as a bar along the bottom of the box.
    const double fraction = std::clamp(static_cast<double>(left) / (m_countdownSeconds * 1000.0), 0.0, 1.0);
    p.setBrush(late ? rgbColor(kInkRgb) : QColor(255, 255, 255, 200));
    p.drawRect(QRectF(r.left() + pad, r.bottom() - pad, (r.width() - 2 * pad) * fraction, scaled(5)));
}

void PresenterOverlay::paintCaption(QPainter &p)
{
    const QString text = caption();
    if (text.isEmpty())
        return;
    QFont f = font();
    f.setPixelSize(qRound(scaled(30)));
    const QFontMetrics fm(f);
    const double padX = scaled(22), padY = scaled(10);
    const int advance = fm.horizontalAdvance(text) + 2; // a pixel either side: rounding never elides it
    const double w = std::min<double>(advance + 2 * padX, width() - scaled(40));
    const QRectF r((width() - w) / 2, height() - fm.height() - 2 * padY - scaled(36), w, fm.height() + 2 * padY);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0, 0, 0, 205));
    p.drawRoundedRect(r, r.height() / 2, r.height() / 2);
    p.setFont(f);
    p.setPen(Qt::white);
    const int room = qRound(w - 2 * padX);
    p.drawText(r, Qt::AlignCenter | Qt::TextSingleLine,
               advance <= room ? text : fm.elidedText(text, Qt::ElideRight, room));
}

void PresenterOverlay::mousePressEvent(QMouseEvent *event)
{
    const QPoint at = event->position().toPoint();
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    m_dragFrom = at;
    m_dragging = true;
    if (m_tool == Tool::Pen) {
        QPainterPath stroke(at);
        stroke.lineTo(QPointF(at) + QPointF(0.01, 0)); // a click leaves a dot
        m_strokes.push_back(stroke);
        invalidateLayer();
    }
}

void PresenterOverlay::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint at = event->position().toPoint();
    if (m_tool == Tool::Pointer) {
        // Only where the dot was and where it is now.
        const int r = qCeil(scaled(11) + scaled(2.5)) + 2;
        update(QRect(m_pointer, QSize()).adjusted(-r, -r, r, r));
        m_pointer = at;
        update(QRect(m_pointer, QSize()).adjusted(-r, -r, r, r));
    }
    if (!m_dragging)
        return;
    if (m_tool == Tool::Pen && !m_strokes.empty()) {
        m_strokes.back().lineTo(at);
        invalidateLayer();
    } else if (m_tool == Tool::Spotlight && (at - m_dragFrom).manhattanLength() >= kDragPixels) {
        setSpotlight(QRect(m_dragFrom, at));
    }
}

void PresenterOverlay::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_dragging || event->button() != Qt::LeftButton)
        return QWidget::mouseReleaseEvent(event);
    m_dragging = false;
    const QPoint at = event->position().toPoint();
    if (m_tool == Tool::Spotlight && (at - m_dragFrom).manhattanLength() < kDragPixels && !m_spotlight.isEmpty()) {
        QRect moved = m_spotlight;
        moved.moveCenter(at); // a click moves the lit region there
        setSpotlight(moved);
    }
    if (m_tool == Tool::Pen)
        Q_EMIT changed();
}

bool PresenterOverlay::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget()) {
        switch (event->type()) {
        case QEvent::Resize:
            setGeometry(parentWidget()->rect());
            if (!m_spotlight.isEmpty())
                m_spotlight = m_spotlight.intersected(rect());
            invalidateLayer();
            break;
        case QEvent::ChildAdded:
        case QEvent::LayoutRequest:
            // Above docks added later; raising repaints the whole window, so only when needed.
            if (isVisible() && coveredBySibling())
                raise();
            break;
        default: break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace conviz::gui
