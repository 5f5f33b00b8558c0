// The scenario half of a bookmark: what to write so that it restores exactly and stays small, and
// the scenario a bookmark stands for, checked as a scenario file would be. A shipped preset is
// written as its name plus the registry keys whose values differ (the keys `conviz-cli --set`, the
// sliders and the tours use), and anything those cannot say exactly as the whole scenario's TOML.
// Qt Core only; any thread.
#pragma once

#include "engine/core/scenario.h"
#include "gui/core/bookmark.h"

#include <QString>

#include <optional>
#include <vector>

namespace conviz::gui {

struct Preset;

// A short fingerprint of the scenario (of its TOML): a bookmark notices a preset that changed.
QString bookmarkFingerprint(const Scenario &scenario);

// The keys of `current` that differ from `preset`, in the order they are applied: choices, then
// the file's numeric keys and pools, then the request's derived totals; nothing when applying them
// (and the seed) to `preset` would not give exactly `current`.
std::optional<std::vector<BookmarkEdit>> bookmarkEdits(const Scenario &preset, const Scenario &current);

// Fills `bookmark`'s scenario and seed from `current`. `presetName` (a shipped preset's file base
// name, or "") and `presetValues` (that preset's values as its file has them) let it be written as
// the preset plus edits; otherwise, or when the edits cannot say it exactly, the whole scenario goes
// in, with `sourceFile` (the file it came from, or "") beside it.
void setBookmarkScenario(Bookmark &bookmark, const Scenario &current, const QString &presetName,
                         const Scenario *presetValues, const QString &sourceFile);

struct BookmarkScenario {
    std::optional<Scenario> scenario; // set iff error is empty
    QString sourcePath;               // the file the scenario belongs to: the preset's, or an existing `file`
    QString tourPath;                 // the tour `tourStep` refers to (when the bookmark has one)
    QString error;                    // every problem, one a line, each naming the bookmark and the key
    bool presetChanged = false;       // the preset's values are not those the bookmark was made from
};

// The scenario `parsed` stands for, validated; `presets` are the shipped presets (PresetModel).
// Names the bookmark as `sourceName` in messages. Changes nothing anywhere.
BookmarkScenario resolveBookmarkScenario(const BookmarkParse &parsed, const QString &sourceName,
                                         const std::vector<Preset> &presets);

} // namespace conviz::gui
