#include "gui/widgets/window_tour.h"

#include "gui/core/callout_placement.h"
#include "gui/widgets/palette.h"

#include <QApplication>
#include <QDockWidget>
#include <QKeyEvent>
#include <QLabel>
#include <QLayout>
#include <QMainWindow>
#include <QPainter>
#include <QPainterPath>
#include <QTextDocumentFragment>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace conviz::gui {
namespace {

// The guided tour's frame colour (tour_panel.cpp): Okabe–Ito reddish purple, which no model wears.
constexpr std::uint32_t kFrameRgb = 0xCC79A7;
constexpr int kDimAlpha = 110; // the rest of the window, dimmed: still legible, plainly behind

// The callout's box: the window's own background and text, edged in the frame colour.
class CalloutBox : public QWidget {
public:
    using QWidget::QWidget;

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(rgbColor(kFrameRgb), 3));
        p.setBrush(palette().color(QPalette::Window));
        p.drawRoundedRect(QRectF(rect()).adjusted(1.5, 1.5, -1.5, -1.5), 8, 8);
    }
};

// The window's dock `w` sits in, if any.
QDockWidget *dockOf(QWidget *w)
{
    for (; w != nullptr && !w->isWindow(); w = w->parentWidget())
        if (auto *d = qobject_cast<QDockWidget *>(w))
            return d;
    return nullptr;
}

// Whether dock `d` is in front of its tab group: Qt moves the docks behind it off the window (to
// negative coordinates), it does not hide them.
bool inFront(const QDockWidget *d) { return d->isVisible() && d->geometry().intersects(d->parentWidget()->rect()); }

// `w`, or the first widget after it in the focus chain that sits inside it, if either takes the
// focus from the keyboard now.
QWidget *focusableIn(QWidget *w)
{
    const auto takes = [](const QWidget *c) {
        return (c->focusPolicy() & Qt::TabFocus) != 0 && c->isVisible() && c->isEnabled();
    };
    if (takes(w))
        return w;
    for (QWidget *c = w->nextInFocusChain(); c != nullptr && c != w; c = c->nextInFocusChain())
        if (w->isAncestorOf(c) && takes(c))
            return c;
    return nullptr;
}

} // namespace

WindowTour::WindowTour(QWidget *window) : QWidget(window)
{
    setObjectName(QStringLiteral("WindowTour"));
    setAttribute(Qt::WA_TransparentForMouseEvents); // a click still reaches the window
    setAttribute(Qt::WA_NoSystemBackground);
    setFocusPolicy(Qt::NoFocus);
    m_callout = new CalloutBox(this);
    m_callout->setObjectName(QStringLiteral("WindowTourCallout"));
    auto *layout = new QVBoxLayout(m_callout);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(6);
    m_title = new QLabel(m_callout);
    m_text = new QLabel(m_callout);
    m_text->setTextFormat(Qt::RichText);
    m_counter = new QLabel(m_callout);
    m_keys = new QLabel(QStringLiteral("→ / Space / Enter: next · ←: back<br>Home / End: first / last · Esc: leave"),
                        m_callout);
    m_keys->setTextFormat(Qt::RichText); // one line break, between the two pairs of keys
    for (QLabel *l : {m_title, m_text, m_counter, m_keys}) {
        l->setWordWrap(true);
        layout->addWidget(l);
    }
    hide();
}

WindowTour::~WindowTour()
{
    if (isActive())
        qApp->removeEventFilter(this);
}

void WindowTour::setStops(std::vector<WindowTourStop> stops) { m_stops = std::move(stops); }

void WindowTour::setTextScale(std::function<double()> scale) { m_scale = std::move(scale); }

void WindowTour::setStartGuard(std::function<QString()> guard) { m_guard = std::move(guard); }

