#include "gui/widgets/tour_panel.h"

#include "gui/core/knobs.h"
#include "gui/core/playback_state.h"
#include "gui/core/simulation_controller.h"
#include "gui/widgets/charts_pane.h"
#include "gui/widgets/checkpoint_panel.h"
#include "gui/widgets/palette.h"

#include <QApplication>
#include <QDockWidget>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QPalette>
#include <QPushButton>
#include <QTabWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <cmath>

namespace conviz::gui {
namespace {

constexpr std::uint32_t kTourRgb = 0xCC79A7; // Okabe–Ito reddish purple: no model wears it

// What a key does in a tour: +1 next step, -1 previous, 0 nothing. Presenter clickers send Page
// Down / Page Up, some Right / Left or Space; a modifier makes it someone's shortcut, not a click.
int tourDirection(const QKeyEvent &key)
{
    if ((key.modifiers() & ~Qt::KeypadModifier) != Qt::NoModifier)
        return 0;
    switch (key.key()) {
    case Qt::Key_PageDown:
    case Qt::Key_Right:
    case Qt::Key_Space: return 1;
    case Qt::Key_PageUp:
    case Qt::Key_Left: return -1;
    default: return 0;
    }
}

QDockWidget *dockOf(QWidget *w)
{
    for (; w != nullptr; w = w->parentWidget())
        if (auto *dock = qobject_cast<QDockWidget *>(w))
            return dock;
    return nullptr;
}

} // namespace

TourHighlight::TourHighlight(QWidget *window) : QWidget(window)
{
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
    window->installEventFilter(this);
    hide();
}

void TourHighlight::setTarget(QWidget *target)
{
    if (m_target)
        m_target->removeEventFilter(this);
    m_target = target;
    if (m_target)
        m_target->installEventFilter(this);
    setGeometry(parentWidget()->rect());
    setVisible(m_target != nullptr);
    raise();
    update();
}

QRect TourHighlight::frame() const
{
    const QWidget *target = m_target.data();
    if (target == nullptr || target->isHidden() || !target->isVisibleTo(parentWidget()))
        return {};
    const QPoint topLeft = target->mapTo(parentWidget(), QPoint(0, 0));
    return QRect(topLeft, target->size()).adjusted(-2, -2, 2, 2);
}

void TourHighlight::paintEvent(QPaintEvent *)
{
    const QRect r = frame();
    if (r.isEmpty())
        return;
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(rgbColor(kTourRgb), 3.5));
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(QRectF(r).adjusted(1.5, 1.5, -1.5, -1.5), 6, 6);
}

bool TourHighlight::eventFilter(QObject *watched, QEvent *event)
{
    if (!m_target) // hidden: the window's events pass untouched
        return QWidget::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::Resize:
    case QEvent::Move:
    case QEvent::Show:
    case QEvent::Hide:
    case QEvent::LayoutRequest:
        if (watched == parentWidget())
            setGeometry(parentWidget()->rect());
        raise();
        update();
        break;
    default: break;
    }
    return QWidget::eventFilter(watched, event);
}

TourPanel::TourPanel(SimulationController &controller, PlaybackState &playback, ChartsPane &charts, Resolver resolve,
                     TourHighlight &highlight, QWidget *parent)
    : QWidget(parent),
      m_controller(controller),
      m_playback(playback),
      m_charts(charts),
      m_resolve(std::move(resolve)),
      m_highlight(highlight)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 8);
    m_title = new QLabel(this);
    m_title->setWordWrap(true);
    m_title->setFont(sizedFont(font(), 2, true));
    m_counter = new QLabel(this);
    // A palette, not a style sheet: a widget with a style sheet stops inheriting its parent's
    // font, and the counter must grow with the tour's text in presentation mode.
    QPalette muted = m_counter->palette();
    muted.setColor(QPalette::WindowText, mutedInk());
    m_counter->setPalette(muted);
    m_text = new QTextBrowser(this);
    m_text->setOpenExternalLinks(true);
    m_text->setFrameShape(QFrame::NoFrame);
    m_checkpoint = new CheckpointPanel(m_resolve, this);
    connect(m_checkpoint, &CheckpointPanel::textChanged, this, &TourPanel::showText);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    QPalette alert = m_status->palette();
    alert.setColor(QPalette::WindowText, rgbColor(kAlertRgb));
    m_status->setPalette(alert);
    m_status->hide();
    auto *buttons = m_buttons = new QHBoxLayout;
    m_back = new QPushButton(QStringLiteral("‹ Back"), this);
    m_back->setToolTip(QStringLiteral("The previous step (Page Up)"));
    m_next = new QPushButton(QStringLiteral("Next ›"), this);
    m_next->setToolTip(QStringLiteral("The next step (Page Down)"));
    m_next->setDefault(true);
    auto *end = new QPushButton(QStringLiteral("End tour"), this);
    buttons->addWidget(m_back);
    buttons->addWidget(m_next);
    buttons->addStretch(1);
    buttons->addWidget(end);
    layout->addWidget(m_title);
    layout->addWidget(m_counter);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_checkpoint);
    layout->addWidget(m_status);
    layout->addLayout(buttons);
    connect(m_back, &QPushButton::clicked, this, &TourPanel::back);
    connect(m_next, &QPushButton::clicked, this, &TourPanel::next);
    connect(end, &QPushButton::clicked, this, &TourPanel::stop);
    // The buttons must not keep the focus: a clicker's Space would press them (the keys go to the
    // tour anyway, but a focused button would also take Space while no tour runs).
    for (QPushButton *b : {m_back, m_next, end})
        b->setFocusPolicy(Qt::NoFocus);
}

