#include "gui/core/figure.h"

#include <QFileInfo>

namespace conviz::gui {

QString figureName(FigureKind kind)
{
    switch (kind) {
    case FigureKind::Throughput: return QStringLiteral("throughput");
    case FigureKind::Latency: return QStringLiteral("latency");
    case FigureKind::Memory: return QStringLiteral("memory");
    case FigureKind::Timeline: return QStringLiteral("timeline");
    case FigureKind::Queue: return QStringLiteral("queue");
    case FigureKind::Cost: return QStringLiteral("cost");
    case FigureKind::SideBySide: return QStringLiteral("side-by-side");
    }
    return {};
}

std::optional<FigureKind> figureFromName(const QString &name)
{
    for (FigureKind k : kAllFigures)
        if (figureName(k) == name)
            return k;
    return std::nullopt;
}

QString figureLabel(FigureKind kind)
{
    switch (kind) {
    case FigureKind::Throughput: return QStringLiteral("Throughput against the swept parameter");
    case FigureKind::Latency: return QStringLiteral("Latency (p50, p99) against the swept parameter");
    case FigureKind::Memory: return QStringLiteral("Memory against the swept parameter");
    case FigureKind::Timeline: return QStringLiteral("Cores busy over the run");
    case FigureKind::Queue: return QStringLiteral("Tasks waiting for a CPU over the run");
    case FigureKind::Cost: return QStringLiteral("Monthly cost per model");
    case FigureKind::SideBySide: return QStringLiteral("The three models side by side, at the playback instant");
    }
    return {};
}

bool figureNeedsSweep(FigureKind kind)
{
    return kind == FigureKind::Throughput || kind == FigureKind::Latency || kind == FigureKind::Memory;
}

QString formatExtension(FigureFormat format)
{
    switch (format) {
    case FigureFormat::Png: return QStringLiteral("png");
    case FigureFormat::Svg: return QStringLiteral("svg");
    case FigureFormat::Pdf: return QStringLiteral("pdf");
    }
    return {};
}

std::optional<FigureFormat> formatFromPath(const QString &path)
{
    const QString ext = QFileInfo(path).suffix().toLower();
    for (FigureFormat f : {FigureFormat::Png, FigureFormat::Svg, FigureFormat::Pdf})
        if (ext == formatExtension(f))
            return f;
    return std::nullopt;
}

const std::array<SizePreset, 3> &sizePresets()
{
    static const std::array<SizePreset, 3> presets{{
        {QStringLiteral("blog"), QStringLiteral("Blog (1200 × 675)"), {1200, 675}},
        {QStringLiteral("slide"), QStringLiteral("Slide (1920 × 1080)"), {1920, 1080}},
        {QStringLiteral("square"), QStringLiteral("Square (1080 × 1080)"), {1080, 1080}},
    }};
    return presets;
}

QString convizVersion() { return QStringLiteral(CONVIZ_VERSION); }

QString figureSourceLine(const Scenario &s)
{
    return QStringLiteral("%1 · seed %2 · conviz %3")
        .arg(QString::fromStdString(s.name))
        .arg(s.seed)
        .arg(convizVersion());
}

} // namespace conviz::gui