void WindowTour::start()
{
    if (isActive() || m_stops.empty())
        return;
    if (const QString reason = m_guard ? m_guard() : QString(); !reason.isEmpty()) {
        Q_EMIT refused(reason);
        return;
    }
    m_focusBefore = QApplication::focusWidget();
    m_frontTabs.clear();
    if (auto *main = qobject_cast<QMainWindow *>(parentWidget()))
        for (QDockWidget *d : main->findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly))
            if (inFront(d) && !main->tabifiedDockWidgets(d).isEmpty())
                m_frontTabs.emplace_back(d);
    parentWidget()->installEventFilter(this); // its size and layout: the frames and callout follow
    qApp->installEventFilter(this);           // the tour's keys, wherever the focus is in the window
    show(0);
    Q_EMIT started();
}

void WindowTour::stop()
{
    if (!isActive())
        return;
    qApp->removeEventFilter(this);
    parentWidget()->removeEventFilter(this);
    m_current = -1;
    m_parts.clear();
    putBack();
    hide();
    if (m_focusBefore)
        m_focusBefore->setFocus(Qt::OtherFocusReason);
    Q_EMIT finished();
}

void WindowTour::next()
{
    if (!isActive())
        return;
    if (m_current + 1 >= count())
        stop();
    else
        show(m_current + 1);
}

void WindowTour::back()
{
    if (isActive() && m_current > 0)
        show(m_current - 1);
}

void WindowTour::first()
{
    if (isActive())
        show(0);
}

void WindowTour::last()
{
    if (isActive())
        show(count() - 1);
}

void WindowTour::putBack()
{
    for (auto it = m_revealed.rbegin(); it != m_revealed.rend(); ++it)
        if (QWidget *w = it->data(); w != nullptr)
            w->hide();
    m_revealed.clear();
    for (const QPointer<QWidget> &d : m_frontTabs)
        if (QWidget *w = d.data(); w != nullptr && !w->isHidden())
            w->raise(); // in front of its tab group again
}

void WindowTour::reveal(QWidget *part)
{
    // Every hidden widget between the part and the window (a dock presentation mode hid, the
    // menu bar), and the dock's tab if another is in front.
    for (QWidget *w = part; w != nullptr && w != parentWidget(); w = w->parentWidget())
        if (w->isHidden()) {
            m_revealed.emplace_back(w);
            w->show();
        }
    if (QDockWidget *d = dockOf(part); d != nullptr && !inFront(d))
        d->raise();
}

void WindowTour::show(int index)
{
    m_current = index;
    putBack();
    const WindowTourStop &stop = m_stops[static_cast<std::size_t>(index)];
    m_parts = stop.parts ? stop.parts() : std::vector<WindowTourPart>{};
    for (const WindowTourPart &p : m_parts)
        if (p.widget)
            reveal(p.widget);
    // The docks shown and the tabs raised get their geometry now, not at the next turn.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    moveFocusTo(m_parts);

    const double scale = m_scale ? std::max(1.0, m_scale()) : 1.0;
    QFont font = parentWidget()->font();
    font.setPointSizeF(font.pointSizeF() * scale);
    m_callout->setFont(font);
    m_title->setFont(sizedFont(font, 3, true));
    m_text->setText(stop.text ? stop.text() : QString());
    m_counter->setText(QStringLiteral("%1 of %2").arg(index + 1).arg(count()));
    QPalette muted = m_counter->palette();
    muted.setColor(QPalette::WindowText, mutedInk());
    for (QLabel *l : {m_counter, m_keys})
        l->setPalette(muted);
    m_title->setText(stop.title);
    QWidget::show();
    place();
}

void WindowTour::moveFocusTo(const std::vector<WindowTourPart> &parts)
{
    for (const WindowTourPart &p : parts)
        if (p.widget)
            if (QWidget *f = focusableIn(p.widget)) {
                f->setFocus(Qt::TabFocusReason);
                return;
            }
}

std::vector<QRect> WindowTour::frames() const
{
    std::vector<QRect> out;
    const QWidget *window = parentWidget();
    for (const WindowTourPart &p : m_parts) {
        const QWidget *w = p.widget.data();
        if (w == nullptr || !w->isVisibleTo(window))
            continue;
        const QRect local = p.area.isEmpty() ? w->rect() : p.area;
        QRect r(w->mapTo(window, local.topLeft()), local.size());
        // What a scroll area or a splitter shows of it.
        for (const QWidget *a = w->parentWidget(); a != nullptr && a != window; a = a->parentWidget())
            r &= QRect(a->mapTo(window, QPoint(0, 0)), a->size());
        r &= window->rect();
        if (!r.isEmpty())
            out.push_back(r);
    }
    return out;
}

