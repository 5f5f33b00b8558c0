// The preset's exercises (docs/tours.md, [[exercise]]): a tab beside the teaching note with each
// "try this" task, its goal and the value now, a hint and a solution behind buttons, and a check box
// that the app ticks when the result on screen meets the goal with the kept keys at the preset's
// values, and unticks when an edit undoes it. The user cannot tick it by hand. Follows the
// controller: a new scenario file brings its own exercises; every result (and each slider preview)
// is checked.
#pragma once

#include "engine/scenario/exercise.h"
#include "gui/core/run_snapshot.h"

#include <QWidget>

#include <memory>
#include <vector>

class QCheckBox;
class QLabel;
class QPushButton;
class QVBoxLayout;

namespace conviz::gui {

class SimulationController;

class ExercisePanel : public QWidget {
    Q_OBJECT
public:
    explicit ExercisePanel(SimulationController &controller, QWidget *parent = nullptr);

    int count() const { return static_cast<int>(m_rows.size()); }
    // Whether exercise `index` is ticked now.
    bool isMet(int index) const;
    // The exercise's check box, status line and solution button (for tests and keyboard focus).
    QCheckBox *checkBox(int index) const;
    QLabel *statusLabel(int index) const;
    QPushButton *solutionButton(int index) const;
    // The line over the list: "1 of 2 done", or why there are no exercises.
    QString summary() const;

Q_SIGNALS:
    void exerciseMet(int index); // ticked by a new result (not when it already was)

private:
    struct Row {
        scenario::Exercise exercise;
        QCheckBox *check = nullptr;
        QLabel *goals = nullptr;
        QLabel *status = nullptr;
        QLabel *hint = nullptr;
        QLabel *solution = nullptr;
        QPushButton *solutionButton = nullptr;
        QPushButton *apply = nullptr;
    };
    Row &row(int index);
    const Row &row(int index) const;
    void reload(); // the controller's scenario file changed: its exercises
    void check(const std::shared_ptr<const RunSnapshot> &snapshot);
    void applySolution(int index);
    void updateSummary();

    SimulationController &m_controller;
    QString m_path; // the scenario file whose exercises are shown
    QLabel *m_summary;
    QWidget *m_list;
    QVBoxLayout *m_listLayout;
    std::vector<Row> m_rows;
};

} // namespace conviz::gui
