// What the figure tests draw: a preset's run (with traces) and its sweep, computed once per process,
// and the folder figures are written to for a human to look at.
#pragma once

#include "gui/core/run_snapshot.h"
#include "gui/core/sweep.h"

#include <QString>

#include <memory>

namespace conviz::gui::test {

struct FigureInputs {
    std::shared_ptr<const RunSnapshot> run;
    std::shared_ptr<const SweepSnapshot> sweep;
};

// scenarios/<preset>.toml, run and swept (its [sweep], else the app's default sweep). Cached.
const FigureInputs &presetInputs(const QString &preset);

// $CONVIZ_FIGURE_DIR, else <working directory>/figures; created.
QString figureDir();

} // namespace conviz::gui::test