QRect WindowTour::calloutFrame() const { return m_callout->geometry().translated(geometry().topLeft()); }

QString WindowTour::calloutText() const
{
    return QStringList{m_title->text(), QTextDocumentFragment::fromHtml(m_text->text()).toPlainText(),
                       m_counter->text()}
        .join(QLatin1Char('\n'));
}

void WindowTour::place()
{
    if (!isActive())
        return;
    setGeometry(parentWidget()->rect());
    raise();
    CalloutRequest request;
    request.area = rect();
    request.targets = frames();
    const QFontMetrics metrics(m_callout->font());
    request.preferredWidth = metrics.averageCharWidth() * 62;
    request.minWidth = std::min(metrics.averageCharWidth() * 34, rect().width());
    request.margin = 10;
    QLayout *layout = m_callout->layout();
    layout->activate();
    request.heightForWidth = [layout](int width) {
        return std::max(layout->totalHeightForWidth(width), layout->totalMinimumSize().height());
    };
    m_callout->setGeometry(placeCallout(request));
    update();
}

void WindowTour::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    QPainterPath dim;
    dim.addRect(rect());
    QPainterPath lit;
    const std::vector<QRect> targets = frames();
    for (const QRect &r : targets)
        lit.addRoundedRect(QRectF(r).adjusted(-3, -3, 3, 3), 6, 6);
    p.fillPath(dim.subtracted(lit), QColor(0, 0, 0, kDimAlpha));
    p.setPen(QPen(rgbColor(kFrameRgb), lineWidth(3.5)));
    p.setBrush(Qt::NoBrush);
    for (const QRect &r : targets)
        p.drawRoundedRect(QRectF(r).adjusted(-1.5, -1.5, 1.5, 1.5), 6, 6);
}

WindowTour::Key WindowTour::keyOf(const QKeyEvent &key)
{
    if ((key.modifiers() & ~Qt::KeypadModifier) != Qt::NoModifier)
        return Key::None; // Shift+F1 (What's This?) and every shortcut with a modifier stay the window's
    switch (key.key()) {
    case Qt::Key_Right:
    case Qt::Key_Space:
    case Qt::Key_Return:
    case Qt::Key_Enter: return Key::Next;
    case Qt::Key_Left: return Key::Back;
    case Qt::Key_Home: return Key::First;
    case Qt::Key_End: return Key::Last;
    case Qt::Key_Escape: return Key::Leave;
    default: return Key::None;
    }
}

bool WindowTour::eventFilter(QObject *watched, QEvent *event)
{
    const QEvent::Type type = event->type();
    if (watched == parentWidget() && (type == QEvent::Resize || type == QEvent::LayoutRequest)) {
        // Once the window has laid itself out: the parts have their new places then.
        if (!m_placePending) {
            m_placePending = true;
            QTimer::singleShot(0, this, [this] {
                m_placePending = false;
                place();
            });
        }
        return QWidget::eventFilter(watched, event);
    }
    if (!isActive() || (type != QEvent::KeyPress && type != QEvent::ShortcutOverride))
        return QWidget::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    const Key k = keyOf(*key);
    const auto *widget = qobject_cast<QWidget *>(watched);
    // Only this window's keys: a dialog, a menu or another window keeps its own.
    if (k == Key::None || widget == nullptr || widget->window() != window())
        return QWidget::eventFilter(watched, event);
    if (type == QEvent::ShortcutOverride) { // before any shortcut (Space plays, Esc leaves presenting)...
        event->accept();
        return true;
    }
    // ... and kept from the focused widget (a slider would move, a combo box change the preset).
    if (key->isAutoRepeat() && k != Key::Next && k != Key::Back)
        return true;
    switch (k) {
    case Key::Next: next(); break;
    case Key::Back: back(); break;
    case Key::First: first(); break;
    case Key::Last: last(); break;
    case Key::Leave: stop(); break;
    case Key::None: break;
    }
    return true;
}

} // namespace conviz::gui
