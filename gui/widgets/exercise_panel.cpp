#include "gui/widgets/exercise_panel.h"

#include "gui/core/exercise.h"
#include "gui/core/simulation_controller.h"

#include <QCheckBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace conviz::gui {
namespace {

// Okabe–Ito bluish green: done. No model wears it as a text colour here.
constexpr QLatin1StringView kDoneColour("#007a5a"); // #009E73 darkened for text contrast on white (4.9:1)

QLabel *wrapped(const QString &text, Qt::TextFormat format, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(format);
    label->setText(text);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

ExercisePanel::ExercisePanel(SimulationController &controller, QWidget *parent)
    : QWidget(parent), m_controller(controller)
{
    setObjectName(QStringLiteral("exercisePanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list = new QWidget(scroll);
    m_listLayout = new QVBoxLayout(m_list);
    m_listLayout->setContentsMargins(0, 0, 0, 0);
    m_listLayout->addStretch(1);
    scroll->setWidget(m_list);
    layout->addWidget(scroll, 1);

    connect(&m_controller, &SimulationController::knobsChanged, this, &ExercisePanel::reload);
    connect(&m_controller, &SimulationController::resultAvailable, this, &ExercisePanel::check);
    connect(&m_controller, &SimulationController::previewAvailable, this, &ExercisePanel::check);
    reload();
}

bool ExercisePanel::isMet(int index) const { return row(index).check->isChecked(); }
QCheckBox *ExercisePanel::checkBox(int index) const { return row(index).check; }
QLabel *ExercisePanel::statusLabel(int index) const { return row(index).status; }
QPushButton *ExercisePanel::solutionButton(int index) const { return row(index).solutionButton; }
ExercisePanel::Row &ExercisePanel::row(int index) { return m_rows.at(static_cast<std::size_t>(index)); }
const ExercisePanel::Row &ExercisePanel::row(int index) const { return m_rows.at(static_cast<std::size_t>(index)); }
QString ExercisePanel::summary() const { return m_summary->text(); }

void ExercisePanel::reload()
{
    const QString path = m_controller.sourcePath();
    if (path == m_path && !m_rows.empty())
        return;
    m_path = path;
    m_summary->setToolTip(QString());
    for (Row &r : m_rows)
        delete r.check->parentWidget();
    m_rows.clear();
    const ExerciseLoad loaded = path.isEmpty() ? ExerciseLoad{} : loadExercises(path);
    if (!loaded.error.isEmpty())
        m_summary->setToolTip(loaded.error);
    int index = 0;
    for (const scenario::Exercise &e : loaded.exercises) {
        Row row;
        row.exercise = e;
        auto *frame = new QFrame(m_list);
        frame->setFrameShape(QFrame::StyledPanel);
        auto *box = new QVBoxLayout(frame);
        box->setContentsMargins(6, 6, 6, 6);
        box->setSpacing(4);
        row.check = new QCheckBox(QStringLiteral("Exercise %1").arg(index + 1), frame);
        // Ticked by the app only: the user meets the goal, not the box.
        row.check->setAttribute(Qt::WA_TransparentForMouseEvents);
        row.check->setFocusPolicy(Qt::NoFocus);
        QFont bold = row.check->font();
        bold.setBold(true);
        row.check->setFont(bold);
        box->addWidget(row.check);
        box->addWidget(wrapped(QString::fromStdString(e.text), Qt::MarkdownText, frame));
        row.goals = wrapped(QString(), Qt::PlainText, frame);
        row.goals->setForegroundRole(QPalette::PlaceholderText);
        box->addWidget(row.goals);
        row.status = wrapped(QStringLiteral("Waiting for the result…"), Qt::PlainText, frame);
        box->addWidget(row.status);
        auto *buttons = new QHBoxLayout;
        if (!e.hint.empty()) {
            auto *hintButton = new QPushButton(QStringLiteral("Hint"), frame);
            hintButton->setCheckable(true);
            buttons->addWidget(hintButton);
            row.hint = wrapped(QString::fromStdString(e.hint), Qt::MarkdownText, frame);
            row.hint->hide();
            connect(hintButton, &QPushButton::toggled, row.hint, &QWidget::setVisible);
        }
        row.solutionButton = new QPushButton(QStringLiteral("Show a solution"), frame);
        row.solutionButton->setCheckable(true);
        buttons->addWidget(row.solutionButton);
        buttons->addStretch(1);
        box->addLayout(buttons);
        if (row.hint)
            box->addWidget(row.hint);
        row.solution = wrapped(QStringLiteral("One solution: %1").arg(solutionText(e)), Qt::PlainText, frame);
        row.apply = new QPushButton(QStringLiteral("Apply it"), frame);
        row.apply->setToolTip(QStringLiteral("Move the sliders to this solution"));
        auto *solutionRow = new QHBoxLayout;
        solutionRow->addWidget(row.solution, 1);
        solutionRow->addWidget(row.apply, 0, Qt::AlignTop);
        box->addLayout(solutionRow);
        row.solution->hide();
        row.apply->hide();
        connect(row.solutionButton, &QPushButton::toggled, this, [this, index](bool on) {
            this->row(index).solution->setVisible(on);
            this->row(index).apply->setVisible(on);
            this->row(index).solutionButton->setText(on ? QStringLiteral("Hide the solution")
                                                        : QStringLiteral("Show a solution"));
        });
        connect(row.apply, &QPushButton::clicked, this, [this, index] { applySolution(index); });
        m_listLayout->insertWidget(m_listLayout->count() - 1, frame);
        m_rows.push_back(std::move(row));
        ++index;
    }
    updateSummary();
    if (const std::shared_ptr<const RunSnapshot> latest = m_controller.latest())
        check(latest);
}

void ExercisePanel::check(const std::shared_ptr<const RunSnapshot> &snapshot)
{
    // A drag's preview of the first requests only is not the scenario's run: its p99 can meet a goal
    // the whole run misses, or miss one it meets.
    if (!snapshot || snapshot->prefix.partial() || m_rows.empty())
        return;
    // A drag checks every preview, mostly to the same effect: a widget is touched only where its
    // look changes. Setting a style sheet repolishes the label even when the sheet is the same.
    const auto setText = [](auto *widget, const QString &text) {
        if (widget->text() != text)
            widget->setText(text);
    };
    for (int i = 0; i < count(); ++i) {
        Row &r = row(i);
        const ExerciseStatus status = exerciseStatus(r.exercise, *snapshot, m_controller.baseline());
        const bool was = r.check->isChecked();
        r.check->setChecked(status.met);
        setText(r.check, status.met ? QStringLiteral("Exercise %1 — done").arg(i + 1)
                                    : QStringLiteral("Exercise %1").arg(i + 1));
        setText(r.goals, QStringLiteral("Goal: %1").arg(status.goals));
        setText(r.status, status.text);
        const QString style = status.met ? QStringLiteral("color: %1; font-weight: bold;").arg(kDoneColour) : QString();
        if (r.status->styleSheet() != style)
            r.status->setStyleSheet(style);
        if (status.met && !was)
            Q_EMIT exerciseMet(i);
    }
    updateSummary();
}

void ExercisePanel::applySolution(int index)
{
    const scenario::Exercise &e = row(index).exercise;
    for (const scenario::ExerciseSetting &s : e.solution) {
        const QString key = QString::fromStdString(s.key);
        const QString error = s.value ? m_controller.setKnob(key, *s.value)
                                      : m_controller.setChoice(key, QString::fromStdString(s.choice));
        if (!error.isEmpty()) {
            this->row(index).status->setText(error);
            return;
        }
    }
    m_controller.editFinished();
}

void ExercisePanel::updateSummary()
{
    if (m_rows.empty()) {
        m_summary->setText(m_path.isEmpty() || m_summary->toolTip().isEmpty()
                               ? QStringLiteral("This scenario has no exercises. The presets each have two or "
                                                "three (tours/NAME.toml beside the scenario, [[exercise]]).")
                               : QStringLiteral("The exercises of this scenario do not load (hover for why)."));
        return;
    }
    int done = 0;
    for (const Row &r : m_rows)
        done += r.check->isChecked() ? 1 : 0;
    const QString summary = QStringLiteral("<b>Try this</b> — %1 of %2 done. Move the sliders until a goal is met; "
                                           "the box ticks itself.")
                                .arg(done)
                                .arg(count());
    if (m_summary->text() != summary) // rich text: laid out again at every change
        m_summary->setText(summary);
}

} // namespace conviz::gui
