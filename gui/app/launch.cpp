#include "gui/app/launch.h"

#include "gui/app/bookmark_actions.h"
#include "gui/app/main_window.h"
#include "gui/core/bookmark.h"
#include "gui/core/preset_model.h"

#include <QCommandLineParser>
#include <QFileInfo>

namespace conviz::gui {
namespace {

const QString kPresent = QStringLiteral("present");
const QString kTour = QStringLiteral("tour");
const QString kListPresets = QStringLiteral("list-presets");

} // namespace

void addLaunchOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral("One workload under fibers, an event loop and OS threads"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QStringLiteral("A scenario file (.toml) to open, or a bookmark (.conviz) to restore"),
                                 QStringLiteral("[scenario.toml | bookmark.conviz]"));
    parser.addOption(QCommandLineOption(
        kPresent, QStringLiteral("Start in presentation mode: full screen, large text (Esc leaves)")));
    parser.addOption(
        QCommandLineOption(kTour, QStringLiteral("Start the scenario's guided tour (Page Down: next step)")));
    parser.addOption(QCommandLineOption(
        kListPresets, QStringLiteral("Print the folder the presets are read from and each preset, then exit")));
}

LaunchOptions launchOptions(const QCommandLineParser &parser)
{
    LaunchOptions options;
    options.scenario = parser.positionalArguments().value(0);
    options.present = parser.isSet(kPresent);
    options.tour = parser.isSet(kTour);
    options.listPresets = parser.isSet(kListPresets);
    return options;
}

bool isBookmarkPath(const QString &path)
{
    return QFileInfo(path).suffix().compare(QString::fromLatin1(kBookmarkSuffix), Qt::CaseInsensitive) == 0;
}

void launch(MainWindow &window, const LaunchOptions &options)
{
    // Presentation mode shows the window full screen as it first maps it: a window manager may
    // ignore a request to go full screen from a window it has not finished managing yet.
    if (!options.present)
        window.show();
    // A bookmark is restored over the default preset: a bookmark that does not open says why and
    // leaves a working window.
    const bool bookmark = isBookmarkPath(options.scenario);
    window.openInitial(bookmark ? QString() : options.scenario);
    window.offerRecovery(); // after a crash or a kill: the unsaved edits it left
    if (options.present)
        window.setPresentationMode(true);
    if (bookmark)
        window.bookmarks().openFile(options.scenario); // holds its own tour step, if any
    else if (options.tour)
        window.startTour();
}

int listPresets(std::FILE *out)
{
    const QString directory = presetDirectory();
    PresetModel presets;
    presets.scan(directory);
    std::fprintf(out, "presets: %s\n", directory.isEmpty() ? "(none found)" : qPrintable(directory));
    bool anyLoads = false;
    for (const Preset &p : presets.presets()) {
        const QString line = QStringLiteral("%1\t%2").arg(QFileInfo(p.path).completeBaseName(), p.name) +
                             (p.error.isEmpty() ? QString() : QStringLiteral(" (invalid: %1)").arg(p.error));
        std::fprintf(out, "%s\n", line.toUtf8().constData());
        anyLoads = anyLoads || p.error.isEmpty();
    }
    return anyLoads ? 0 : 1;
}

} // namespace conviz::gui
