// A bookmark: one moment of the window, small enough to mail or paste into a chat — the scenario
// (a shipped preset by name plus the values the user changed, or the whole scenario as TOML), the
// seed, the instant on the playback clock, the timelines' zoom, which charts tab, stack picture and
// result the window shows, the Sweep tab's sweep when it is not the scenario's own, and the guided
// tour's step. As a file (`.conviz`, TOML a person can read)
// and as a token ("conviz:1:" + base64url of the zlib-compressed file without its comments).
// docs/bookmarks.md describes the format. Plain values and text; Qt Core only; any thread.
#pragma once

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace conviz::gui {

// The format this build writes and the newest it reads.
inline constexpr int kBookmarkFormat = 1;
// What a bookmark file's name ends with.
inline constexpr char kBookmarkSuffix[] = "conviz";
// What every token starts with (its format version included).
inline constexpr char kBookmarkTokenPrefix[] = "conviz:1:";

struct BookmarkView {
    enum class Charts : std::uint8_t { OverTime, Sweep, Cost };      // ChartsPane::Tab's order
    enum class Columns : std::uint8_t { Simulated, Measured, Both }; // ResultSource's order
    qint64 instant = 0;                                              // ns on the playback clock
    double timelineStart = 0;                                        // ns at the timelines' left edge
    double timelineSpan = 1e6;                                       // ns across the timelines
    bool follow = true;                                              // the timelines keep the clock in view
    Charts charts = Charts::OverTime;
    bool stackLogScale = false; // View › Stack memory on a log scale
    Columns columns = Columns::Simulated;

    friend bool operator==(const BookmarkView &, const BookmarkView &) = default;
};

// One changed value: a numeric registry key ("load.rate", "pools.db", "request.cpu") in its base
// unit (ns, bytes, req/s), or a choice key ("threads.mode") by the choice's name.
struct BookmarkEdit {
    QString key;
    std::optional<double> number;
    QString choice;

    friend bool operator==(const BookmarkEdit &, const BookmarkEdit &) = default;
};

// The Sweep tab's sweep, when it is not the scenario's own (engine/core/scenario.h SweepSpec).
struct BookmarkSweep {
    QString param; // a registry key: "load.rate"
    double from = 0;
    double to = 0;
    int steps = 10;
    bool log = false;

    friend bool operator==(const BookmarkSweep &, const BookmarkSweep &) = default;
};

struct Bookmark {
    int format = kBookmarkFormat;
    // The scenario: either `preset` (a shipped preset's file base name, "fanout-500") with `edits`
    // applied in order, or `scenarioToml` (the whole scenario; `file` says where it came from).
    QString preset;
    std::vector<BookmarkEdit> edits;
    QString check; // fingerprint of the scenario it was made of (bookmarkFingerprint)
    QString scenarioToml;
    QString file;
    std::uint64_t seed = 0;
    BookmarkView view;
    std::optional<int> tourStep; // 0-based step of the scenario's guided tour, when one ran
    std::optional<BookmarkSweep> sweep;

    friend bool operator==(const Bookmark &, const Bookmark &) = default;
};

struct BookmarkParse {
    std::optional<Bookmark> bookmark;
    QString error; // set iff bookmark is empty: what is wrong, naming the file or the token
    // Where the `scenario` text starts in the file (its first line is line scenarioLine + 1), so that
    // a problem inside it can be reported at the file's own line.
    int scenarioLine = 0;
};

// The bookmark as a `.conviz` file: TOML with a comment beside each key. `comments` false gives the
// compact text a token carries.
QString bookmarkToText(const Bookmark &bookmark, bool comments = true);
// Reads a bookmark file's text; `sourceName` (the file's path, or "the pasted bookmark") names it in
// the error. Refuses text over 1 MiB, a newer format, unknown keys and wrong types, saying which.
BookmarkParse bookmarkFromText(const QString &text, const QString &sourceName);

// The token: kBookmarkTokenPrefix + base64url (no padding) of qCompress(compact text).
QString bookmarkToToken(const Bookmark &bookmark);
// Reads a token (spaces, line breaks, quotes and <> around it and a full stop or comma after it, as
// chats and mail add them, are ignored).
// A text that is not a token, a newer version or a damaged one says so.
BookmarkParse bookmarkFromToken(const QString &token);
// Whether `text` looks like a token (after trimming): the clipboard holds one.
bool looksLikeBookmarkToken(const QString &text);

// A file name for the bookmark: "<scenario>-at-<instant>.conviz", e.g. "fanout-500-at-12.5ms.conviz".
QString bookmarkFileName(const QString &scenarioName, qint64 instant);

} // namespace conviz::gui
