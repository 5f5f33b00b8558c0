// conviz: the desktop app. Usage: conviz [--present] [--tour] [scenario.toml]
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
    QApplication::setDesktopFileName(QStringLiteral("io.conviz.Conviz")); // packaging/io.conviz.Conviz.desktop

    QCommandLineParser parser;
    conviz::gui::addLaunchOptions(parser);
    parser.process(app);

    conviz::gui::MainWindow window;
    conviz::gui::launch(window, conviz::gui::launchOptions(parser));
    return QApplication::exec();
}
