// GoogleTest main for the GUI tests: a QApplication on the offscreen platform, so that widget tests
// and Qt event loops (QSignalSpy::wait, QTimer) work without a display. The user's data folder
// (autosaves, saved scenarios) is a temporary one of this process's own, so no test writes into
// the home folder and test processes that ctest runs side by side never see each other's autosaves.
#include <gtest/gtest.h>

#include <QApplication>
#include <QTemporaryDir>

#include <cstdio>

namespace {

// The offscreen platform says this once for every dock or window whose size hints change: thousands
// of lines in a monkey's minute, which would bury a failure in CI's log.
QtMessageHandler g_previousHandler = nullptr;

void quietOffscreenNoise(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (message.startsWith(QLatin1String("This plugin does not support propagateSizeHints")))
        return;
    if (g_previousHandler)
        g_previousHandler(type, context, message);
    else
        std::fprintf(stderr, "%s\n", qPrintable(message));
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    const QTemporaryDir data;
    if (data.isValid())
        qputenv("XDG_DATA_HOME", data.path().toLocal8Bit());
    g_previousHandler = qInstallMessageHandler(quietOffscreenNoise);
    ::testing::InitGoogleTest(&argc, argv);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("conviz-tests"));
    QApplication::setApplicationName(QStringLiteral("conviz-tests"));
    return RUN_ALL_TESTS();
}