void TourPanel::updateCounter()
{
    if (!m_tour)
        return;
    // Beside the buttons in presentation mode: short, so that the panel stays narrow enough.
    const QString form =
        m_presenting ? QStringLiteral("Step %1 of %2") : QStringLiteral("Step %1 of %2 · Page Down: next");
    m_counter->setText(form.arg(m_step + 1).arg(m_tour->steps.size()));
}

void TourPanel::setPresenting(bool on)
{
    m_presenting = on;
    updateCounter();
    // On a projector the text needs every line of height: the step counter moves into the
    // buttons' row, where the wide panel has room for it.
    auto *column = static_cast<QVBoxLayout *>(layout());
    column->removeWidget(m_counter);
    m_buttons->removeWidget(m_counter);
    if (on)
        m_buttons->insertWidget(2, m_counter);
    else
        column->insertWidget(1, m_counter);
}

void TourPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange)
        m_title->setFont(sizedFont(font(), 2, true));
    QWidget::changeEvent(event);
}

void TourPanel::start(Tour tour)
{
    if (m_tour)
        end(false); // a restart: the sliders go back below, with everything else
    // From the scenario's own values, whatever a user or an earlier tour did to the sliders: the
    // steps' texts are written for them. A reset runs at once, and the first step waits for it.
    m_controller.resetToBaseline();
    // The values the tour's sliders have in the scenario: going back before a `set` restores them.
    m_baseline.clear();
    const std::vector<Knob> knobs = knobsFor(m_controller.baseline());
    for (const TourStep &s : tour.steps)
        for (const auto &[id, value] : s.set)
            if (const Knob *k = findKnob(knobs, id))
                m_baseline.emplace_back(id, k->get(m_controller.baseline()));
    m_title->setText(tour.title);
    m_tour = std::move(tour);
    qApp->installEventFilter(this);
    Q_EMIT started();
    show(0);
}

void TourPanel::stop() { end(true); }

void TourPanel::abandon() { end(false); }

void TourPanel::end(bool restore)
{
    if (!m_tour)
        return;
    qApp->removeEventFilter(this);
    m_tour.reset();
    m_step = -1;
    m_waiting = false;
    m_checkpoint->setCheckpoint(std::nullopt); // no view stays veiled after the tour
    m_highlight.setTarget(nullptr);
    concealRevealed();
    if (restore)
        m_controller.resetToBaseline(); // the scenario as the tour found it in its file
    Q_EMIT finished();
}

bool TourPanel::eventFilter(QObject *watched, QEvent *event)
{
    // Only keys for this window: a dialog or another window keeps its own.
    const QEvent::Type type = event->type();
    if (!m_tour || (type != QEvent::KeyPress && type != QEvent::ShortcutOverride))
        return QWidget::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    const int direction = tourDirection(*key);
    const auto *widget = qobject_cast<QWidget *>(watched);
    if (direction == 0 || widget == nullptr || widget->window() != window())
        return QWidget::eventFilter(watched, event);
    if (type == QEvent::ShortcutOverride) {
        // Claimed before any shortcut sees it (Space plays, the arrows step the clock)...
        event->accept();
        return true;
    }
    // ... and kept from the focused widget (a combo box would change the preset, a slider move).
    if (!key->isAutoRepeat()) {
        if (direction > 0)
            next();
        else
            back();
    }
    return true;
}

void TourPanel::next()
{
    if (!m_tour)
        return;
    if (m_step + 1 >= static_cast<int>(m_tour->steps.size())) {
        stop();
        return;
    }
    show(m_step + 1);
}

void TourPanel::back()
{
    if (m_tour && m_step > 0)
        show(m_step - 1);
}

