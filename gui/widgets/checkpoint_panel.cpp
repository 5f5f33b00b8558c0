#include "gui/widgets/checkpoint_panel.h"

#include "engine/scenario/checkpoint.h"
#include "gui/core/run_snapshot.h"
#include "gui/widgets/checkpoint_veil.h"
#include "gui/widgets/palette.h"

#include <QApplication>
#include <QBoxLayout>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace conviz::gui {
namespace {

constexpr std::uint32_t kTourRgb = 0xCC79A7;  // Okabe–Ito reddish purple: the tour's, and the room's guess
constexpr std::uint32_t kTruthRgb = 0x000000; // the run's value: ink, the strongest mark
constexpr int kSliderSteps = 200;

QString fromUtf8(const std::string &text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QLabel *wrapped(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::NoTextInteraction);
    return label;
}

} // namespace

// The guess's range as a line, the room's guess and the run's value marked on it.
class GuessScale : public QWidget {
public:
    explicit GuessScale(QWidget *parent) : QWidget(parent) { setMinimumHeight(sizeHint().height()); }
    void set(const scenario::Checkpoint &c, const CheckpointReveal &r)
    {
        m_min = fromUtf8(scenario::formatGuess(c, c.min));
        m_max = fromUtf8(scenario::formatGuess(c, c.max));
        m_guess = r.guessAt;
        m_actual = r.actualAt;
        update();
    }
    QSize sizeHint() const override { return {200, fontMetrics().height() * 3 + 12}; }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        const QFontMetrics fm = fontMetrics();
        const int left = 8;
        const int right = width() - 8;
        const int y = fm.height() + 6;
        p.setPen(QPen(mutedInk(), 2));
        p.drawLine(left, y, right, y);
        p.drawText(QRect(left, y + 6, right - left, fm.height()), Qt::AlignLeft, m_min);
        p.drawText(QRect(left, y + 6, right - left, fm.height()), Qt::AlignRight, m_max);
        const auto mark = [&](double at, QColor colour, const QString &label, bool above) {
            const int x = left + static_cast<int>(std::lround(at * (right - left)));
            p.setPen(QPen(colour, 4));
            p.drawLine(x, y - 8, x, y + 8);
            p.setPen(colour);
            const int w = fm.horizontalAdvance(label);
            const int tx = std::clamp(x - w / 2, 0, std::max(0, width() - w));
            p.drawText(QRect(tx, above ? 0 : y + 6 + fm.height(), w, fm.height()), Qt::AlignLeft, label);
        };
        if (m_guess)
            mark(*m_guess, rgbColor(kTourRgb).darker(130), QStringLiteral("your guess"), true);
        mark(m_actual, rgbColor(kTruthRgb), QStringLiteral("the run"), false);
    }

private:
    QString m_min;
    QString m_max;
    std::optional<double> m_guess;
    double m_actual = 0;
};

CheckpointPanel::CheckpointPanel(Resolver resolve, QWidget *parent) : QWidget(parent), m_resolve(std::move(resolve))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 4);
    m_guessCaption = wrapped(this);
    layout->addWidget(m_guessCaption);
    // One row where the panel is wide enough (presentation mode), a column where it is not.
    m_inputs = new QBoxLayout(QBoxLayout::TopToBottom);
    layout->addLayout(m_inputs);
    for (int i = 0; i < 3; ++i) {
        auto *b = new QPushButton(this);
        b->setCheckable(true);
        b->setFocusPolicy(Qt::NoFocus); // a clicker's Space must not press it
        connect(b, &QPushButton::clicked, this, [this, i] { choose(i); });
        m_inputs->addWidget(b);
        m_choices.push_back(b);
    }
    m_guessRow = new QWidget(this);
    auto *row = new QHBoxLayout(m_guessRow);
    row->setContentsMargins(0, 0, 0, 0);
    m_slider = new QSlider(Qt::Horizontal, m_guessRow);
    m_slider->setRange(0, kSliderSteps);
    m_slider->setFocusPolicy(Qt::NoFocus); // ↑ ↓ move it from anywhere (eventFilter)
    m_slider->setMinimumWidth(120);
    m_spin = new QDoubleSpinBox(m_guessRow);
    m_spin->setFocusPolicy(Qt::ClickFocus);
    row->addWidget(m_slider, 1);
    row->addWidget(m_spin);
    m_inputs->addWidget(m_guessRow, 1);
    connect(m_slider, &QSlider::valueChanged, this, [this](int v) {
        if (m_checkpoint)
            setGuess(m_checkpoint->min + (m_checkpoint->max - m_checkpoint->min) * v / kSliderSteps);
    });
    connect(m_spin, &QDoubleSpinBox::valueChanged, this, [this](double v) { setGuess(v); });
    m_reveal = new QPushButton(QStringLiteral("Reveal (Enter)"), this);
    m_reveal->setFocusPolicy(Qt::NoFocus);
    m_reveal->setToolTip(QStringLiteral("Uncover the views and set the prediction against the result (Enter or R)"));
    connect(m_reveal, &QPushButton::clicked, this, &CheckpointPanel::reveal);
    m_inputs->addWidget(m_reveal);
    m_scale = new GuessScale(this);
    layout->addWidget(m_scale);
    hide();
}

