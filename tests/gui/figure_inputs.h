// What the figure tests draw: a preset's run (with traces) and its sweep, computed once per process,
// and the folder figures are written to for a human to look at.
#pragma once

#include "gui/core/run_snapshot.h"
#include "gui/core/sweep.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <vector>

namespace conviz::gui::test {

struct FigureInputs {
    std::shared_ptr<const RunSnapshot> run;
    std::shared_ptr<const SweepSnapshot> sweep;
};

// scenarios/<preset>.toml, run and swept (its [sweep], else the app's default sweep). Cached.
const FigureInputs &presetInputs(const QString &preset);

// One text of an SVG as a browser shows it: its characters, its size in the image's own pixels
// (font-size times every enclosing transform's scale times the width over the viewBox's) and its
// font-family list.
struct SvgText {
    QString text;
    double px = 0;
    QString family;
};
// Every non-blank text element of `svg`.
std::vector<SvgText> svgTexts(const QByteArray &svg);

// $CONVIZ_FIGURE_DIR, else <working directory>/figures; created.
QString figureDir();

} // namespace conviz::gui::test