void TourPanel::show(int index)
{
    m_step = index;
    const TourStep &step = m_tour->steps[static_cast<std::size_t>(index)];
    const int count = static_cast<int>(m_tour->steps.size());
    updateCounter();
    m_text->setMarkdown(step.text);
    m_back->setEnabled(index > 0);
    m_next->setText(index + 1 < count ? QStringLiteral("Next ›") : QStringLiteral("Finish"));

    // The sliders as this step has them; a run follows any change, and the clock waits for it.
    // A knob the scenario lacks (a tour beside the wrong file) is named, and the rest still move.
    m_problem.clear();
    const std::vector<Knob> knobs = knobsFor(m_controller.scenario());
    bool changed = false;
    for (const auto &[id, value] : tourKnobsAt(*m_tour, static_cast<std::size_t>(index), m_baseline)) {
        const Knob *k = findKnob(knobs, id);
        if (!k || std::abs(k->get(m_controller.scenario()) - value) <= 1e-9 * std::max(1.0, std::abs(value)))
            continue;
        if (const QString error = m_controller.setKnob(id, value); !error.isEmpty())
            m_problem = error;
        else
            changed = true;
    }
    for (const auto &[id, value] : step.set)
        if (!findKnob(knobs, id))
            m_problem = QStringLiteral("%1, step %2: this scenario has no slider “%3”")
                            .arg(m_tour->path)
                            .arg(index + 1)
                            .arg(id);
    m_status->setText(m_problem);
    m_status->setVisible(!m_problem.isEmpty());
    if (changed)
        Q_EMIT slidersMoved(); // now, not at stepShown: the window must not show unsaved edits during the run

    if (step.chartTab)
        m_charts.tabs()->setCurrentIndex(*step.chartTab);
    frame(step.focus ? m_resolve(*step.focus) : nullptr);
    m_checkpoint->setCheckpoint(step.checkpoint); // veils the views it names, or takes the last step's away
    showText();
    // The step's instant is read from the result of the scenario as it now is: wait for it if the
    // one shown is older (a run after the sliders moved, or the first run of a file just opened).
    m_waiting = !showsCurrentValues();
    if (!m_waiting)
        arrive();
}

void TourPanel::showText()
{
    if (!m_tour || m_step < 0)
        return;
    // A checkpoint's question, and after the reveal its outcome and why, follow the step's text.
    QString text = m_tour->steps[static_cast<std::size_t>(m_step)].text;
    if (const QString more = m_checkpoint->text(); !more.isEmpty())
        text += (text.isEmpty() ? QString() : QStringLiteral("\n\n")) + more;
    m_text->setMarkdown(text);
}

void TourPanel::frame(QWidget *target)
{
    QDockWidget *dock = dockOf(target);
    if (m_revealed && m_revealed != dock)
        concealRevealed();
    if (dock && dock->isHidden()) {
        // Presentation mode hides the docks a room does not need; this step needs this one, in
        // the text size the tour has.
        dock->setFont(font());
        dock->show();
        m_revealed = dock;
    }
    if (dock && target && !target->isVisible())
        dock->raise(); // behind another dock's tab
    m_highlight.setTarget(target);
}

void TourPanel::concealRevealed()
{
    if (!m_revealed)
        return;
    m_revealed->hide();
    m_revealed->setFont(QFont()); // the window's again
    m_revealed = nullptr;
}

void TourPanel::layoutChanged()
{
    // The new layout decides which docks show: a dock shown for a step is not hidden again, but
    // takes the window's text size back, and the step's target is framed (and revealed) anew.
    if (m_revealed)
        m_revealed->setFont(QFont());
    m_revealed = nullptr;
    if (m_tour && m_step >= 0) {
        const TourStep &step = m_tour->steps[static_cast<std::size_t>(m_step)];
        frame(step.focus ? m_resolve(*step.focus) : nullptr);
    }
    m_checkpoint->layoutChanged();
}

void TourPanel::arrive()
{
    m_waiting = false;
    const auto snapshot = m_controller.latest();
    if (!m_tour || !snapshot)
        return;
    m_checkpoint->setResult(snapshot);
    if (const auto at = tourInstant(m_tour->steps[static_cast<std::size_t>(m_step)], *snapshot)) {
        m_playback.pause();
        m_playback.setFollowing(true); // the timelines centre on the instant
        m_playback.setTime(at->count());
    }
    Q_EMIT stepShown(m_step);
}

bool TourPanel::showsCurrentValues() const
{
    // Not "no run is going": a cancelled run may still be winding down after the newest one is
    // delivered, and nothing arrives when it ends.
    const auto latest = m_controller.latest();
    return latest && latest->scenario == m_controller.scenario();
}

void TourPanel::resultShown()
{
    if (m_tour && m_waiting && showsCurrentValues())
        arrive();
}

} // namespace conviz::gui
