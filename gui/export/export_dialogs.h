// The dialogs of File › Export: a chart figure (which chart, a size preset or a custom size, the
// PNG scale, a transparent background, the format) and an animated GIF (the stretch of the run,
// frame rate, length and size). Each returns plain values; the exporter does the work.
#pragma once

#include "gui/core/figure.h"
#include "gui/export/gif_export.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace conviz::gui {

struct FigureRequest {
    FigureKind kind = FigureKind::Throughput;
    FigureSpec spec;
};

class FigureDialog : public QDialog {
    Q_OBJECT
public:
    FigureDialog(const FigureRequest &initial, QWidget *parent = nullptr);
    FigureRequest request() const;

    // Shows the dialog; nothing if cancelled.
    static std::optional<FigureRequest> ask(const FigureRequest &initial, QWidget *parent);

private:
    void sync();

    QComboBox *m_kind;
    QComboBox *m_size;
    QSpinBox *m_width;
    QSpinBox *m_height;
    QComboBox *m_scale;
    QComboBox *m_format;
    QCheckBox *m_transparent;
    QLabel *m_pixels;
};

class GifDialog : public QDialog {
    Q_OBJECT
public:
    // `runEnd`: the run's length, the largest end.
    GifDialog(const GifSpec &initial, Nanos runEnd, QWidget *parent = nullptr);
    GifSpec spec() const;

    static std::optional<GifSpec> ask(const GifSpec &initial, Nanos runEnd, QWidget *parent);

private:
    void sync();

    QDoubleSpinBox *m_start;
    QDoubleSpinBox *m_end;
    QSpinBox *m_fps;
    QSpinBox *m_seconds;
    QComboBox *m_size;
    QLabel *m_summary;
};

} // namespace conviz::gui
