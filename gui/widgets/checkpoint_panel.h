// A tour checkpoint in the tour panel (docs/tours.md, "Checkpoints"): the question, the room's
// input (a button per choice, keys 1–3; or a slider with a spin box, ↑ ↓), and Reveal (Enter or
// R). Until the reveal the views that give the answer away are veiled; after it the veils go, the
// prediction is set against the result (in the panel, on a scale for a guess, and in a badge over
// the answer's view) and the step's "why" follows. Clearing the checkpoint (another step, the
// tour's end) takes every veil and badge away, revealed or not.
#pragma once

#include "engine/scenario/tour_file.h"
#include "gui/core/checkpoint.h"
#include "gui/widgets/checkpoint_veil.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QBoxLayout;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;

namespace conviz::gui {

struct RunSnapshot;
class GuessScale;

class CheckpointPanel : public QWidget {
    Q_OBJECT
public:
    using Resolver = std::function<QWidget *(const scenario::TourFocus &)>;
    explicit CheckpointPanel(Resolver resolve, QWidget *parent = nullptr);
    ~CheckpointPanel() override;

    // Shows `checkpoint` (copied), its views veiled, nothing predicted; nullopt hides the panel and
    // takes every veil and badge away.
    void setCheckpoint(const std::optional<scenario::Checkpoint> &checkpoint);
    // The result of the step's scenario, once the window shows it: the reveal reads it.
    void setResult(std::shared_ptr<const RunSnapshot> snapshot);
    // The views veiled again (the layout changed and a veiled view may be in another dock).
    void layoutChanged();

    bool isActive() const { return m_checkpoint.has_value(); }
    bool isRevealed() const { return m_revealed; }
    // The room's prediction: a choice's index, or a guess in the guess's unit.
    std::optional<double> prediction() const { return m_prediction; }
    void choose(int index);
    void setGuess(double value);
    void reveal();

    std::vector<CheckpointVeil *> veils() const;
    PredictionBadge *badge() const;
    QString verdict() const; // after the reveal: "You said: … — it was …."
    QString why() const;     // after the reveal
    // Markdown for the tour's text: the question; after the reveal the verdict, the values that
    // decide it and the why. In the tour's scrolling text, where a long explanation has room.
    QString text() const;

Q_SIGNALS:
    void revealed();    // the views show and the outcome is on screen
    void textChanged(); // text() says more (the reveal, or the run it waited for)

protected:
    // Installed on the application while a checkpoint waits: 1–3, ↑ ↓, Enter and R.
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void arrangeInputs(); // the inputs in a row if the panel is wide enough, else in a column
    void clearOverlays();
    void veil();
    void showOutcome();
    void stepGuess(int steps);

    Resolver m_resolve;
    std::optional<scenario::Checkpoint> m_checkpoint;
    std::shared_ptr<const RunSnapshot> m_snapshot;
    std::optional<double> m_prediction;
    bool m_revealed = false;
    std::vector<QPointer<CheckpointVeil>> m_veils;
    QPointer<PredictionBadge> m_badge;
    QBoxLayout *m_inputs;
    std::vector<QPushButton *> m_choices;
    QWidget *m_guessRow;
    QLabel *m_guessCaption;
    QSlider *m_slider;
    QDoubleSpinBox *m_spin;
    QPushButton *m_reveal;
    GuessScale *m_scale;
    QString m_verdict;
    QString m_values;
};

} // namespace conviz::gui
