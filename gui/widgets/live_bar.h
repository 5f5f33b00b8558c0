// Live mode's controls beside the Run live button: which result the columns show (Simulated |
// Measured | Both, a segmented control), which measurement drives the fibers and event-loop
// columns when real Go or Node.js measured them beside conviz's C++ executors (two small
// choosers, shown in Measured), the running run's progress with its Cancel button, and a
// line saying what the measurement is (its machine, or that an edit made it stale). Emits what the
// user asks for; holds no state beyond what it shows. GUI thread only.
#pragma once

#include "gui/core/measured_snapshot.h"

#include <QWidget>

class QButtonGroup;
class QComboBox;
class QLabel;
class QProgressBar;
class QToolButton;

namespace conviz::gui {

class LiveBar : public QWidget {
    Q_OBJECT
public:
    explicit LiveBar(QWidget *parent = nullptr);

    ResultSource source() const;
    // Shows `source` as chosen without emitting sourceChosen.
    void setSource(ResultSource source);
    // Measured and Both are offered once there is a measurement.
    void setMeasurementAvailable(bool available);

    // The measurement's sources: a chooser for the fibers column shows when real Go measured them
    // beside C++, one for the event loop's when real Node.js did; `shown`: only in Measured.
    void setSourceChoices(bool goMeasured, bool nodeMeasured, bool shown);
    // Shows `choice` as chosen without emitting driversChosen.
    void setDrivers(const SourceChoice &choice);
    SourceChoice drivers() const;
    // The chooser of the fibers (C++ or Go) or event loop (C++ or Node.js) column; null for threads.
    QComboBox *driverBox(ModelKind model) const;

    // A run is going: the progress bar and Cancel show; `text` says which model and how far;
    // `fraction` < 0: a busy bar (a real runtime reports no progress).
    void showProgress(double fraction, const QString &text);
    // No run is going: the progress bar and Cancel hide.
    void hideProgress();
    bool progressShown() const;
    double progressFraction() const;
    QString progressText() const;

    // The line beside the switch: what the measurement is, or why it is stale (alert colour).
    void setStatus(const QString &text, bool alert);
    QString status() const;

    QToolButton *cancelButton() const { return m_cancel; }

Q_SIGNALS:
    void sourceChosen(conviz::gui::ResultSource source);
    void cancelRequested();
    void driversChosen(conviz::gui::SourceChoice choice);

private:
    QButtonGroup *m_group;
    QComboBox *m_fibers;
    QComboBox *m_loop;
    QProgressBar *m_progress;
    QLabel *m_progressText;
    QToolButton *m_cancel;
    QLabel *m_status;
};

} // namespace conviz::gui
