// The stops of Help › Tour of the window (gui/widgets/window_tour.h) in reading order: the preset
// chooser and the File menu, the three model columns and their four views, the playback bar, the
// sliders, the charts, the note with the guided tour, the exercises, the narration, the Present
// menu and where What's This lives. Each says what the part shows and how to read it, in the
// What's This text of the part where that is short enough (whats_this.cpp), so the two never say
// different things. GUI thread only.
#pragma once

#include "gui/widgets/window_tour.h"

#include <vector>

namespace conviz::gui {

class MainWindow;

std::vector<WindowTourStop> windowTourStops(MainWindow &window);

// The window's tour with its stops, its text scale (presentation mode) and its rules: it does not
// start while a guided tour runs (the status line says why), and a guided tour that starts ends it.
// Owned by `window`.
WindowTour *createWindowTour(MainWindow &window);

} // namespace conviz::gui
