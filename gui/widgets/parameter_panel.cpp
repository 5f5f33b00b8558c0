#include "gui/widgets/parameter_panel.h"

#include "engine/scenario/parameters.h"
#include "gui/core/simulation_controller.h"
#include "gui/widgets/palette.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSlider>
#include <QVBoxLayout>

#include <cmath>
#include <map>

namespace conviz::gui {
// What a request holds in memory: a bare task or a server connection with its buffers
// (memory.per): the three connection sizes appear as knobs when it is "connection".
void ParameterPanel::addMemoryChoice(QGridLayout *grid, int &line)
{
    const auto info = conviz::scenario::findChoice("memory.per");
    const auto current = conviz::scenario::choiceValue("memory.per", m_controller.scenario());
    if (!info || !current)
        return;
    auto *label = new QLabel(QString::fromStdString(info->label), m_body);
    auto *per = new QComboBox(m_body);
    per->setObjectName(QStringLiteral("choice:memory.per"));
    for (const std::string &name : info->choices)
        per->addItem(name == "connection" ? QStringLiteral("An idle connection, with its buffers")
                     : name == "task"     ? QStringLiteral("A bare task (stack and runtime record)")
                                          : QString::fromStdString(name),
                     QString::fromStdString(name));
    per->setCurrentIndex(per->findData(QString::fromStdString(*current)));
    const QString tip = QString::fromStdString(info->description);
    label->setToolTip(tip);
    per->setToolTip(tip);
    connect(per, &QComboBox::currentIndexChanged, this, [this, per](int i) {
        const QString error = m_controller.setChoice(QStringLiteral("memory.per"), per->itemData(i).toString());
        m_error->setText(error);
        m_error->setVisible(!error.isEmpty());
    });
    grid->addWidget(label, line++, 0, 1, 2);
    grid->addWidget(per, line++, 0, 1, 2);
}

ParameterPanel::ParameterPanel(SimulationController &controller, QWidget *parent)
    : QWidget(parent), m_controller(controller)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    outer->addWidget(m_scroll, 1);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b03000; padding: 2px 6px;"));
    m_error->hide();
    outer->addWidget(m_error);
    auto *reset = new QPushButton(QStringLiteral("Reset to the preset's values"), this);
    reset->setToolTip(QStringLiteral("Undo every parameter change since the scenario was opened or saved"));
    outer->addWidget(reset);
    connect(reset, &QPushButton::clicked, &m_controller, &SimulationController::resetToBaseline);
    connect(&m_controller, &SimulationController::knobsChanged, this, &ParameterPanel::rebuild);
    connect(&m_controller, &SimulationController::scenarioChanged, this, &ParameterPanel::syncValues);
    connect(&m_controller, &SimulationController::modifiedChanged, reset, &QWidget::setEnabled);
    reset->setEnabled(m_controller.isModified());
    rebuild();
}

QSlider *ParameterPanel::sliderFor(const QString &id) const
{
    for (const Row &r : m_knobRows)
        if (r.id == id)
            return r.slider;
    return nullptr;
}