void CheckpointPanel::arrangeInputs()
{
    int wanted = 0;
    for (int i = 0; i < m_inputs->count(); ++i)
        if (QWidget *w = m_inputs->itemAt(i)->widget(); w && !w->isHidden())
            wanted += w->sizeHint().width() + m_inputs->spacing();
    const auto direction = wanted <= width() ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom;
    if (m_inputs->direction() != direction)
        m_inputs->setDirection(direction);
}

void CheckpointPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrangeInputs();
}

CheckpointPanel::~CheckpointPanel()
{
    qApp->removeEventFilter(this);
    clearOverlays();
}

void CheckpointPanel::setCheckpoint(const std::optional<scenario::Checkpoint> &checkpoint)
{
    qApp->removeEventFilter(this);
    clearOverlays();
    m_checkpoint = checkpoint;
    m_snapshot.reset();
    m_prediction.reset();
    m_revealed = false;
    if (!m_checkpoint) {
        hide();
        return;
    }
    const scenario::Checkpoint &c = *m_checkpoint;
    const bool choice = c.kind == scenario::Checkpoint::Kind::Choice;
    for (std::size_t i = 0; i < m_choices.size(); ++i) {
        QPushButton *b = m_choices[i];
        b->setVisible(choice && i < c.choices.size());
        b->setChecked(false);
        if (choice && i < c.choices.size())
            b->setText(QStringLiteral("%1   %2").arg(i + 1).arg(checkpointChoiceLabel(c.choices[i])));
    }
    m_guessRow->setVisible(!choice);
    m_guessCaption->setVisible(!choice);
    if (!choice) {
        m_guessCaption->setText(QStringLiteral("Your guess%1 (↑ ↓ or drag):")
                                    .arg(c.unit.empty() ? QString() : QStringLiteral(", in ") + fromUtf8(c.unit)));
        m_slider->setToolTip(guessCaption(c));
        const QSignalBlocker blockSpin(m_spin);
        const QSignalBlocker blockSlider(m_slider);
        const double step = (c.max - c.min) / kSliderSteps;
        m_spin->setDecimals(step >= 1 ? 0 : step >= 0.1 ? 1 : 2);
        m_spin->setRange(c.min, c.max);
        m_spin->setSingleStep(step);
        m_spin->setSuffix(c.unit.empty() ? QString() : QStringLiteral(" ") + fromUtf8(c.unit));
        m_spin->setValue((c.min + c.max) / 2);
        m_slider->setValue(kSliderSteps / 2);
    }
    m_reveal->show();
    m_scale->hide();
    m_verdict.clear();
    m_values.clear();
    show();
    arrangeInputs();
    veil();
    qApp->installEventFilter(this);
}

void CheckpointPanel::setResult(std::shared_ptr<const RunSnapshot> snapshot)
{
    if (!m_checkpoint)
        return;
    m_snapshot = std::move(snapshot);
    if (m_revealed)
        showOutcome();
}

void CheckpointPanel::layoutChanged()
{
    if (m_checkpoint && !m_revealed)
        veil();
}

void CheckpointPanel::clearOverlays()
{
    // Guarded: closing the window may have deleted them with it already.
    for (const QPointer<CheckpointVeil> &v : m_veils)
        delete v.data();
    m_veils.clear();
    delete m_badge.data();
    m_badge = nullptr;
}

void CheckpointPanel::veil()
{
    clearOverlays();
    for (const scenario::TourFocus &f : m_checkpoint->hide)
        if (QWidget *target = m_resolve(f))
            m_veils.push_back(new CheckpointVeil(target));
}

void CheckpointPanel::choose(int index)
{
    if (!m_checkpoint || m_revealed || m_checkpoint->kind != scenario::Checkpoint::Kind::Choice || index < 0 ||
        index >= static_cast<int>(m_checkpoint->choices.size()))
        return;
    m_prediction = index;
    for (std::size_t i = 0; i < m_choices.size(); ++i)
        m_choices[i]->setChecked(static_cast<int>(i) == index);
}

