// The scenario the app opens when no preset directory or default.toml can be found, and its note.
#pragma once

#include "engine/core/scenario.h"

#include <QString>

namespace conviz::gui {

// A small web API: each request does a little CPU, waits on a database and answers.
Scenario builtInScenario();
QString builtInNote();

} // namespace conviz::gui
