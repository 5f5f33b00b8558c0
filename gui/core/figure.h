// What a figure export asks for, as plain values shared by the app's dialogs and conviz-cli: which
// figure, which file format, its size (the blog, slide and square presets or any other), the PNG
// scale and a transparent background. Any thread.
#pragma once

#include "engine/core/scenario.h"

#include <QSize>
#include <QString>

#include <array>
#include <cstdint>
#include <optional>

namespace conviz::gui {

enum class FigureKind : std::uint8_t {
    Throughput, // throughput against the swept parameter (a sweep)
    Latency,    // p50 and p99 against the swept parameter (a sweep)
    Memory,     // committed and reserved memory against concurrent tasks (a sweep)
    Timeline,   // throughput over the run's time (a run)
    Queue,      // tasks waiting for a CPU over the run's time (a run)
    Cost,       // monthly bills per model (a run's metrics)
    SideBySide, // the three model columns at one instant (a run with traces)
};

inline constexpr std::array<FigureKind, 7> kAllFigures{FigureKind::Throughput, FigureKind::Latency,
                                                       FigureKind::Memory,     FigureKind::Timeline,
                                                       FigureKind::Queue,      FigureKind::Cost,
                                                       FigureKind::SideBySide};

// The name on the command line and in file names: "throughput", ..., "side-by-side".
QString figureName(FigureKind kind);
std::optional<FigureKind> figureFromName(const QString &name);
// What the app's dialog lists: "Throughput against the swept parameter".
QString figureLabel(FigureKind kind);
// Whether the figure is drawn from a sweep (else from one run).
bool figureNeedsSweep(FigureKind kind);

enum class FigureFormat : std::uint8_t { Png, Svg, Pdf };

QString formatExtension(FigureFormat format); // "png", "svg", "pdf"
// The format a path's extension names (case-insensitive), if any.
std::optional<FigureFormat> formatFromPath(const QString &path);

struct SizePreset {
    QString name;  // "blog"
    QString label; // "Blog (1200 × 675)"
    QSize size;
};
// Blog 1200×675, slide 1920×1080, square 1080×1080.
const std::array<SizePreset, 3> &sizePresets();

struct FigureSpec {
    FigureFormat format = FigureFormat::Png;
    QSize size{1200, 675}; // logical pixels: the SVG's and PDF's size, the PNG's at scale 1
    int scale = 1;         // PNG: pixels per logical pixel (1, 2 or 3)
    bool transparent = false; // PNG and SVG: no background
};

// The PNG's size in pixels: size × scale. SVG and PDF: size.
QSize pixelSize(const FigureSpec &spec);

// The line along the bottom of every figure: "A busy API on 4 cores · seed 42 · conviz 0.1.0".
QString figureSourceLine(const Scenario &scenario);

// The version every export names ("0.1.0").
QString convizVersion();

} // namespace conviz::gui
