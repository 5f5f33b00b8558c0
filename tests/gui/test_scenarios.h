// Small scenarios the GUI tests run: quick to simulate, each exercising one model feature.
#pragma once

#include "engine/core/scenario.h"

namespace conviz::gui::test {

// A web request: CPU, a pooled network wait, CPU. Open load, a few hundred requests.
Scenario smallWebScenario(int requests = 300);
// `count` requests released at once, each waiting on the network: many live tasks and stacks.
Scenario batchWaitScenario(int count);

} // namespace conviz::gui::test
