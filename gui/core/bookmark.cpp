#include "gui/core/bookmark.h"

#include "gui/core/format.h"

#include <toml++/toml.h>

#include <QByteArray>
#include <QRegularExpression>
#include <QStringList>

#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>

namespace conviz::gui {
namespace {

// A bookmark holds at most a scenario, which the loader caps at 1 MiB, and a few lines more.
constexpr qsizetype kMaxTextBytes = 1024 * 1024 + 64 * 1024;
// No line of a bookmark, its scenario's included, comes near this many dots; toml++ recurses once
// per dotted key part, and a long enough chain ("a.a.a.…") in a pasted token would overflow the
// stack (engine/scenario/document.cpp guards scenario files the same way, at 16 parts a key).
constexpr int kMaxDotsPerLine = 256;

constexpr std::array kCharts{"over time", "sweep", "cost"};
constexpr std::array kColumns{"simulated", "measured", "both"};
constexpr std::array kStack{"tiles", "log bars"};

QString q(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

// `text` as a TOML basic string.
QString tomlString(const QString &text)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '"': out += QStringLiteral("\\\""); break;
        case '\\': out += QStringLiteral("\\\\"); break;
        case '\n': out += QStringLiteral("\\n"); break;
        case '\t': out += QStringLiteral("\\t"); break;
        case '\r': out += QStringLiteral("\\r"); break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    return out + QLatin1Char('"');
}

// The shortest text that reads back as the same double ("800", "0.25", "1.5e-07").
QString number(double v)
{
    if (std::abs(v) < 9e15 && v == std::floor(v))
        return QString::number(static_cast<qint64>(v));
    std::array<char, 64> buf{};
    const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    return ec == std::errc() ? QString::fromLatin1(buf.data(), end - buf.data()) : QStringLiteral("0");
}

// A TOML number as a double; nothing for any other value.
std::optional<double> asNumber(const toml::node &n)
{
    if (const auto *i = n.as_integer())
        return static_cast<double>(i->get());
    if (const auto *f = n.as_floating_point())
        return f->get();
    return std::nullopt;
}

template <std::size_t N>
std::optional<int> nameIndex(const std::array<const char *, N> &names, std::string_view name)
{
    for (std::size_t i = 0; i < N; ++i)
        if (name == names[i])
            return static_cast<int>(i);
    return std::nullopt;
}

template <std::size_t N>
QString oneOf(const std::array<const char *, N> &names)
{
    QStringList quoted;
    for (const char *n : names)
        quoted << QStringLiteral("\"%1\"").arg(QString::fromLatin1(n));
    return quoted.join(QStringLiteral(", "));
}

// Refuses what must not reach the TOML parser: see kMaxDotsPerLine.
QString hostileLine(const QString &text)
{
    int lineNo = 0;
    for (const QStringView line : QStringView(text).split(QLatin1Char('\n'))) {
        ++lineNo;
        if (line.count(QLatin1Char('.')) > kMaxDotsPerLine)
            return QStringLiteral("line %1 has more than %2 dots, which no bookmark line has")
                .arg(lineNo)
                .arg(kMaxDotsPerLine);
    }
    return {};
}

// Reads the table `t` of the file into `b`; the first problem, or empty.
class Reader {
public:
    explicit Reader(Bookmark &b) : m_b(b) {}
    QString error;
    int scenarioLine = 0;

