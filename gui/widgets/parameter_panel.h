// The scenario's knobs as sliders with spin boxes and units, grouped, each with a tooltip that
// explains it; a reset to the preset's values. Edits go to the SimulationController, which
// validates them and recomputes off the GUI thread while the slider moves (untraced, then traced).
#pragma once

#include <QWidget>

#include <vector>

class QDoubleSpinBox;
class QLabel;
class QScrollArea;
class QSlider;
class QVBoxLayout;

class QGridLayout;

namespace conviz::gui {

class SimulationController;
struct Knob;

class ParameterPanel : public QWidget {
    Q_OBJECT
public:
    explicit ParameterPanel(SimulationController &controller, QWidget *parent = nullptr);

    // The slider of a knob (object name "knob:<id>"), for tests and keyboard focus.
    QSlider *sliderFor(const QString &id) const;

private:
    struct Row {
        QString id;
        QSlider *slider = nullptr;
        QDoubleSpinBox *spin = nullptr;
    };
    void rebuild();
    void addMemoryChoice(QGridLayout *grid, int &line);
    void syncValues();
    void apply(const QString &id, double value);

    SimulationController &m_controller;
    QScrollArea *m_scroll = nullptr;
    QVBoxLayout *m_rows = nullptr;
    QWidget *m_body = nullptr;
    QLabel *m_error = nullptr;
    std::vector<Row> m_knobRows;
};

} // namespace conviz::gui
