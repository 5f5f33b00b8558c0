#include "gui/app/run_progress.h"

#include "gui/core/simulation_controller.h"

#include <QBoxLayout>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>

namespace conviz::gui {
namespace {
constexpr int kSteps = 1000; // the bar's range: a tenth of a percent
} // namespace

RunProgress::RunProgress(QStatusBar &bar, SimulationController &controller)
    : QObject(&bar),
      m_status(bar),
      m_controller(controller),
      m_bar(new QProgressBar(&bar)),
      m_button(new QPushButton(&bar))
{
    m_bar->setObjectName(QStringLiteral("RunProgress"));
    m_bar->setFormat(QStringLiteral("%p %"));
    m_bar->setMaximumWidth(bar.fontMetrics().horizontalAdvance(QLatin1Char('M')) * 12);
    m_bar->setToolTip(QStringLiteral("The run of the current values: the three models simulated, then indexed"));
    m_button->setObjectName(QStringLiteral("RunStopButton"));
    bar.addPermanentWidget(m_bar);
    bar.addPermanentWidget(m_button);
    hideAll();

    m_delay.setSingleShot(true);
    m_delay.setInterval(kShowAfterMs);
    connect(&m_delay, &QTimer::timeout, this, [this] {
        if (m_controller.isRunning())
            showRunning();
    });
    connect(&controller, &SimulationController::runStarted, this, [this] {
        hideAll();
        m_bar->setRange(0, 0); // busy until the traced run reports: an edit's preview reports nothing
        m_delay.start();
    });
    connect(&controller, &SimulationController::runProgress, this, [this](double f) {
        m_bar->setRange(0, kSteps); // shown or not yet: the bar keeps what it heard
        m_bar->setValue(static_cast<int>(f * kSteps));
    });
    connect(&controller, &SimulationController::resultAvailable, this, [this] { hideAll(); });
    connect(&controller, &SimulationController::runFailed, this, [this] { hideAll(); });
    connect(&controller, &SimulationController::runStopped, this, [this] {
        hideAll();
        m_button->setText(QStringLiteral("Run"));
        m_button->setToolTip(QStringLiteral("Simulate the current values: the views show a run of earlier ones"));
        m_button->show();
    });
    connect(&controller, &SimulationController::runResumed, this, [this] { m_button->hide(); }); // nothing to Run
    connect(m_button, &QPushButton::clicked, this, [this] {
        if (m_controller.isStopped())
            m_controller.runAgain();
        else
            m_controller.stopRun();
    });
}

void RunProgress::showRunning()
{
    m_bar->show();
    m_button->setText(QStringLiteral("Stop"));
    m_button->setToolTip(QStringLiteral("Stop this run: the views keep the last result, of the values before"));
    m_button->show();
}

void RunProgress::placeIn(QBoxLayout *row)
{
    const bool barShown = !m_bar->isHidden(), buttonShown = !m_button->isHidden();
    for (QWidget *w : {static_cast<QWidget *>(m_bar), static_cast<QWidget *>(m_button)}) {
        m_status.removeWidget(w); // does nothing if it is not there; a row lets go when it is reparented
        if (row)
            row->addWidget(w);
        else
            m_status.addPermanentWidget(w);
    }
    m_bar->setVisible(barShown);
    m_button->setVisible(buttonShown);
}

void RunProgress::hideAll()
{
    m_delay.stop();
    m_bar->hide();
    m_button->hide();
}

} // namespace conviz::gui