    void top(const toml::table &t)
    {
        for (const auto &[k, v] : t) {
            const std::string_view key = k.str();
            if (key == "conviz_bookmark") {
            } else if (key == "preset")
                m_b.preset = text(v, "preset");
            else if (key == "check")
                m_b.check = text(v, "check");
            else if (key == "file")
                m_b.file = text(v, "file");
            else if (key == "scenario") {
                m_b.scenarioToml = text(v, "scenario");
                scenarioLine = static_cast<int>(v.source().begin.line);
            } else if (key == "seed")
                readSeed(v);
            else if (key == "edits")
                edits(v);
            else if (key == "view")
                view(v);
            else if (key == "tour")
                tour(v);
            else if (key == "sweep")
                sweep(v);
            else
                fail(QStringLiteral("unknown key `%1`").arg(q(key)));
        }
        if (m_b.preset.isEmpty() == m_b.scenarioToml.isEmpty())
            fail(QStringLiteral("a bookmark names either a `preset` or holds a `scenario`, and this one has %1")
                     .arg(m_b.preset.isEmpty() ? QStringLiteral("neither") : QStringLiteral("both")));
        if (!m_b.edits.empty() && m_b.preset.isEmpty())
            fail(QStringLiteral("[edits] change a `preset`, and this bookmark names none"));
    }

private:
    void fail(const QString &what)
    {
        if (error.isEmpty())
            error = what;
    }
    QString text(const toml::node &v, const char *key)
    {
        if (const auto *s = v.as_string())
            return q(s->get());
        fail(QStringLiteral("`%1` must be a string").arg(QString::fromLatin1(key)));
        return {};
    }
    void readSeed(const toml::node &v)
    {
        // TOML integers stop at 2^63 − 1: a larger seed is a string of digits, as in a scenario.
        bool ok = false;
        if (const auto *i = v.as_integer(); i && i->get() >= 0) {
            m_b.seed = static_cast<std::uint64_t>(i->get());
            ok = true;
        } else if (const auto *s = v.as_string())
            m_b.seed = q(s->get()).toULongLong(&ok);
        if (!ok)
            fail(QStringLiteral("`seed` must be a whole number from 0 to 18446744073709551615"));
    }
    void edits(const toml::node &v)
    {
        const auto *t = v.as_table();
        if (!t)
            return fail(QStringLiteral("`edits` must be a table"));
        for (const auto &[k, value] : *t) {
            BookmarkEdit e{.key = q(k.str()), .number = std::nullopt, .choice = {}};
            if (const auto *s = value.as_string())
                e.choice = q(s->get());
            else if (!(e.number = asNumber(value)) || !std::isfinite(*e.number))
                return fail(QStringLiteral("[edits] `%1` must be a number or a choice's name").arg(e.key));
            m_b.edits.push_back(std::move(e));
        }
    }
    void view(const toml::node &v)
    {
        const auto *t = v.as_table();
        if (!t)
            return fail(QStringLiteral("`view` must be a table"));
        BookmarkView &w = m_b.view;
        for (const auto &[k, value] : *t) {
            const std::string_view key = k.str();
            const std::optional<double> n = asNumber(value);
            const auto *s = value.as_string();
            if (key == "instant" && value.as_integer() && *n >= 0)
                w.instant = value.as_integer()->get();
            else if (key == "timeline_start" && n && std::isfinite(*n))
                w.timelineStart = *n;
            else if (key == "timeline_span" && n && std::isfinite(*n) && *n > 0)
                w.timelineSpan = *n;
            else if (key == "follow" && value.as_boolean())
                w.follow = value.as_boolean()->get();
            else if (key == "charts" && s && nameIndex(kCharts, s->get()))
                w.charts = static_cast<BookmarkView::Charts>(*nameIndex(kCharts, s->get()));
            else if (key == "columns" && s && nameIndex(kColumns, s->get()))
                w.columns = static_cast<BookmarkView::Columns>(*nameIndex(kColumns, s->get()));
            else if (key == "stack_memory" && s && nameIndex(kStack, s->get()))
                w.stackLogScale = *nameIndex(kStack, s->get()) == 1;
            else if (key == "instant")
                return fail(QStringLiteral("[view] `instant` must be a whole number of nanoseconds, 0 or more"));
            else if (key == "timeline_start" || key == "timeline_span")
                return fail(QStringLiteral("[view] `%1` must be a number of nanoseconds%2")
                                .arg(q(key), key == "timeline_span" ? QStringLiteral(" above 0") : QString()));
            else if (key == "follow")
                return fail(QStringLiteral("[view] `follow` must be true or false"));
            else if (key == "charts")
                return fail(QStringLiteral("[view] `charts` must be one of %1").arg(oneOf(kCharts)));
            else if (key == "columns")
                return fail(QStringLiteral("[view] `columns` must be one of %1").arg(oneOf(kColumns)));
            else if (key == "stack_memory")
                return fail(QStringLiteral("[view] `stack_memory` must be one of %1").arg(oneOf(kStack)));
            else
                return fail(QStringLiteral("unknown key `%1` in [view]").arg(q(key)));
        }
    }
    void sweep(const toml::node &v)
    {
        const auto *t = v.as_table();
        const auto *param = t ? t->get_as<std::string>("param") : nullptr;
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const toml::node *fromNode = t ? t->get("from") : nullptr;
        const toml::node *toNode = t ? t->get("to") : nullptr;
        const double from = fromNode ? asNumber(*fromNode).value_or(nan) : nan;
        const double to = toNode ? asNumber(*toNode).value_or(nan) : nan;
        const auto *steps = t ? t->get_as<std::int64_t>("steps") : nullptr;
        const auto *log = t ? t->get_as<bool>("log") : nullptr;
        if (!param || !std::isfinite(from) || !std::isfinite(to) || !steps || steps->get() < 2 || steps->get() > 1000 ||
            !log || t->size() != 5)
            return fail(QStringLiteral("[sweep] holds `param` (a key), `from` and `to` (numbers), `steps` (2 to "
                                       "1000) and `log` (true or false), and nothing else"));
        m_b.sweep = BookmarkSweep{.param = q(param->get()),
                                  .from = from,
                                  .to = to,
                                  .steps = static_cast<int>(steps->get()),
                                  .log = log->get()};
    }
    void tour(const toml::node &v)
    {
        const auto *t = v.as_table();
        const toml::node *step = t ? t->get("step") : nullptr;
        if (!t || t->size() != 1 || !step || !step->as_integer() || step->as_integer()->get() < 1 ||
            step->as_integer()->get() > 10000)
            return fail(QStringLiteral("[tour] holds one key, `step`, a step number from 1"));
        m_b.tourStep = static_cast<int>(step->as_integer()->get() - 1);
    }

