#include "gui/app/launch.h"

#include "gui/app/main_window.h"

#include <QCommandLineParser>

namespace conviz::gui {
namespace {

const QString kPresent = QStringLiteral("present");
const QString kTour = QStringLiteral("tour");

} // namespace

void addLaunchOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral("One workload under fibers, an event loop and OS threads"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("scenario"), QStringLiteral("A scenario file (.toml) to open"));
    parser.addOption(QCommandLineOption(
        kPresent, QStringLiteral("Start in presentation mode: full screen, large text (Esc leaves)")));
    parser.addOption(
        QCommandLineOption(kTour, QStringLiteral("Start the scenario's guided tour (Page Down: next step)")));
}

LaunchOptions launchOptions(const QCommandLineParser &parser)
{
    LaunchOptions options;
    options.scenario = parser.positionalArguments().value(0);
    options.present = parser.isSet(kPresent);
    options.tour = parser.isSet(kTour);
    return options;
}

void launch(MainWindow &window, const LaunchOptions &options)
{
    // Presentation mode shows the window full screen as it first maps it: a window manager may
    // ignore a request to go full screen from a window it has not finished managing yet.
    if (!options.present)
        window.show();
    window.openInitial(options.scenario);
    window.offerRecovery(); // after a crash or a kill: the unsaved edits it left
    if (options.present)
        window.setPresentationMode(true);
    if (options.tour)
        window.startTour();
}

} // namespace conviz::gui
