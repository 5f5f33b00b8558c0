#include "gui/export/export_dialogs.h"

#include "gui/core/format.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

#include <algorithm>
#include <cmath>

namespace conviz::gui {
namespace {

constexpr int kCustom = -1;

QDialogButtonBox *buttons(QDialog *dialog, const QString &ok)
{
    auto *box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    box->button(QDialogButtonBox::Ok)->setText(ok);
    QObject::connect(box, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    QObject::connect(box, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    return box;
}

QLabel *note(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(text, parent);
    l->setWordWrap(true);
    l->setStyleSheet(QStringLiteral("color: #666;"));
    return l;
}

} // namespace

FigureDialog::FigureDialog(const FigureRequest &initial, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(QStringLiteral("Export chart"));
    auto *form = new QFormLayout;
    m_kind = new QComboBox(this);
    for (FigureKind k : kAllFigures)
        m_kind->addItem(figureLabel(k), static_cast<int>(k));
    m_kind->setCurrentIndex(m_kind->findData(static_cast<int>(initial.kind)));
    form->addRow(QStringLiteral("Chart"), m_kind);

    m_size = new QComboBox(this);
    for (std::size_t i = 0; i < sizePresets().size(); ++i)
        m_size->addItem(sizePresets()[i].label, static_cast<int>(i));
    m_size->addItem(QStringLiteral("Custom"), kCustom);
    m_width = new QSpinBox(this);
    m_height = new QSpinBox(this);
    for (QSpinBox *s : {m_width, m_height}) {
        s->setRange(16, 10000);
        s->setSuffix(QStringLiteral(" px"));
    }
    m_width->setValue(initial.spec.size.width());
    m_height->setValue(initial.spec.size.height());
    int preset = m_size->findData(kCustom);
    for (std::size_t i = 0; i < sizePresets().size(); ++i)
        if (sizePresets()[i].size == initial.spec.size)
            preset = static_cast<int>(i);
    m_size->setCurrentIndex(preset);
    auto *custom = new QHBoxLayout;
    custom->addWidget(m_width);
    custom->addWidget(new QLabel(QStringLiteral("×"), this));
    custom->addWidget(m_height);
    form->addRow(QStringLiteral("Size"), m_size);
    form->addRow(QString(), custom);

    m_format = new QComboBox(this);
    for (FigureFormat f : {FigureFormat::Png, FigureFormat::Svg, FigureFormat::Pdf})
        m_format->addItem(formatExtension(f).toUpper(), static_cast<int>(f));
    m_format->setCurrentIndex(m_format->findData(static_cast<int>(initial.spec.format)));
    m_format->setToolTip(QStringLiteral("The file name's extension decides in the end: .png, .svg or .pdf"));
    form->addRow(QStringLiteral("Format"), m_format);
    m_scale = new QComboBox(this);
    for (int s : {1, 2, 3})
        m_scale->addItem(QStringLiteral("%1×").arg(s), s);
    m_scale->setCurrentIndex(std::clamp(initial.spec.scale, 1, 3) - 1);
    m_scale->setToolTip(QStringLiteral("Pixels per point of a PNG: 2× for sharp figures on high-density screens"));
    form->addRow(QStringLiteral("PNG scale"), m_scale);
    m_transparent = new QCheckBox(QStringLiteral("Transparent background"), this);
    m_transparent->setChecked(initial.spec.transparent);
    form->addRow(QString(), m_transparent);
    m_pixels = note(QString(), this);
    form->addRow(QString(), m_pixels);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note(QStringLiteral("Figures have a title, a subtitle, a legend, axis titles with units and a "
                                          "source line (scenario, seed, conviz version). conviz-cli export --chart "
                                          "draws the same figure from a script."),
                           this));
    layout->addWidget(buttons(this, QStringLiteral("Export…")));
    for (QComboBox *c : {m_size, m_format, m_scale, m_kind})
        connect(c, &QComboBox::currentIndexChanged, this, &FigureDialog::sync);
    for (QSpinBox *s : {m_width, m_height})
        connect(s, &QSpinBox::valueChanged, this, &FigureDialog::sync);
    sync();
}

void FigureDialog::sync()
{
    const int preset = m_size->currentData().toInt();
    if (preset != kCustom) {
        const QSize size = sizePresets()[static_cast<std::size_t>(preset)].size;
        const QSignalBlocker bw(m_width), bh(m_height);
        m_width->setValue(size.width());
        m_height->setValue(size.height());
    }
    m_width->setEnabled(preset == kCustom);
    m_height->setEnabled(preset == kCustom);
    const FigureRequest r = request();
    m_scale->setEnabled(r.spec.format == FigureFormat::Png);
    m_transparent->setEnabled(r.spec.format != FigureFormat::Pdf);
    const QSize px = pixelSize(r.spec);
    m_pixels->setText(r.spec.format == FigureFormat::Png
                          ? QStringLiteral("%1 × %2 pixels").arg(px.width()).arg(px.height())
                          : QStringLiteral("Vector, %1 × %2 at 96 dpi").arg(px.width()).arg(px.height()));
}

FigureRequest FigureDialog::request() const
{
    FigureRequest r;
    r.kind = static_cast<FigureKind>(m_kind->currentData().toInt());
    r.spec.format = static_cast<FigureFormat>(m_format->currentData().toInt());
    r.spec.size = QSize(m_width->value(), m_height->value());
    r.spec.scale = m_scale->currentData().toInt();
    r.spec.transparent = m_transparent->isChecked() && r.spec.format != FigureFormat::Pdf;
    return r;
}

std::optional<FigureRequest> FigureDialog::ask(const FigureRequest &initial, QWidget *parent)
{
    FigureDialog dialog(initial, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.request();
}

GifDialog::GifDialog(const GifSpec &initial, Nanos runEnd, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(QStringLiteral("Export animation (GIF)"));
    auto *form = new QFormLayout;
    const double endMs = runEnd.toMillis();
    m_start = new QDoubleSpinBox(this);
    m_end = new QDoubleSpinBox(this);
    for (QDoubleSpinBox *s : {m_start, m_end}) {
        s->setRange(0, endMs);
        s->setDecimals(3);
        s->setSuffix(QStringLiteral(" ms"));
        s->setGroupSeparatorShown(true);
    }
    m_start->setValue(initial.start.toMillis());
    m_end->setValue(initial.end > initial.start ? initial.end.toMillis() : endMs);
    form->addRow(QStringLiteral("From"), m_start);
    form->addRow(QStringLiteral("To"), m_end);
    m_seconds = new QSpinBox(this);
    m_seconds->setRange(1, 60);
    m_seconds->setSuffix(QStringLiteral(" s"));
    m_seconds->setValue(initial.seconds);
    form->addRow(QStringLiteral("Plays for"), m_seconds);
    m_fps = new QSpinBox(this);
    m_fps->setRange(1, 50);
    m_fps->setSuffix(QStringLiteral(" frames/s"));
    m_fps->setValue(initial.fps);
    m_fps->setToolTip(QStringLiteral("GIF delays are whole hundredths of a second: 10, 20, 25 and 50 are exact"));
    form->addRow(QStringLiteral("Frame rate"), m_fps);
    m_size = new QComboBox(this);
    for (const QSize s : {QSize(960, 540), QSize(1280, 720), QSize(640, 360), QSize(800, 600)})
        m_size->addItem(QStringLiteral("%1 × %2").arg(s.width()).arg(s.height()), s);
    m_size->setCurrentIndex(std::max(0, m_size->findData(initial.size)));
    form->addRow(QStringLiteral("Size"), m_size);
    m_summary = note(QString(), this);
    form->addRow(QString(), m_summary);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note(QStringLiteral("The schedulers of the three models, one frame per instant. "
                                          "conviz-cli export --gif makes the same GIF from a script."),
                           this));
    layout->addWidget(buttons(this, QStringLiteral("Export…")));
    for (QDoubleSpinBox *s : {m_start, m_end})
        connect(s, &QDoubleSpinBox::valueChanged, this, &GifDialog::sync);
    for (QSpinBox *s : {m_fps, m_seconds})
        connect(s, &QSpinBox::valueChanged, this, &GifDialog::sync);
    sync();
}

void GifDialog::sync()
{
    const GifSpec s = spec();
    const double perSecond = static_cast<double>((s.end - s.start).count()) / s.seconds;
    m_summary->setText(QStringLiteral("%1 frames · %2 of simulated time per second of GIF")
                           .arg(gifFrameCount(s))
                           .arg(formatDuration(perSecond)));
    if (auto *ok = findChild<QDialogButtonBox *>())
        ok->button(QDialogButtonBox::Ok)->setEnabled(s.end > s.start);
}

GifSpec GifDialog::spec() const
{
    GifSpec s;
    s.start = Nanos{std::llround(m_start->value() * 1e6)};
    s.end = Nanos{std::llround(m_end->value() * 1e6)};
    s.fps = m_fps->value();
    s.seconds = m_seconds->value();
    s.size = m_size->currentData().toSize();
    return s;
}

std::optional<GifSpec> GifDialog::ask(const GifSpec &initial, Nanos runEnd, QWidget *parent)
{
    GifDialog dialog(initial, runEnd, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.spec();
}

} // namespace conviz::gui
