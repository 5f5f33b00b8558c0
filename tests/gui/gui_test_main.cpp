// GoogleTest main for the GUI tests: a QApplication on the offscreen platform, so that widget tests
// and Qt event loops (QSignalSpy::wait, QTimer) work without a display.
#include <gtest/gtest.h>

#include <QApplication>

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    ::testing::InitGoogleTest(&argc, argv);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("conviz-tests"));
    QApplication::setApplicationName(QStringLiteral("conviz-tests"));
    return RUN_ALL_TESTS();
}