    Bookmark &m_b;
};

// The scenario's TOML without its comments and alignment, for a token: a scenario file explains each
// key beside it, which is most of its bytes. The text as it is when toml++ cannot read it back.
QString compactScenario(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    try {
        const toml::table t = toml::parse(std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())));
        std::ostringstream out;
        out << toml::toml_formatter(t, toml::format_flags::none);
        return QString::fromStdString(out.str()) + QLatin1Char('\n');
    } catch (const toml::parse_error &) {
        return text;
    }
}

} // namespace

QString bookmarkToText(const Bookmark &b, bool comments)
{
    QStringList lines;
    auto line = [&](const QString &text, const char *comment = nullptr) {
        if (comments && comment)
            lines << text.leftJustified(34) + QStringLiteral(" # ") + QString::fromUtf8(comment);
        else
            lines << text;
    };
    if (comments)
        lines << QStringLiteral("# A conviz bookmark: `conviz THIS.conviz` or File › Open bookmark… puts the window")
              << QStringLiteral("# back as it was. docs/bookmarks.md describes every key.");
    line(QStringLiteral("conviz_bookmark = %1").arg(b.format), "the format's version");
    const bool seedFits = b.seed <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (!b.preset.isEmpty()) {
        line(QStringLiteral("preset = %1").arg(tomlString(b.preset)), "a shipped preset, by its file name");
        line(QStringLiteral("seed = %1").arg(seedFits ? QString::number(b.seed) : tomlString(QString::number(b.seed))),
             "same scenario and seed, same run");
        if (!b.check.isEmpty())
            line(QStringLiteral("check = %1").arg(tomlString(b.check)), "notices a preset that changed since");
        if (!b.edits.empty()) {
            lines << QString();
            line(QStringLiteral("[edits]"), "the values changed from the preset's (ns, bytes, req/s)");
            for (const BookmarkEdit &e : b.edits)
                lines << QStringLiteral("%1 = %2").arg(tomlString(e.key),
                                                       e.number ? number(*e.number) : tomlString(e.choice));
        }
    } else {
        if (!b.file.isEmpty())
            line(QStringLiteral("file = %1").arg(tomlString(b.file)), "where the scenario came from");
        line(QStringLiteral("seed = %1").arg(seedFits ? QString::number(b.seed) : tomlString(QString::number(b.seed))),
             "same scenario and seed, same run");
        // A literal string keeps the scenario readable; one holding ''' itself is escaped instead.
        const QString scenario = comments ? b.scenarioToml : compactScenario(b.scenarioToml);
        if (scenario.contains(QStringLiteral("'''")))
            lines << QStringLiteral("scenario = %1").arg(tomlString(scenario));
        else
            lines << QStringLiteral("scenario = '''\n%1'''").arg(scenario);
    }
    lines << QString();
    line(QStringLiteral("[view]"));
    const BookmarkView &v = b.view;
    const BookmarkView defaults;
    // The file names every key; a token leaves out those at their default, which reads back the same.
    const bool all = comments;
    line(QStringLiteral("instant = %1").arg(v.instant), "ns on the playback clock");
    if (all || v.timelineStart != defaults.timelineStart)
        line(QStringLiteral("timeline_start = %1").arg(number(v.timelineStart)), "ns at the timelines' left edge");
    if (all || v.timelineSpan != defaults.timelineSpan)
        line(QStringLiteral("timeline_span = %1").arg(number(v.timelineSpan)), "ns across the timelines");
    if (all || v.follow != defaults.follow)
        line(QStringLiteral("follow = %1").arg(v.follow ? QStringLiteral("true") : QStringLiteral("false")),
             "the timelines keep the clock in view");
    if (all || v.charts != defaults.charts)
        line(QStringLiteral("charts = \"%1\"").arg(QString::fromLatin1(kCharts[static_cast<int>(v.charts)])),
             "over time | sweep | cost");
    if (all || v.stackLogScale != defaults.stackLogScale)
        line(QStringLiteral("stack_memory = \"%1\"").arg(QString::fromLatin1(kStack[v.stackLogScale ? 1 : 0])),
             "tiles | log bars");
    if (all || v.columns != defaults.columns)
        line(QStringLiteral("columns = \"%1\"").arg(QString::fromLatin1(kColumns[static_cast<int>(v.columns)])),
             "simulated | measured | both");
    if (b.sweep) {
        lines << QString();
        line(QStringLiteral("[sweep]"), "the Sweep tab's, not the scenario's own");
        line(QStringLiteral("param = %1").arg(tomlString(b.sweep->param)));
        line(QStringLiteral("from = %1").arg(number(b.sweep->from)));
        line(QStringLiteral("to = %1").arg(number(b.sweep->to)));
        line(QStringLiteral("steps = %1").arg(b.sweep->steps));
        line(QStringLiteral("log = %1").arg(b.sweep->log ? QStringLiteral("true") : QStringLiteral("false")));
    }
    if (b.tourStep) {
        lines << QString();
        line(QStringLiteral("[tour]"));
        line(QStringLiteral("step = %1").arg(*b.tourStep + 1), "of the scenario's guided tour, from 1");
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

BookmarkParse bookmarkFromText(const QString &text, const QString &sourceName)
{
    BookmarkParse out;
    auto fail = [&](const QString &what) {
        out.error = QStringLiteral("%1: %2").arg(sourceName, what);
        return out;
    };
    const QByteArray utf8 = text.toUtf8();
    if (utf8.size() > kMaxTextBytes)
        return fail(QStringLiteral("%1 bytes is too long for a bookmark").arg(formatCount(utf8.size())));
    if (const QString hostile = hostileLine(text); !hostile.isEmpty())
        return fail(hostile);
    toml::table root;
    try {
        root = toml::parse(std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())));
    } catch (const toml::parse_error &e) {
        return fail(QStringLiteral("line %1, column %2: this is not a bookmark's TOML: %3")
                        .arg(e.source().begin.line)
                        .arg(e.source().begin.column)
                        .arg(q(e.description())));
    }
    const toml::node *version = root.get("conviz_bookmark");
    if (!version || !version->as_integer())
        return fail(QStringLiteral("this is not a conviz bookmark (it has no `conviz_bookmark = %1` line)")
                        .arg(kBookmarkFormat));
    const std::int64_t format = version->as_integer()->get();
    if (format > kBookmarkFormat)
        return fail(QStringLiteral("this bookmark was made by a newer conviz (bookmark format %1; this conviz reads "
                                   "format %2 and older): update conviz to open it")
                        .arg(format)
                        .arg(kBookmarkFormat));
    if (format < 1)
        return fail(QStringLiteral("`conviz_bookmark` must be a format version from 1, got %1").arg(format));
    Bookmark b;
    b.format = static_cast<int>(format);
    Reader reader(b);
    reader.top(root);
    if (!reader.error.isEmpty())
        return fail(reader.error);
    out.bookmark = std::move(b);
    out.scenarioLine = reader.scenarioLine;
    return out;
}

