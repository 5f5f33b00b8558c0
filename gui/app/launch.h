// How the app starts from its command line: conviz [--present] [--tour] [scenario.toml | bookmark.conviz], or
// conviz --list-presets (prints where the presets are and what they are, opens no window). main.cpp
// and the tests that start the app as a user does go through these same functions. GUI thread only.
#pragma once

#include <QString>

#include <cstdio>

class QCommandLineParser;

namespace conviz::gui {

class MainWindow;

struct LaunchOptions {
    QString scenario; // a file to open (a scenario, or a bookmark: FILE.conviz); "" for the default preset
    bool present = false;
    bool tour = false;
    bool listPresets = false;
};

// Declares the app's arguments and options on `parser` (help included).
void addLaunchOptions(QCommandLineParser &parser);
// What `parser` (after parse() or process()) asks for.
LaunchOptions launchOptions(const QCommandLineParser &parser);
// Whether `path` names a bookmark (FILE.conviz) rather than a scenario.
bool isBookmarkPath(const QString &path);
// Shows `window` and opens what `options` ask for: the scenario, then presentation mode, then the
// scenario's guided tour, which waits for the first result before it moves the clock. A bookmark
// (FILE.conviz) opens the default preset, then restores the bookmark over it (its tour step too).
void launch(MainWindow &window, const LaunchOptions &options);
// `--list-presets`: the preset directory the app reads (presetDirectory()), then one line per preset,
// "<file base name>\t<name>", with " (invalid: <reason>)" after one that does not load. Returns the
// exit status: 0 when at least one preset loads, 1 when none does (the app would fall back to its
// built-in scenario). Needs no window, so it runs on any platform plugin.
int listPresets(std::FILE *out);

} // namespace conviz::gui
