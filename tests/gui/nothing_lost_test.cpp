// Nothing lost on a full disk or in a read-only folder. This machine's tests run as root, whom
// permission bits do not stop, so the test makes the real thing: a user and mount namespace
// (unshare) with a 16 KiB tmpfs and a read-only bind mount, and runs nothing_lost_inside in it.
#include "nothing_lost_files.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace conviz;

namespace {

// Why the namespace cannot be made here, or "" when it can.
QString namespaceUnavailable()
{
    const QString unshare = QStandardPaths::findExecutable(QStringLiteral("unshare"));
    if (unshare.isEmpty())
        return QStringLiteral("unshare(1) is not installed (util-linux)");
    QTemporaryDir dir;
    QProcess probe;
    probe.setProcessChannelMode(QProcess::MergedChannels);
    probe.start(unshare, {QStringLiteral("--user"), QStringLiteral("--map-root-user"), QStringLiteral("--mount"),
                          QStringLiteral("mount"), QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                          QStringLiteral("size=16k"), QStringLiteral("tmpfs"), dir.path()});
    if (!probe.waitForFinished(30000) || probe.exitStatus() != QProcess::NormalExit || probe.exitCode() != 0)
        return QStringLiteral("a user and mount namespace with a tmpfs cannot be made here: %1")
            .arg(QString::fromLocal8Bit(probe.readAll()).trimmed());
    return {};
}

// Runs the tests of nothing_lost_inside named by `filter` in a namespace where `full` is a 16 KiB
// tmpfs and `readOnly` is mounted read-only; returns its exit code and output.
std::pair<int, QString> runInside(const QString &filter, const QString &full, const QString &readOnly)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CONVIZ_FULL_DIR"), full);
    env.insert(QStringLiteral("CONVIZ_READONLY_DIR"), readOnly);
    p.setProcessEnvironment(env);
    const QString script = QStringLiteral("mount -t tmpfs -o size=16k tmpfs \"$1\" && mount --bind \"$2\" \"$2\" && "
                                          "mount -o remount,bind,ro \"$2\" && exec \"$3\" --gtest_filter=\"$4\"");
    p.start(QStringLiteral("unshare"),
            {QStringLiteral("--user"), QStringLiteral("--map-root-user"), QStringLiteral("--mount"),
             QStringLiteral("sh"), QStringLiteral("-c"), script, QStringLiteral("sh"), full, readOnly,
             QStringLiteral(CONVIZ_NOTHING_LOST_INSIDE_PATH), filter});
    if (!p.waitForFinished(600000))
        return {-1, QStringLiteral("timed out\n") + QString::fromLocal8Bit(p.readAll())};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromLocal8Bit(p.readAll())};
}

class NothingLostOnDisk : public ::testing::Test {
protected:
    void SetUp() override
    {
        if (const QString why = namespaceUnavailable(); !why.isEmpty())
            GTEST_SKIP() << why.toStdString();
        ASSERT_TRUE(m_full.isValid() && m_readOnly.isValid());
        // The read-only folder gets its old files while it is still writable.
        std::vector<std::string> names = gui::test::oldExportNames();
        names.emplace_back(gui::test::oldScenarioName());
        for (const std::string &name : names) {
            ASSERT_EQ(gui::test::writeOldFile(m_readOnly.path().toStdString(), name), "");
            QFile f(m_readOnly.filePath(QString::fromStdString(name)));
            ASSERT_TRUE(f.open(QIODevice::ReadOnly));
            m_before[name] = f.readAll();
        }
    }
    // The read-only folder, seen from outside the namespace afterwards: the same files, the same bytes.
    void expectReadOnlyFolderUnchanged()
    {
        EXPECT_EQ(QDir(m_readOnly.path()).entryList(QDir::Files | QDir::Hidden).size(), qsizetype(m_before.size()));
        for (const auto &[name, bytes] : m_before) {
            QFile f(m_readOnly.filePath(QString::fromStdString(name)));
            ASSERT_TRUE(f.open(QIODevice::ReadOnly)) << name;
            EXPECT_EQ(f.readAll(), bytes) << name;
        }
    }

    QTemporaryDir m_full;
    QTemporaryDir m_readOnly;
    std::map<std::string, QByteArray> m_before;
};

} // namespace

TEST_F(NothingLostOnDisk, ASaveOrAnExportOntoAFullDiskSaysSoAndLeavesTheOldFile)
{
    const auto [code, output] = runInside(QStringLiteral("*/FullDisk"), m_full.path(), m_readOnly.path());
    EXPECT_EQ(code, 0) << output.toStdString();
    EXPECT_TRUE(output.contains(QStringLiteral("[  PASSED  ] 3 tests"))) << output.toStdString();
}

TEST_F(NothingLostOnDisk, ASaveOrAnExportIntoAReadOnlyFolderSaysSoAndLeavesTheOldFile)
{
    const auto [code, output] = runInside(QStringLiteral("*/ReadOnlyFolder"), m_full.path(), m_readOnly.path());
    EXPECT_EQ(code, 0) << output.toStdString();
    EXPECT_TRUE(output.contains(QStringLiteral("[  PASSED  ] 3 tests"))) << output.toStdString();
    expectReadOnlyFolderUnchanged();
}
