// A conviz window that is about to be killed: opens the scenario file argv[1], sets each
// `knob=value` of argv[2..] as a slider would, waits until the autosave holds them, prints
// "autosaved <file>" on stdout and then runs until it is killed. Its data folder is the
// XDG_DATA_HOME it is given, with the GUI tests' application name, so a test can offer back what it
// left. Not a test by itself: AutosaveTest.EditsOfAProcessKilledWithSigkillAreOfferedBack runs it.
#include "gui/app/autosave.h"
#include "gui/app/main_window.h"
#include "gui/core/simulation_controller.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTest>

#include <cstdio>

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("conviz-tests"));
    QApplication::setApplicationName(QStringLiteral("conviz-tests"));
    const QStringList args = QApplication::arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: autosave_child SCENARIO [knob=value]...\n");
        return 2;
    }
    conviz::gui::MainWindow window;
    window.controller().setAutoSweep(false);
    window.show();
    if (!window.openScenario(args[1]))
        return 1;
    for (qsizetype i = 2; i < args.size(); ++i) {
        const QStringList kv = args[i].split(QLatin1Char('='));
        const QString error = window.controller().setKnob(kv.value(0), kv.value(1).toDouble());
        if (!error.isEmpty()) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
    }
    window.autosave().setIntervalMs(50);
    QElapsedTimer waited;
    waited.start();
    while (!QFileInfo::exists(window.autosave().filePath()) && waited.elapsed() < 60000)
        QTest::qWait(20);
    window.autosave().waitForWrites();
    std::printf("autosaved %s\n", qPrintable(window.autosave().filePath()));
    std::fflush(stdout);
    return QApplication::exec(); // until SIGKILL
}
