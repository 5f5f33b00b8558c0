// GoogleTest main for the GUI tests: a QApplication on the offscreen platform, so that widget tests
// and Qt event loops (QSignalSpy::wait, QTimer) work without a display. The user's data folder
// (autosaves, saved scenarios) and its settings are temporary ones of each test's own, so no test
// writes into the home folder, test processes that ctest runs side by side never see each other's
// autosaves or settings (one test's remembered live runtimes were read by another), and a test run
// with the others in one process is not offered the autosave an earlier one left (its recovery
// question, a modal dialog, would wait for an answer nobody gives).
#include <gtest/gtest.h>

#include <QApplication>
#include <QSettings>
#include <QTemporaryDir>

#include <cstdio>
#include <memory>

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

// The data folder (XDG_DATA_HOME, which QStandardPaths reads at every call) and the settings
// (QSettings' user scope; XDG_CONFIG_HOME for the processes a test starts) are new empty folders
// for each test.
class FoldersPerTest final : public ::testing::EmptyTestEventListener {
    void OnTestStart(const ::testing::TestInfo &) override
    {
        m_folder = std::make_unique<QTemporaryDir>();
        if (!m_folder->isValid())
            return;
        const QString data = m_folder->filePath(QStringLiteral("data"));
        const QString config = m_folder->filePath(QStringLiteral("config"));
        qputenv("XDG_DATA_HOME", data.toLocal8Bit());
        qputenv("XDG_CONFIG_HOME", config.toLocal8Bit());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, config);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, config);
    }
    void OnTestEnd(const ::testing::TestInfo &) override { m_folder.reset(); }

    std::unique_ptr<QTemporaryDir> m_folder;
};

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    g_previousHandler = qInstallMessageHandler(quietOffscreenNoise);
    ::testing::InitGoogleTest(&argc, argv);
    ::testing::UnitTest::GetInstance()->listeners().Append(new FoldersPerTest); // gtest owns it
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("conviz-tests"));
    QApplication::setApplicationName(QStringLiteral("conviz-tests"));
    return RUN_ALL_TESTS();
}
