// Bookmarks without a window: the file and the token round-trip; a preset plus its edits restores
// the exact scenario, and what edits cannot say goes in whole; a bookmark that no longer validates
// (a key renamed, a value out of range, a preset gone, a newer format, a damaged token) says what is
// wrong; a token for an edited preset is short. bookmark_window_test.cpp restores windows.
#include "gui/core/bookmark.h"
#include "gui/core/bookmark_scenario.h"
#include "gui/core/preset_model.h"

#include "bookmark_support.h"
#include "engine/scenario/parameters.h"
#include "engine/scenario/scenario_file.h"

#include <gtest/gtest.h>

#include <cstdio>

using namespace conviz;
using namespace conviz::gui;
using namespace conviz::gui::test;

namespace {

BookmarkParse parseText(const QString &text) { return bookmarkFromText(text, QStringLiteral("b.conviz")); }

QString resolveError(const PresetFolder &presets, const QString &text)
{
    return resolveBookmarkScenario(parseText(text), QStringLiteral("b.conviz"), presets.presets()).error;
}

} // namespace

TEST(BookmarkFile, TextAndTokenRoundTripEveryField)
{
    Bookmark b;
    b.preset = QStringLiteral("fanout-500");
    // By key, as a file read back lists them (restoring applies choices first, whatever the order).
    b.edits = {{.key = QStringLiteral("load.rate"), .number = 812.5, .choice = {}},
               {.key = QStringLiteral("request.cpu"), .number = 1.0 / 3.0 * 1e6, .choice = {}},
               {.key = QStringLiteral("threads.mode"), .number = std::nullopt, .choice = QStringLiteral("pool")}};
    b.check = QStringLiteral("0123456789ab");
    b.seed = 18446744073709551615ull; // past TOML's integers: written as a string
    b.view = {.instant = 123456789,
              .timelineStart = 1.0e8 / 3.0,
              .timelineSpan = 2.5e6,
              .follow = false,
              .charts = BookmarkView::Charts::Cost,
              .stackLogScale = true,
              .columns = BookmarkView::Columns::Both};
    b.tourStep = 4;
    b.sweep = BookmarkSweep{.param = QStringLiteral("pools.db"), .from = 2, .to = 64, .steps = 7, .log = true};
    const BookmarkParse text = bookmarkFromText(bookmarkToText(b), QStringLiteral("x.conviz"));
    ASSERT_TRUE(text.bookmark) << text.error.toStdString();
    EXPECT_EQ(*text.bookmark, b);
    const QString token = bookmarkToToken(b);
    EXPECT_TRUE(token.startsWith(QStringLiteral("conviz:1:")));
    EXPECT_TRUE(looksLikeBookmarkToken(token));
    // A chat wraps long lines and some put <> around what looks like a link.
    const QString wrapped =
        QStringLiteral("<") + token.left(30) + QStringLiteral("\n  ") + token.mid(30) + QStringLiteral(">");
    const BookmarkParse back = bookmarkFromToken(wrapped);
    ASSERT_TRUE(back.bookmark) << back.error.toStdString();
    EXPECT_EQ(*back.bookmark, b);
    // Quoted, in a sentence.
    const BookmarkParse quoted = bookmarkFromToken(QStringLiteral("“`") + token + QStringLiteral("`”."));
    ASSERT_TRUE(quoted.bookmark) << quoted.error.toStdString();
    EXPECT_TRUE(looksLikeBookmarkToken(QStringLiteral("“`") + token + QStringLiteral("`”.")));
    EXPECT_FALSE(looksLikeBookmarkToken(QStringLiteral("a conviz:1: sentence")));
    EXPECT_EQ(*quoted.bookmark, b);
    // A token leaves out what is at its default; it reads back the same.
    Bookmark plain;
    plain.preset = QStringLiteral("default");
    plain.view.instant = 5;
    const BookmarkParse short_ = bookmarkFromToken(bookmarkToToken(plain));
    ASSERT_TRUE(short_.bookmark) << short_.error.toStdString();
    EXPECT_EQ(*short_.bookmark, plain);
    EXPECT_LT(bookmarkToToken(plain).size(), bookmarkToToken(b).size());
}

TEST(BookmarkFile, AWholeScenarioRoundTripsAndStaysReadable)
{
    Bookmark b;
    b.scenarioToml = QString::fromStdString(scenario::toToml(presetScenario()));
    b.file = QStringLiteral("/home/me/my api.toml");
    b.seed = 42;
    const QString text = bookmarkToText(b);
    EXPECT_TRUE(text.contains(QStringLiteral("scenario = '''\n"))); // the TOML as it is, not escaped
    const BookmarkParse back = parseText(text);
    ASSERT_TRUE(back.bookmark) << back.error.toStdString();
    EXPECT_EQ(*back.bookmark, b);
}

