#include "gui/core/bookmark_scenario.h"

#include "engine/scenario/parameters.h"
#include "engine/scenario/scenario_file.h"
#include "gui/core/format.h"
#include "gui/core/preset_model.h"
#include "gui/core/tour.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace conviz::gui {
namespace {

QString q(const std::string &s) { return QString::fromStdString(s); }

// The order edits apply in: a choice can decide which numeric keys a scenario has (a pool's size),
// and a request total rescales steps the file's keys do not touch.
int editClass(const BookmarkEdit &e)
{
    if (!e.number)
        return 0;
    const auto info = scenario::findParameter(e.key.toStdString());
    return info && !info->inFile ? 2 : 1;
}

void sortEdits(std::vector<BookmarkEdit> &edits)
{
    std::stable_sort(edits.begin(), edits.end(), [](const BookmarkEdit &a, const BookmarkEdit &b) {
        const int ca = editClass(a);
        const int cb = editClass(b);
        return ca != cb ? ca < cb : a.key < b.key;
    });
}

// A value in a message: "1,000,000", "0.25".
QString shown(double v)
{
    return std::abs(v) < 9e15 && v == std::floor(v) ? formatCount(static_cast<std::int64_t>(v))
                                                    : QString::number(v, 'g', 10);
}

// Applies one edit; the problem in words (naming the key and what it takes), or empty.
QString applyEdit(const BookmarkEdit &e, Scenario &s)
{
    const std::string key = e.key.toStdString();
    const std::optional<scenario::ChoiceInfo> choice = scenario::findChoice(key);
    if (!e.number) {
        if (!choice) {
            if (scenario::findParameter(key))
                return QStringLiteral("`%1` takes a number, got \"%2\"").arg(e.key, e.choice);
            return q(scenario::unknownParameterMessage(key));
        }
        if (scenario::setChoiceValue(key, s, e.choice.toStdString()))
            return {};
        QStringList names;
        for (const std::string &c : choice->choices)
            names << QStringLiteral("\"%1\"").arg(q(c));
        return QStringLiteral("`%1` is one of %2; got \"%3\"").arg(e.key, names.join(QStringLiteral(", ")), e.choice);
    }
    if (choice)
        return QStringLiteral("`%1` takes the name of a choice, got %2").arg(e.key).arg(*e.number);
    const std::optional<scenario::ParameterInfo> info = scenario::findParameter(key);
    if (!info)
        return q(scenario::unknownParameterMessage(key));
    const double v = *e.number;
    if (!scenario::setParameterValue(key, s, v))
        return QStringLiteral("`%1` does not apply to this scenario (its load, pools or request steps have no such "
                              "value)")
            .arg(e.key);
    // The registry keeps a slider's value in reach (a pool at least 1) where the file's check would
    // refuse it; a bookmark's value is refused instead. Out-of-range values it keeps are left to the
    // scenario loader, whose message names the range.
    if (const std::optional<double> now = scenario::parameterValue(key, s);
        !now || std::abs(*now - v) > 1.0 + 1e-6 * std::abs(v))
        return QStringLiteral("`%1`: expected a value %2 %3 to %4, got %5")
            .arg(e.key, info->minExclusive ? QStringLiteral("above") : QStringLiteral("from"))
            .arg(shown(info->min), shown(info->max), shown(v));
    return {};
}

bool sameValue(std::optional<double> a, std::optional<double> b)
{
    return a.has_value() == b.has_value() && (!a || *a == *b);
}

} // namespace

QString bookmarkFingerprint(const Scenario &s)
{
    const std::string text = scenario::toToml(s);
    return QString::fromLatin1(
        QCryptographicHash::hash(QByteArray::fromStdString(text), QCryptographicHash::Sha256).toHex().left(12));
}

std::optional<std::vector<BookmarkEdit>> bookmarkEdits(const Scenario &preset, const Scenario &current)
{
    std::vector<BookmarkEdit> edits;
    Scenario rebuilt = preset;
    for (const scenario::ChoiceInfo &c : scenario::choiceParameters()) {
        const std::optional<std::string> now = scenario::choiceValue(c.key, current);
        if (now && now != scenario::choiceValue(c.key, preset)) {
            edits.push_back({.key = q(c.key), .number = std::nullopt, .choice = q(*now)});
            scenario::setChoiceValue(c.key, rebuilt, *now);
        }
    }
    // The file's keys first, against the preset; the derived totals then against what those give.
    for (const bool inFile : {true, false})
        for (const scenario::ParameterInfo &p : scenario::parametersOf(current)) {
            if (p.inFile != inFile)
                continue;
            const std::optional<double> now = scenario::parameterValue(p.key, current);
            if (!now || sameValue(now, scenario::parameterValue(p.key, rebuilt)))
                continue;
            edits.push_back({.key = q(p.key), .number = *now, .choice = {}});
            scenario::setParameterValue(p.key, rebuilt, *now);
        }
    sortEdits(edits);
    // What a restore does, step for step: only a bookmark that gives `current` exactly is written so.
    Scenario check = preset;
    for (const BookmarkEdit &e : edits)
        if (!applyEdit(e, check).isEmpty())
            return std::nullopt;
    check.seed = current.seed;
    const scenario::LoadResult loaded = scenario::loadString(scenario::toToml(check), "bookmark");
    if (!loaded.ok() || *loaded.scenario != current)
        return std::nullopt;
    return edits;
}

