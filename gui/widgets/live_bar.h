// Live mode's controls beside the Run live button: which result the columns show (Simulated |
// Measured | Both, a segmented control), the running run's progress with its Cancel button, and a
// line saying what the measurement is (its machine, or that an edit made it stale). Emits what the
// user asks for; holds no state beyond what it shows. GUI thread only.
#pragma once

#include "gui/core/measured_snapshot.h"

#include <QWidget>

class QButtonGroup;
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

    // A run is going: the progress bar and Cancel show; `text` says which model and how far.
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

private:
    QButtonGroup *m_group;
    QProgressBar *m_progress;
    QLabel *m_progressText;
    QToolButton *m_cancel;
    QLabel *m_status;
};

} // namespace conviz::gui
