// conviz: the desktop app. Usage: conviz [--present] [--tour] [scenario.toml]
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
    parser.setApplicationDescription(QStringLiteral("One workload under fibers, an event loop and OS threads"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("scenario"), QStringLiteral("A scenario file (.toml) to open"));
    const QCommandLineOption present(
        QStringLiteral("present"), QStringLiteral("Start in presentation mode: full screen, large text (Esc leaves)"));
    parser.addOption(present);
    const QCommandLineOption tour(QStringLiteral("tour"),
                                  QStringLiteral("Start the scenario's guided tour (Page Down: next step)"));
    parser.addOption(tour);
    parser.process(app);

    conviz::gui::MainWindow window;
    window.show();
    window.openInitial(parser.positionalArguments().value(0));
    if (parser.isSet(present))
        window.setPresentationMode(true);
    if (parser.isSet(tour))
        window.startTour();
    return QApplication::exec();
}