QString bookmarkToToken(const Bookmark &bookmark)
{
    const QByteArray packed = qCompress(bookmarkToText(bookmark, false).toUtf8(), 9);
    return QString::fromLatin1(kBookmarkTokenPrefix) +
           QString::fromLatin1(packed.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

namespace {

// The token without what chats and mail wrap it in or put after it (none of it is base64url).
QString cleanToken(const QString &token)
{
    QString t = token;
    t.remove(QRegularExpression(QStringLiteral("[\\s<>\"'`“”‘’«»]")));
    t.remove(QRegularExpression(QStringLiteral("[.,;!?)\\]]+$")));
    return t;
}

} // namespace

bool looksLikeBookmarkToken(const QString &text)
{
    return text.size() < 4 * kMaxTextBytes && cleanToken(text).startsWith(QStringLiteral("conviz:"));
}

BookmarkParse bookmarkFromToken(const QString &token)
{
    const QString source = QStringLiteral("the pasted bookmark");
    BookmarkParse out;
    const QString t = cleanToken(token);
    if (!t.startsWith(QStringLiteral("conviz:"))) {
        out.error = QStringLiteral("%1 is not a conviz bookmark: a bookmark's text starts with “%2”")
                        .arg(source, QString::fromLatin1(kBookmarkTokenPrefix));
        return out;
    }
    if (!t.startsWith(QString::fromLatin1(kBookmarkTokenPrefix))) {
        const QString version = t.section(QLatin1Char(':'), 1, 1);
        out.error = QStringLiteral("%1 was made by a newer conviz (token version %2; this conviz reads version 1): "
                                   "update conviz to open it")
                        .arg(source, version.left(8));
        return out;
    }
    const QByteArray base64 = t.mid(static_cast<qsizetype>(sizeof(kBookmarkTokenPrefix) - 1)).toLatin1();
    const auto decoded =
        QByteArray::fromBase64Encoding(base64, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    // qCompress's first four bytes are the length it expands to: refuse a bomb before expanding.
    const auto expands = [](const QByteArray &z) {
        return z.size() < 4 ? 0u
                            : (static_cast<quint32>(static_cast<quint8>(z[0])) << 24) |
                                  (static_cast<quint32>(static_cast<quint8>(z[1])) << 16) |
                                  (static_cast<quint32>(static_cast<quint8>(z[2])) << 8) |
                                  static_cast<quint32>(static_cast<quint8>(z[3]));
    };
    QByteArray text;
    if (decoded && expands(*decoded) > 0 && expands(*decoded) <= kMaxTextBytes)
        text = qUncompress(*decoded);
    if (text.isEmpty()) {
        out.error = QStringLiteral("%1 is damaged: its text does not decode (was it cut short or changed when it "
                                   "was copied?)")
                        .arg(source);
        return out;
    }
    return bookmarkFromText(QString::fromUtf8(text), source);
}

QString bookmarkFileName(const QString &scenarioName, qint64 instant)
{
    QString base = scenarioName.toLower();
    base.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    base.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
    if (base.isEmpty())
        base = QStringLiteral("bookmark");
    QString at = formatDuration(static_cast<double>(instant));
    at.remove(QLatin1Char(' ')).replace(QStringLiteral("µ"), QStringLiteral("u"));
    return QStringLiteral("%1-at-%2.%3").arg(base.left(60), at, QString::fromLatin1(kBookmarkSuffix));
}

} // namespace conviz::gui
