#include "gui/widgets/live_bar.h"

#include "gui/core/model_palette.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QSignalBlocker>
#include <QToolButton>

#include <algorithm>
#include <cmath>

namespace conviz::gui {

LiveBar::LiveBar(QWidget *parent) : QWidget(parent), m_group(new QButtonGroup(this))
{
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(6, 0, 6, 0);
    row->setSpacing(0);
    const struct {
        ResultSource source;
        const char *text, *tip;
    } choices[] = {
        {ResultSource::Simulated, "Simulated", "The columns show the simulation"},
        {ResultSource::Measured, "Measured",
         "The columns show the last live run, measured on this machine, drawn by the same views"},
        {ResultSource::Both, "Both",
         "The simulation, with each headline comparing it with the measurement and the charts showing the "
         "measured points (stars)"},
    };
    for (const auto &c : choices) {
        auto *b = new QToolButton(this);
        b->setText(QString::fromUtf8(c.text));
        b->setToolTip(QString::fromUtf8(c.tip));
        b->setCheckable(true);
        b->setAutoRaise(false);
        b->setObjectName(QStringLiteral("LiveSource%1").arg(QString::fromUtf8(c.text)));
        m_group->addButton(b, static_cast<int>(c.source));
        row->addWidget(b);
    }
    m_group->button(static_cast<int>(ResultSource::Simulated))->setChecked(true);
    connect(m_group, &QButtonGroup::idClicked, this,
            [this](int id) { Q_EMIT sourceChosen(static_cast<ResultSource>(id)); });
    row->addSpacing(6);
    // Which measurement drives a column: the items' data is the MeasuredSource.
    const auto chooser = [this, row](const char *name, const QString &cpp, MeasuredSource real, const QString &realText,
                                     const QString &tip) {
        auto *box = new QComboBox(this);
        box->setObjectName(QString::fromLatin1(name));
        box->addItem(cpp, static_cast<int>(MeasuredSource::Cpp));
        box->addItem(realText, static_cast<int>(real));
        box->setToolTip(tip);
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        connect(box, &QComboBox::activated, this, [this] { Q_EMIT driversChosen(drivers()); });
        row->addWidget(box);
        row->addSpacing(4);
        return box;
    };
    m_fibers = chooser("LiveFibersSource", QStringLiteral("Fibers: C++"), MeasuredSource::Go,
                       QStringLiteral("Fibers: real Go"),
                       QStringLiteral("What the fibers column shows in Measured: conviz's C++ fibers executor "
                                      "(Boost.Fiber, with a trace) or the real Go runtime (figures only)"));
    m_loop = chooser("LiveLoopSource", QStringLiteral("Event loop: C++"), MeasuredSource::Node,
                     QStringLiteral("Event loop: real Node.js"),
                     QStringLiteral("What the event loop's column shows in Measured: conviz's C++ event-loop "
                                    "executor (Boost.Asio, with a trace) or real Node.js (figures only)"));
    row->addSpacing(6);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setFixedWidth(120);
    m_progressText = new QLabel(this);
    m_cancel = new QToolButton(this);
    m_cancel->setText(QStringLiteral("Cancel"));
    m_cancel->setToolTip(QStringLiteral("Stop the live run (its process is killed at once)"));
    connect(m_cancel, &QToolButton::clicked, this, &LiveBar::cancelRequested);
    row->addWidget(m_progress);
    row->addSpacing(6);
    row->addWidget(m_progressText);
    row->addSpacing(6);
    row->addWidget(m_cancel);
    row->addSpacing(10);
    m_status = new QLabel(this);
    row->addWidget(m_status, 1);
    hideProgress();
    setMeasurementAvailable(false);
    setSourceChoices(false, false, false);
}

void LiveBar::setSourceChoices(bool goMeasured, bool nodeMeasured, bool shown)
{
    m_fibers->setVisible(goMeasured && shown);
    m_loop->setVisible(nodeMeasured && shown);
}

void LiveBar::setDrivers(const SourceChoice &choice)
{
    const QSignalBlocker fibers(m_fibers), loop(m_loop);
    m_fibers->setCurrentIndex(m_fibers->findData(static_cast<int>(choice.fibers)));
    m_loop->setCurrentIndex(m_loop->findData(static_cast<int>(choice.eventLoop)));
}

SourceChoice LiveBar::drivers() const
{
    return {static_cast<MeasuredSource>(m_fibers->currentData().toInt()),
            static_cast<MeasuredSource>(m_loop->currentData().toInt())};
}

QComboBox *LiveBar::driverBox(ModelKind model) const
{
    return model == ModelKind::Fibers ? m_fibers : model == ModelKind::EventLoop ? m_loop : nullptr;
}

ResultSource LiveBar::source() const { return static_cast<ResultSource>(std::max(0, m_group->checkedId())); }

void LiveBar::setSource(ResultSource source)
{
    const QSignalBlocker block(m_group);
    m_group->button(static_cast<int>(source))->setChecked(true);
}

void LiveBar::setMeasurementAvailable(bool available)
{
    for (ResultSource s : {ResultSource::Measured, ResultSource::Both})
        m_group->button(static_cast<int>(s))->setEnabled(available);
}

void LiveBar::showProgress(double fraction, const QString &text)
{
    m_progress->setRange(0, fraction < 0 ? 0 : 1000); // 0..0: Qt's busy bar
    if (fraction >= 0)
        m_progress->setValue(static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * 1000)));
    m_progressText->setText(text);
    for (QWidget *w :
         {static_cast<QWidget *>(m_progress), static_cast<QWidget *>(m_progressText), static_cast<QWidget *>(m_cancel)})
        w->show();
}

void LiveBar::hideProgress()
{
    for (QWidget *w :
         {static_cast<QWidget *>(m_progress), static_cast<QWidget *>(m_progressText), static_cast<QWidget *>(m_cancel)})
        w->hide();
}

bool LiveBar::progressShown() const { return !m_progress->isHidden(); }

double LiveBar::progressFraction() const { return m_progress->maximum() == 0 ? -1 : m_progress->value() / 1000.0; }

QString LiveBar::progressText() const { return m_progressText->text(); }

void LiveBar::setStatus(const QString &text, bool alert)
{
    m_status->setText(text);
    m_status->setStyleSheet(alert ? QStringLiteral("color: #%1;").arg(kAlertRgb, 6, 16, QLatin1Char('0'))
                                  : QStringLiteral("color: #555;"));
}

QString LiveBar::status() const { return m_status->text(); }

} // namespace conviz::gui
