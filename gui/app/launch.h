// How the app starts from its command line: conviz [--present] [--tour] [scenario.toml]. main.cpp
// and the tests that start the app as a user does go through these same functions. GUI thread only.
#pragma once

#include <QString>

class QCommandLineParser;

namespace conviz::gui {

class MainWindow;

struct LaunchOptions {
    QString scenario; // a file to open; "" for the default preset
    bool present = false;
    bool tour = false;
};

// Declares the app's arguments and options on `parser` (help included).
void addLaunchOptions(QCommandLineParser &parser);
// What `parser` (after parse() or process()) asks for.
LaunchOptions launchOptions(const QCommandLineParser &parser);
// Shows `window` and opens what `options` ask for: the scenario, then presentation mode, then the
// scenario's guided tour, which waits for the first result before it moves the clock.
void launch(MainWindow &window, const LaunchOptions &options);

} // namespace conviz::gui