TEST(BookmarkEdits, APresetPlusItsEditsRestoresTheExactScenario)
{
    PresetFolder folder;
    Scenario edited = presetScenario();
    edited.load.rate = 1234.5;
    edited.threads.mode = ThreadMode::Pool;
    edited.threads.poolSize = 24;
    edited.pools[0].size = 5;
    edited.seed = 99;
    ASSERT_TRUE(scenario::setParameterValue("request.cpu", edited, 700e3));
    edited = *scenario::loadString(scenario::toToml(edited), "edited").scenario;

    Bookmark b;
    setBookmarkScenario(b, edited, QStringLiteral("marked"), &folder.values(), folder.preset());
    EXPECT_EQ(b.preset, QStringLiteral("marked"));
    EXPECT_TRUE(b.scenarioToml.isEmpty());
    EXPECT_GE(b.edits.size(), 5u);
    EXPECT_LE(b.edits.size(), 7u); // only what changed, not the whole scenario
    const BookmarkScenario r =
        resolveBookmarkScenario(bookmarkFromToken(bookmarkToToken(b)), QStringLiteral("t"), folder.presets());
    ASSERT_TRUE(r.scenario) << r.error.toStdString();
    EXPECT_EQ(*r.scenario, edited);
    EXPECT_EQ(r.sourcePath, folder.preset());
    EXPECT_FALSE(r.presetChanged);
}

TEST(BookmarkEdits, WhatTheKeysCannotSayGoesInAsTheWholeScenario)
{
    PresetFolder folder;
    Scenario edited = presetScenario();
    edited.description = "Renamed by hand"; // no registry key says this
    Bookmark b;
    setBookmarkScenario(b, edited, QStringLiteral("marked"), &folder.values(), folder.preset());
    EXPECT_TRUE(b.preset.isEmpty());
    ASSERT_FALSE(b.scenarioToml.isEmpty());
    const BookmarkScenario r =
        resolveBookmarkScenario(parseText(bookmarkToText(b)), QStringLiteral("t"), folder.presets());
    ASSERT_TRUE(r.scenario) << r.error.toStdString();
    EXPECT_EQ(*r.scenario, edited);
}

TEST(BookmarkEdits, APresetThatChangedSinceIsNoticed)
{
    PresetFolder folder;
    Bookmark b;
    Scenario edited = presetScenario();
    edited.load.rate = 1500;
    setBookmarkScenario(b, edited, QStringLiteral("marked"), &folder.values(), folder.preset());
    Scenario changed = presetScenario();
    changed.load.requests = 700;
    ASSERT_FALSE(scenario::saveFile(changed, folder.preset().toStdString()));
    const BookmarkScenario r =
        resolveBookmarkScenario(parseText(bookmarkToText(b)), QStringLiteral("t"), folder.presets());
    ASSERT_TRUE(r.scenario);
    EXPECT_TRUE(r.presetChanged);
}

TEST(BookmarkValidation, EachProblemSaysWhatAndWhere)
{
    PresetFolder folder;
    ASSERT_TRUE(resolveError(folder, kValid).isEmpty()) << resolveError(folder, kValid).toStdString();
    auto expectError = [&](const QString &text, const QStringList &parts) {
        const QString error = resolveError(folder, text);
        for (const QString &part : parts)
            EXPECT_TRUE(error.contains(part)) << "expected “" << part.toStdString() << "” in: " << error.toStdString();
    };
    QString renamed = kValid;
    renamed.replace(QStringLiteral("\"load.rate\""), QStringLiteral("\"load.rat\""));
    expectError(renamed, {QStringLiteral("b.conviz: [edits]"), QStringLiteral("`load.rat`"),
                          QStringLiteral("did you mean `load.rate`")});
    QString outOfRange = kValid;
    outOfRange.replace(QStringLiteral("= 1500"), QStringLiteral("= -5"));
    expectError(outOfRange,
                {QStringLiteral("b.conviz: [edits]"), QStringLiteral("`load.rate`"), QStringLiteral("greater than 0")});
    QString pool = kValid;
    pool.replace(QStringLiteral("\"load.rate\" = 1500"), QStringLiteral("\"pools.db\" = -3"));
    expectError(pool, {QStringLiteral("b.conviz: [edits] `pools.db`"), QStringLiteral("got -3")});
    QString choice = kValid;
    choice.replace(QStringLiteral("\"load.rate\" = 1500"), QStringLiteral("\"threads.mode\" = \"poool\""));
    expectError(choice, {QStringLiteral("`threads.mode` is one of"), QStringLiteral("\"pool\""),
                         QStringLiteral("got \"poool\"")});
    QString preset = kValid;
    preset.replace(QStringLiteral("\"marked\""), QStringLiteral("\"gone\""));
    expectError(preset, {QStringLiteral("no preset “gone”"), QStringLiteral("marked")});
    QString newer = kValid;
    newer.replace(QStringLiteral("conviz_bookmark = 1"), QStringLiteral("conviz_bookmark = 2"));
    expectError(newer, {QStringLiteral("newer conviz"), QStringLiteral("format 2")});
    expectError(kValid + QStringLiteral("[tour]\nstep = 9\n"),
                {QStringLiteral("[tour] `step`"), QStringLiteral("step 9"), QStringLiteral("3 steps now")});
    expectError(kValid + QStringLiteral("zoom = 3\n"), {QStringLiteral("unknown key `zoom` in [view]")});
    expectError(kValid + QStringLiteral("[sweep]\nparam = \"load.rat\"\nfrom = 1\nto = 2\nsteps = 3\nlog = false\n"),
                {QStringLiteral("[sweep] `param`"), QStringLiteral("did you mean `load.rate`")});
    expectError(
        QStringLiteral("conviz_bookmark = 1\nseed = 1\nscenario = '''\nname = \"x\"\n[load]\nrate = \"fast\"\n'''\n"),
        {QStringLiteral("b.conviz:6:")}); // the bookmark's own line, not the scenario's
    expectError(QStringLiteral("name = \"a scenario, not a bookmark\"\n"), {QStringLiteral("not a conviz bookmark")});
}