void ParameterPanel::rebuild()
{
    // A fresh body: the old one (rows, nested grids and all) goes at once.
    m_knobRows.clear();
    auto *body = new QWidget(m_scroll);
    m_rows = new QVBoxLayout(body);
    m_rows->setContentsMargins(6, 0, 10, 4);
    m_rows->setSpacing(2);
    if (QWidget *old = m_scroll->takeWidget())
        old->deleteLater(); // rebuild may run inside a signal of one of its widgets
    m_body = body;
    std::vector<QString> order;
    std::map<QString, std::vector<const Knob *>> groups;
    for (const Knob &k : m_controller.knobs()) {
        if (!groups.count(k.group))
            order.push_back(k.group);
        groups[k.group].push_back(&k);
    }
    for (const QString &group : order) {
        auto *title = new QLabel(group, m_body);
        title->setFont(sizedFont(title->font(), 0.5, true));
        title->setStyleSheet(QStringLiteral("padding-top: 8px; color: #333;"));
        m_rows->addWidget(title);
        auto *grid = new QGridLayout;
        grid->setContentsMargins(0, 0, 0, 0);
        grid->setHorizontalSpacing(6);
        grid->setVerticalSpacing(1);
        int line = 0;
        if (group == QStringLiteral("OS threads")) {
            auto *mode = new QComboBox(m_body);
            mode->addItem(QStringLiteral("A new thread per request"));
            mode->addItem(QStringLiteral("A fixed pool of threads"));
            mode->setCurrentIndex(m_controller.scenario().threads.mode == ThreadMode::Pool ? 1 : 0);
            mode->setToolTip(QStringLiteral("Thread per request (the classic blocking server) or a bounded pool "
                                            "with a queue (an executor)"));
            connect(mode, &QComboBox::currentIndexChanged, this, [this](int i) {
                const QString error = m_controller.setThreadMode(i == 1 ? ThreadMode::Pool : ThreadMode::PerRequest);
                m_error->setText(error);
                m_error->setVisible(!error.isEmpty());
            });
            grid->addWidget(mode, line++, 0, 1, 2);
        }
        if (group == QStringLiteral("Request"))
            addMemoryChoice(grid, line);
        for (const Knob *k : groups[group]) {
            auto *label = new QLabel(k->label, m_body);
            label->setToolTip(k->tooltip);
            auto *slider = new QSlider(Qt::Horizontal, m_body);
            slider->setObjectName(QStringLiteral("knob:") + k->id);
            slider->setRange(0, k->sliderSteps());
            slider->setToolTip(k->tooltip);
            auto *spin = new QDoubleSpinBox(m_body);
            spin->setDecimals(k->decimals);
            spin->setRange(k->min / k->displayDivisor, k->max / k->displayDivisor);
            spin->setSuffix(k->suffix);
            spin->setToolTip(k->tooltip);
            spin->setKeyboardTracking(false);
            spin->setGroupSeparatorShown(true);
            spin->setMinimumWidth(104);
            spin->setAlignment(Qt::AlignRight);
            grid->addWidget(label, line, 0, 1, 2);
            grid->addWidget(slider, line + 1, 0);
            grid->addWidget(spin, line + 1, 1);
            line += 2;
            const QString id = k->id;
            connect(slider, &QSlider::valueChanged, this, [this, id](int pos) {
                if (const Knob *knob = findKnob(m_controller.knobs(), id))
                    apply(id, knob->sliderValue(pos));
            });
            connect(slider, &QSlider::sliderPressed, &m_controller, &SimulationController::dragStarted);
            connect(slider, &QSlider::sliderReleased, &m_controller, &SimulationController::editFinished);
            connect(spin, &QDoubleSpinBox::valueChanged, this, [this, id](double shown) {
                if (const Knob *knob = findKnob(m_controller.knobs(), id))
                    apply(id, shown * knob->displayDivisor);
            });
            m_knobRows.push_back({id, slider, spin});
        }
        grid->setColumnStretch(0, 1);
        m_rows->addLayout(grid);
    }
    m_rows->addStretch(1);
    m_scroll->setWidget(m_body);
    syncValues();
}

void ParameterPanel::apply(const QString &id, double value)
{
    const QString error = m_controller.setKnob(id, value);
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    if (!error.isEmpty())
        syncValues(); // show the value that is in force
}

void ParameterPanel::syncValues()
{
    const Scenario &s = m_controller.scenario();
    for (const Row &r : m_knobRows) {
        const Knob *k = findKnob(m_controller.knobs(), r.id);
        if (!k)
            continue;
        const double v = k->get(s);
        const QSignalBlocker a(r.slider), b(r.spin);
        if (!r.slider->isSliderDown())
            r.slider->setValue(k->sliderPosition(v));
        r.spin->setValue(v / k->displayDivisor);
    }
}

} // namespace conviz::gui
