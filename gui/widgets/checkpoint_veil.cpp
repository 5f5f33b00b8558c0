#include "gui/widgets/checkpoint_veil.h"

#include "gui/widgets/palette.h"

#include <QEvent>
#include <QFontInfo>
#include <QFontMetrics>
#include <QPainter>

#include <algorithm>

namespace conviz::gui {
namespace {

constexpr std::uint32_t kTourRgb = 0xCC79A7; // Okabe–Ito reddish purple, the tour's frame

} // namespace

TargetOverlay::TargetOverlay(QWidget *target) : QWidget(target->window()), m_target(target)
{
    watch(true);
    follow();
}

TargetOverlay::~TargetOverlay() { watch(false); }

void TargetOverlay::watch(bool on)
{
    // The target and every widget around it up to the window: a dock resized or a splitter moved
    // moves the target without telling it.
    for (QWidget *w = m_target; w != nullptr; w = w->parentWidget()) {
        if (on)
            w->installEventFilter(this);
        else
            w->removeEventFilter(this);
        if (w == parentWidget())
            break;
    }
}

QRect TargetOverlay::targetRect() const
{
    const QWidget *target = m_target.data();
    if (target == nullptr || target->window() != parentWidget() || !target->isVisibleTo(parentWidget()) ||
        !parentWidget()->isVisible() || !target->isVisible())
        return {};
    return QRect(target->mapTo(parentWidget(), QPoint(0, 0)), target->size());
}

void TargetOverlay::follow()
{
    const QRect r = targetRect();
    if (r.isEmpty()) {
        hide();
        return;
    }
    setGeometry(placed(r));
    show();
    raise();
    update();
}

bool TargetOverlay::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::Resize:
    case QEvent::Move:
    case QEvent::Show:
    case QEvent::Hide:
    case QEvent::ShowToParent:
    case QEvent::HideToParent:
    case QEvent::LayoutRequest:
    case QEvent::ParentChange: follow(); break;
    default: break;
    }
    return QWidget::eventFilter(watched, event);
}

CheckpointVeil::CheckpointVeil(QWidget *target) : TargetOverlay(target)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setToolTip(QStringLiteral("Hidden until the reveal (Enter)"));
}

void CheckpointVeil::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QColor paper = palette().color(QPalette::Window);
    p.fillRect(rect(), paper);
    p.setPen(QPen(rgbColor(kTourRgb), 2, Qt::DashLine));
    p.drawRect(QRectF(rect()).adjusted(1, 1, -1, -1));
    // The words fit the view: two lines where there is room, one on a low headline.
    // Large enough to read from the back of a room where the view is large (a projector's).
    QFont bold = sizedFont(font(), 1, true);
    bold.setPixelSize(std::clamp(std::min(height() / 7, width() / 18), QFontInfo(bold).pixelSize(), 32));
    const QFontMetrics fm(bold);
    const QString title = QStringLiteral("Hidden until the reveal");
    const QString how = QStringLiteral("Make your prediction, then Enter");
    p.setFont(bold);
    p.setPen(rgbColor(kTourRgb).darker(140));
    const bool twoLines = height() >= fm.height() * 3;
    QRect top = rect();
    if (twoLines)
        top.setBottom(rect().center().y());
    const Qt::Alignment align = Qt::AlignHCenter | (twoLines ? Qt::AlignBottom : Qt::AlignVCenter);
    p.drawText(top.adjusted(6, 0, -6, 0), static_cast<int>(align.toInt()),
               fm.elidedText(title, Qt::ElideRight, width() - 12));
    if (twoLines) {
        p.setFont(font());
        p.setPen(mutedInk());
        QRect bottom = rect();
        bottom.setTop(rect().center().y() + 4);
        p.drawText(bottom.adjusted(6, 0, -6, 0), Qt::AlignHCenter | Qt::AlignTop,
                   QFontMetrics(font()).elidedText(how, Qt::ElideRight, width() - 12));
    }
}

PredictionBadge::PredictionBadge(QWidget *target, const QString &text) : TargetOverlay(target), m_text(text)
{
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setToolTip(text);
    follow();
}

QRect PredictionBadge::placed(const QRect &target) const
{
    const QFontMetrics fm(sizedFont(font(), 1, true));
    const int h = std::min(target.height(), fm.height() + 10);
    return QRect(target.left(), target.bottom() - h + 1, target.width(), h);
}

void PredictionBadge::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(rgbColor(kTourRgb), 2));
    p.setBrush(tint(rgbColor(kTourRgb), 0.85));
    p.drawRoundedRect(QRectF(rect()).adjusted(1, 1, -1, -1), 4, 4);
    const QFont bold = sizedFont(font(), 1, true);
    p.setFont(bold);
    p.setPen(inkColor());
    p.drawText(rect().adjusted(8, 0, -8, 0), Qt::AlignVCenter | Qt::AlignLeft,
               QFontMetrics(bold).elidedText(m_text, Qt::ElideRight, width() - 16));
}

} // namespace conviz::gui