TEST(BookmarkValidation, ATokenThatIsNotOneOrIsDamagedSaysSo)
{
    Bookmark b;
    b.preset = QStringLiteral("default");
    const QString token = bookmarkToToken(b);
    EXPECT_TRUE(bookmarkFromToken(token.left(token.size() - 6)).error.contains(QStringLiteral("damaged")));
    EXPECT_TRUE(bookmarkFromToken(QStringLiteral("conviz:1:%%%")).error.contains(QStringLiteral("damaged")));
    EXPECT_TRUE(bookmarkFromToken(QStringLiteral("hello")).error.contains(QStringLiteral("not a conviz bookmark")));
    EXPECT_TRUE(bookmarkFromToken(QStringLiteral("conviz:7:abc")).error.contains(QStringLiteral("newer conviz")));
    // A key of thousands of dotted parts would overflow the TOML parser's stack: refused first.
    QString deep =
        QStringLiteral("conviz_bookmark = 1\n") + QStringLiteral("a.").repeated(5000) + QStringLiteral("b = 1\n");
    EXPECT_TRUE(parseText(deep).error.contains(QStringLiteral("dots")));
}

TEST(BookmarkFile, ATokenForAnEditedShippedPresetIsShortEnoughForAChat)
{
    // Shipped presets as a workshop shares them; docs/bookmarks.md quotes what this prints.
    const auto load = [](const char *name) {
        return scenario::loadFile(
            (presetDirectory() + QLatin1Char('/') + QString::fromLatin1(name) + QStringLiteral(".toml")).toStdString());
    };
    const auto measure = [](const char *what, const Bookmark &b) {
        const QString token = bookmarkToToken(b);
        std::printf("| %s | %lld bytes | %lld characters |\n", what,
                    static_cast<long long>(bookmarkToText(b).toUtf8().size()), static_cast<long long>(token.size()));
        return token.size();
    };
    const scenario::LoadResult plain = load("default");
    ASSERT_TRUE(plain.ok());
    Bookmark b;
    setBookmarkScenario(b, *plain.scenario, QStringLiteral("default"), &*plain.scenario, {});
    ASSERT_TRUE(b.edits.empty());
    b.view.instant = 1'563'210'000;
    EXPECT_LT(measure("default, unedited, at an instant", b), 200);

    // Two sliders moved, zoomed in and panned: the typical paste.
    Scenario edited = *plain.scenario;
    edited.load.rate = 2500;
    edited.pools[0].size = 20;
    setBookmarkScenario(b, edited, QStringLiteral("default"), &*plain.scenario, {});
    ASSERT_EQ(b.edits.size(), 2u);
    b.view = {.instant = 1'563'210'000, .timelineStart = 1'560'000'000, .timelineSpan = 8'000'000, .follow = false};
    EXPECT_LT(measure("default, 2 edits, zoomed and panned", b), 300);

    const scenario::LoadResult fanout = load("fanout-500");
    ASSERT_TRUE(fanout.ok());
    edited = *fanout.scenario;
    edited.machine.cores = 16;
    edited.load.rate = 35;
    ASSERT_TRUE(scenario::setChoiceValue("threads.mode", edited, "pool"));
    setBookmarkScenario(b, edited, QStringLiteral("fanout-500"), &*fanout.scenario, {});
    ASSERT_EQ(b.edits.size(), 3u);
    b.view.charts = BookmarkView::Charts::Cost;
    b.tourStep = 2;
    EXPECT_LT(measure("fanout-500, 3 edits, zoomed, tour step 3, Cost tab", b), 350);

    // Not a preset: the whole scenario goes in.
    Bookmark whole;
    setBookmarkScenario(whole, edited, {}, nullptr, QStringLiteral("/home/me/my-fanout.toml"));
    measure("fanout-500's values as a file of your own (whole scenario)", whole);
    // Its token leaves the scenario's comments out, and still gives exactly that scenario.
    const BookmarkScenario back =
        resolveBookmarkScenario(bookmarkFromToken(bookmarkToToken(whole)), QStringLiteral("t"), {});
    ASSERT_TRUE(back.scenario) << back.error.toStdString();
    EXPECT_EQ(*back.scenario, edited);
}