void CheckpointPanel::setGuess(double value)
{
    if (!m_checkpoint || m_revealed || m_checkpoint->kind != scenario::Checkpoint::Kind::Guess)
        return;
    const scenario::Checkpoint &c = *m_checkpoint;
    value = std::clamp(value, c.min, c.max);
    m_prediction = value;
    const QSignalBlocker blockSpin(m_spin);
    const QSignalBlocker blockSlider(m_slider);
    m_spin->setValue(value);
    m_slider->setValue(static_cast<int>(std::lround((value - c.min) / (c.max - c.min) * kSliderSteps)));
}

void CheckpointPanel::stepGuess(int steps)
{
    const scenario::Checkpoint &c = *m_checkpoint;
    const double step = (c.max - c.min) / kSliderSteps;
    const double from = m_prediction.value_or(m_spin->value());
    setGuess(from + steps * step);
}

void CheckpointPanel::reveal()
{
    if (!m_checkpoint || m_revealed)
        return;
    m_revealed = true;
    clearOverlays();
    // The inputs make room for the outcome, which the tour's text now says (and the scale draws).
    for (QPushButton *b : m_choices)
        b->hide();
    m_guessRow->hide();
    m_guessCaption->hide();
    m_reveal->hide();
    qApp->removeEventFilter(this);
    showOutcome();
}

void CheckpointPanel::showOutcome()
{
    const scenario::Checkpoint &c = *m_checkpoint;
    if (!m_snapshot) {
        m_verdict = QStringLiteral("Waiting for the run…");
        Q_EMIT textChanged();
        return;
    }
    const CheckpointReveal r = revealCheckpoint(c, *m_snapshot, m_prediction);
    m_verdict = (r.right ? QStringLiteral("✓ ") : QString()) + r.verdict;
    m_values = r.values;
    m_scale->setVisible(c.kind == scenario::Checkpoint::Kind::Guess);
    if (c.kind == scenario::Checkpoint::Kind::Guess)
        m_scale->set(c, r);
    delete m_badge.data();
    m_badge = nullptr;
    const scenario::TourFocus headline{scenario::TourFocus::Pane::Column, r.answerModel,
                                       scenario::TourFocus::View::Headline};
    if (QWidget *target = m_resolve(headline))
        m_badge = new PredictionBadge(target, r.badge);
    Q_EMIT textChanged();
    Q_EMIT revealed();
}

std::vector<CheckpointVeil *> CheckpointPanel::veils() const
{
    std::vector<CheckpointVeil *> out;
    for (const QPointer<CheckpointVeil> &v : m_veils)
        if (v)
            out.push_back(v.data());
    return out;
}

PredictionBadge *CheckpointPanel::badge() const { return m_badge; }

QString CheckpointPanel::verdict() const { return m_revealed ? m_verdict : QString(); }

QString CheckpointPanel::why() const { return m_revealed && m_checkpoint ? fromUtf8(m_checkpoint->why) : QString(); }

QString CheckpointPanel::text() const
{
    if (!m_checkpoint)
        return {};
    QString text = fromUtf8(m_checkpoint->question);
    if (!m_revealed)
        return text;
    text += QStringLiteral("\n\n**%1**").arg(m_verdict);
    if (!m_values.isEmpty())
        text += QStringLiteral("\n\n%1").arg(m_values);
    return text + QStringLiteral("\n\n") + fromUtf8(m_checkpoint->why);
}

bool CheckpointPanel::eventFilter(QObject *watched, QEvent *event)
{
    const QEvent::Type type = event->type();
    if (!m_checkpoint || m_revealed || (type != QEvent::KeyPress && type != QEvent::ShortcutOverride))
        return QWidget::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    const auto *widget = qobject_cast<QWidget *>(watched);
    if (widget == nullptr || widget->window() != window() ||
        (key->modifiers() & ~(Qt::KeypadModifier | Qt::ShiftModifier)) != Qt::NoModifier)
        return QWidget::eventFilter(watched, event);
    const bool choice = m_checkpoint->kind == scenario::Checkpoint::Kind::Choice;
    const int k = key->key();
    const int count = static_cast<int>(m_checkpoint->choices.size());
    const bool mine = k == Qt::Key_Return || k == Qt::Key_Enter || k == Qt::Key_R ||
                      (choice && k >= Qt::Key_1 && k < Qt::Key_1 + count) ||
                      (!choice && (k == Qt::Key_Up || k == Qt::Key_Down));
    if (!mine)
        return QWidget::eventFilter(watched, event);
    event->accept();
    if (type == QEvent::ShortcutOverride)
        return true; // before any shortcut: ↑ ↓ and digits are the room's now
    if (k == Qt::Key_Return || k == Qt::Key_Enter || k == Qt::Key_R)
        reveal();
    else if (choice)
        choose(k - Qt::Key_1);
    else
        stepGuess((k == Qt::Key_Up ? 1 : -1) * ((key->modifiers() & Qt::ShiftModifier) ? 10 : 1));
    return true;
}

} // namespace conviz::gui
