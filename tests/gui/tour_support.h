// What the tests that walk every shipped tour by keys share: the list of tours, where a preset's
// file is, and the widget a step's `focus` (or a checkpoint's `hide`) names.
#pragma once

#include "gui/app/main_window.h"
#include "gui/core/preset_model.h"
#include "gui/core/tour.h"
#include "gui/widgets/charts_pane.h"
#include "gui/widgets/model_column.h"
#include "gui/widgets/narration_view.h"
#include "gui/widgets/note_pane.h"
#include "gui/widgets/parameter_panel.h"

#include <QLatin1Char>
#include <QString>

#include <gtest/gtest.h>

#include <string>

namespace conviz::gui::test {

// The tours that come with conviz (PresetTours.EveryShippedTourIsDrivenHere keeps this list whole).
inline const char *const kTours[] = {
    "benchmark-trap", "c10k",       "crud-postgres",        "data-pipeline", "default",
    "event-loop-lag", "fanout-500", "go-blocking-syscalls", "lambda-cost",   "libuv-pool-trap",
    "memory-at-scale"};

// A test's name for a tour: "event-loop-lag" → "event_loop_lag" (GoogleTest takes no dashes).
inline std::string tourTestName(const ::testing::TestParamInfo<const char *> &param)
{
    std::string name = param.param;
    for (char &c : name)
        if (c == '-')
            c = '_';
    return name;
}

inline constexpr int kTourResultMs = 120000; // a guard against a hang on a loaded machine, not a measurement

inline QString presetPath(const std::string &name)
{
    return presetDirectory() + QLatin1Char('/') + QString::fromStdString(name) + QStringLiteral(".toml");
}

// The widget a step's `focus` names, found from the window's own accessors.
inline QWidget *framedWidget(MainWindow &w, const TourFocus &f)
{
    switch (f.pane) {
    case TourFocus::Pane::Charts: return w.chartsPane();
    case TourFocus::Pane::Narration: return w.findChild<NarrationView *>();
    case TourFocus::Pane::Parameters: return w.parameterPanel();
    case TourFocus::Pane::Note: return w.findChild<NotePane *>();
    case TourFocus::Pane::Column: break;
    }
    ModelColumn *column = w.columns()[static_cast<std::size_t>(f.model)];
    if (f.view == TourFocus::View::Whole)
        return column;
    return column->views()[static_cast<std::size_t>(f.view) - 1];
}

} // namespace conviz::gui::test
