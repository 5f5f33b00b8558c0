// The figures conviz exports, by name, and what the app's dialogs and conviz-cli offer for them: the
// file formats by extension and the size presets. The file's own description (FigureSpec) is
// gui/charts/chart_spec.h's. Any thread.
#pragma once

#include "engine/core/scenario.h"
#include "gui/charts/chart_spec.h" // FigureFormat, FigureSpec

#include <QSize>
#include <QString>

#include <array>
#include <cstdint>
#include <optional>

namespace conviz::gui {

enum class FigureKind : std::uint8_t {
    Throughput, // throughput against the swept parameter (a sweep)
    Latency,    // p50 and p99 against the swept parameter (a sweep)
    Memory,     // committed and reserved memory against the swept parameter (a sweep)
    Timeline,   // cores busy over the run's time (a run)
    Queue,      // tasks waiting for a CPU over the run's time (a run)
    Cost,       // monthly bills per model (a run's metrics)
    SideBySide, // the three model columns at one instant (a run with traces)
};

inline constexpr std::array<FigureKind, 7> kAllFigures{FigureKind::Throughput, FigureKind::Latency, FigureKind::Memory,
                                                       FigureKind::Timeline,   FigureKind::Queue,   FigureKind::Cost,
                                                       FigureKind::SideBySide};

// The name on the command line and in file names: "throughput", ..., "side-by-side".
QString figureName(FigureKind kind);
std::optional<FigureKind> figureFromName(const QString &name);
// What the app's dialog lists: "Throughput against the swept parameter".
QString figureLabel(FigureKind kind);
// Whether the figure is drawn from a sweep (else from one run).
bool figureNeedsSweep(FigureKind kind);

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

// The line along the bottom of every figure: "A busy API on 4 cores · seed 42 · conviz 0.1.0".
QString figureSourceLine(const Scenario &scenario);

// The version every export names ("0.1.0").
QString convizVersion();

} // namespace conviz::gui
