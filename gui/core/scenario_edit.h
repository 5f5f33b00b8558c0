// Edits to a Scenario go through the scenario loader again, so the GUI accepts exactly what a file
// would: toToml, then loadString. Any thread.
#pragma once

#include "engine/core/scenario.h"
#include "gui/core/knobs.h"

#include <QString>

#include <optional>

namespace conviz::gui {

struct Validated {
    std::optional<Scenario> scenario; // set iff error is empty
    QString error;                    // the loader's first diagnostic, for a status message
};

// Round-trips `scenario` through the scenario file format and its validation.
Validated revalidate(const Scenario &scenario);

// `scenario` with `knob` set to `value` (base units), validated.
Validated withKnob(const Scenario &scenario, const Knob &knob, double value);

} // namespace conviz::gui
