// One legend for a row of charts: each model's colour, line style and marker, and what solid and
// dashed lines mean. Saves every small chart its own crowded legend.
#pragma once

#include <QWidget>

namespace conviz::gui {

class LegendStrip : public QWidget {
    Q_OBJECT
public:
    explicit LegendStrip(QString lineKey, QWidget *parent = nullptr);
    QSize sizeHint() const override { return {600, 22}; }
    QSize minimumSizeHint() const override { return {200, 22}; }
    void setLineKey(const QString &lineKey);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_lineKey; // "solid: p50 and resident · dashed: p99 and reserved"
};

} // namespace conviz::gui