void setBookmarkScenario(Bookmark &b, const Scenario &current, const QString &presetName, const Scenario *presetValues,
                         const QString &sourceFile)
{
    b.seed = current.seed;
    b.preset.clear();
    b.edits.clear();
    b.check.clear();
    b.scenarioToml.clear();
    b.file.clear();
    if (!presetName.isEmpty() && presetValues) {
        if (std::optional<std::vector<BookmarkEdit>> edits = bookmarkEdits(*presetValues, current)) {
            b.preset = presetName;
            // By key, as a file read back lists them: restoring applies them in their own order.
            std::sort(edits->begin(), edits->end(),
                      [](const BookmarkEdit &x, const BookmarkEdit &y) { return x.key < y.key; });
            b.edits = std::move(*edits);
            b.check = bookmarkFingerprint(current);
            return;
        }
    }
    b.scenarioToml = q(scenario::toToml(current));
    b.file = sourceFile;
}

BookmarkScenario resolveBookmarkScenario(const BookmarkParse &parsed, const QString &sourceName,
                                         const std::vector<Preset> &presets)
{
    BookmarkScenario out;
    QStringList errors;
    const auto finish = [&] {
        if (!errors.isEmpty()) {
            out.scenario.reset();
            out.error = errors.join(QLatin1Char('\n'));
        }
        return out;
    };
    if (!parsed.bookmark) {
        out.error = parsed.error;
        return out;
    }
    const Bookmark &b = *parsed.bookmark;
    Scenario s;
    if (!b.preset.isEmpty()) {
        const auto found = std::find_if(presets.begin(), presets.end(), [&](const Preset &p) {
            return QFileInfo(p.path).completeBaseName() == b.preset;
        });
        if (found == presets.end()) {
            QStringList names;
            for (const Preset &p : presets)
                names << QFileInfo(p.path).completeBaseName();
            errors << QStringLiteral("%1: `preset`: this conviz has no preset “%2” (it has %3)")
                          .arg(sourceName, b.preset,
                               names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", ")));
            return finish();
        }
        const scenario::LoadResult loaded = scenario::loadFile(found->path.toStdString());
        if (!loaded.ok()) {
            for (const scenario::Diagnostic &d : loaded.errors)
                errors
                    << QStringLiteral("%1: the preset “%2” does not load: %3").arg(sourceName, b.preset, q(d.format()));
            return finish();
        }
        s = *loaded.scenario;
        out.sourcePath = found->path;
        std::vector<BookmarkEdit> edits = b.edits;
        sortEdits(edits);
        for (const BookmarkEdit &e : edits)
            if (const QString problem = applyEdit(e, s); !problem.isEmpty())
                errors << QStringLiteral("%1: [edits] %2").arg(sourceName, problem);
        if (!errors.isEmpty())
            return finish();
    } else {
        const QByteArray text = b.scenarioToml.toUtf8();
        const scenario::LoadResult loaded = scenario::loadString(
            std::string_view(text.constData(), static_cast<std::size_t>(text.size())), sourceName.toStdString());
        if (!loaded.ok()) {
            // At the bookmark's own lines: the scenario's text starts on the line after `scenario = '''`.
            for (scenario::Diagnostic d : loaded.errors) {
                if (d.line > 0 && parsed.scenarioLine > 0)
                    d.line += parsed.scenarioLine;
                errors << q(d.format());
            }
            return finish();
        }
        s = *loaded.scenario;
        if (!b.file.isEmpty() && QFileInfo::exists(b.file))
            out.sourcePath = b.file;
    }
    s.seed = b.seed;
    const scenario::LoadResult valid = scenario::loadString(scenario::toToml(s), sourceName.toStdString());
    if (!valid.ok()) {
        // The edits gave values the scenario refuses (out of range, or in conflict with each other).
        for (const scenario::Diagnostic &d : valid.errors)
            errors << QStringLiteral("%1: [edits] %2").arg(sourceName, q(d.message));
        return finish();
    }
    out.scenario = *valid.scenario;
    out.presetChanged = !b.preset.isEmpty() && !b.check.isEmpty() && b.check != bookmarkFingerprint(*out.scenario);
    if (b.sweep && !scenario::parameterApplies(b.sweep->param.toStdString(), *out.scenario))
        errors << QStringLiteral("%1: [sweep] `param`: %2")
                      .arg(sourceName, scenario::findParameter(b.sweep->param.toStdString())
                                           ? QStringLiteral("`%1` does not apply to this scenario").arg(b.sweep->param)
                                           : q(scenario::unknownParameterMessage(b.sweep->param.toStdString())));
    if (b.tourStep) {
        out.tourPath = tourPathFor(out.sourcePath);
        const QString scenarioName = QString::fromStdString(out.scenario->name);
        if (out.tourPath.isEmpty()) {
            errors << QStringLiteral("%1: [tour] `step`: the bookmark is at step %2 of a guided tour, and “%3” has "
                                     "no tour here")
                          .arg(sourceName)
                          .arg(*b.tourStep + 1)
                          .arg(scenarioName);
        } else if (const TourLoad tour = loadTour(out.tourPath); !tour.tour) {
            errors << QStringLiteral("%1: [tour]: the tour does not load: %2").arg(sourceName, tour.error);
        } else if (*b.tourStep >= static_cast<int>(tour.tour->steps.size())) {
            errors << QStringLiteral("%1: [tour] `step`: the bookmark is at step %2, and the tour of “%3” has %4 "
                                     "steps now")
                          .arg(sourceName)
                          .arg(*b.tourStep + 1)
                          .arg(scenarioName)
                          .arg(tour.tour->steps.size());
        }
    }
    return finish();
}

} // namespace conviz::gui
