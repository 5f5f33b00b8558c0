// conviz: the desktop app. Usage: conviz [--present] [--tour] [scenario.toml | bookmark.conviz] | --list-presets
#include "gui/app/launch.h"
#include "gui/app/main_window.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("conviz"));
    QApplication::setApplicationName(QStringLiteral("conviz"));
    QApplication::setApplicationDisplayName(QStringLiteral("conviz"));
    QApplication::setDesktopFileName(QStringLiteral("io.conviz.conviz")); // packaging/io.conviz.conviz.desktop

    QCommandLineParser parser;
    conviz::gui::addLaunchOptions(parser);
    parser.process(app);
    const conviz::gui::LaunchOptions options = conviz::gui::launchOptions(parser);
    if (options.listPresets)
        return conviz::gui::listPresets(stdout);

    conviz::gui::MainWindow window;
    conviz::gui::launch(window, options);
    return QApplication::exec();
}
