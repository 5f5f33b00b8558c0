// Run by nothing_lost_test.cpp inside a user and mount namespace, where $CONVIZ_FULL_DIR is a tmpfs
// of 16 KiB and $CONVIZ_READONLY_DIR a read-only bind mount holding the old files
// (nothing_lost_files.h). A save from the session and every export, from the app's menu and from
// conviz-cli, must fail there with a message that says why, and leave the old file byte for byte.
// Not a ctest test of its own: outside the namespace it fails at once.
#include "gui/app/main_window.h"
#include "gui/app/session.h"
#include "gui/core/preset_model.h"
#include "gui/core/simulation_controller.h"
#include "gui/export/export_actions.h"
#include "nothing_lost_files.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

using namespace conviz;
using namespace conviz::gui;

namespace {

QByteArray contents(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Where a write must fail, and the reason the message must give.
struct Destination {
    const char *env;
    const char *reason; // as strerror says it, lower case
    bool full;
};

void PrintTo(const Destination &d, std::ostream *os) { *os << d.env; }

const Destination kFull{"CONVIZ_FULL_DIR", "no space left on device", true};
const Destination kReadOnly{"CONVIZ_READONLY_DIR", "read-only file system", false};

class NothingLost : public ::testing::TestWithParam<Destination> {
protected:
    void SetUp() override
    {
        m_dir = qEnvironmentVariable(GetParam().env);
        ASSERT_FALSE(m_dir.isEmpty()) << GetParam().env << " is not set: run through nothing_lost_test";
    }

    // Puts the old file `name` in place: on the full disk it is written, then the disk is filled to
    // the last byte; the read-only folder has it from the test outside. Returns its bytes.
    QByteArray prepare(const std::string &name)
    {
        const QString path = file(name);
        if (GetParam().full) {
            for (const QString &f : QDir(m_dir).entryList(QDir::Files | QDir::Hidden))
                QFile::remove(QDir(m_dir).filePath(f));
            const std::string error = test::writeOldFile(m_dir.toStdString(), name);
            EXPECT_EQ(error, "");
            fill();
        } else {
            // Really read-only, as root too: a write here must fail with EROFS.
            const QString probe = QDir(m_dir).filePath(QStringLiteral("probe"));
            const int fd = ::open(QFile::encodeName(probe).constData(), O_WRONLY | O_CREAT, 0644);
            EXPECT_LT(fd, 0);
            EXPECT_EQ(errno, EROFS);
            if (fd >= 0)
                ::close(fd);
        }
        const QByteArray bytes = contents(path);
        EXPECT_FALSE(bytes.isEmpty()) << path.toStdString();
        return bytes;
    }
    QString file(const std::string &name) const { return QDir(m_dir).filePath(QString::fromStdString(name)); }
    // The folder holds the old files and nothing else: no temporary file was left behind.
    void expectNoLeftovers() const
    {
        for (const QString &f : QDir(m_dir).entryList(QDir::Files | QDir::Hidden))
            EXPECT_FALSE(f.startsWith(QLatin1Char('.'))) << "left behind: " << f.toStdString();
    }
    void expectReason(const QString &message) const
    {
        EXPECT_TRUE(message.contains(QLatin1String(GetParam().reason))) << message.toStdString();
    }

private:
    // Fills the disk: a file grows until the file system refuses, with ENOSPC.
    void fill()
    {
        QFile filler(QDir(m_dir).filePath(QStringLiteral("filler")));
        ASSERT_TRUE(filler.open(QIODevice::WriteOnly));
        const QByteArray chunk(512, 'x');
        int written = 0;
        while (filler.write(chunk) == chunk.size() && filler.flush() && ++written < 1000) {
        }
        filler.close();
        ASSERT_LT(written, 1000) << "the tmpfs never filled up: is it mounted?";
        // And a new file gets no byte either.
        const int fd = ::open(QFile::encodeName(QDir(m_dir).filePath(QStringLiteral("probe"))).constData(),
                              O_WRONLY | O_CREAT, 0644);
        ASSERT_GE(fd, 0);
        EXPECT_EQ(::write(fd, "x", 1), -1);
        EXPECT_EQ(errno, ENOSPC);
        ::close(fd);
        ::unlink(QFile::encodeName(QDir(m_dir).filePath(QStringLiteral("probe"))).constData());
    }

    QString m_dir;
};

// A window on the old scenario (from an ordinary folder), with a result, whose every question is
// answered here.
struct Window {
    QTemporaryDir scratch;
    std::unique_ptr<MainWindow> w = std::make_unique<MainWindow>();
    QString target;
    QStringList errors;

    Window()
    {
        w->setUnsavedPrompt([] { return static_cast<int>(QMessageBox::Discard); });
        w->controller().setAutoSweep(false);
        w->controller().setDebounceMs(10);
        w->show();
        ExportPrompts p;
        p.savePath = [this](const QString &, const QString &, const QString &) { return target; };
        p.confirmReplace = [](const QString &) { return true; };
        p.showError = [this](const QString &title, const QString &message) { errors << title + u'|' + message; };
        p.figure = [](const FigureRequest &initial) {
            FigureRequest r = initial;
            r.kind = FigureKind::Timeline;
            r.spec.format = FigureFormat::Png;
            return std::optional<FigureRequest>(r);
        };
        p.gif = [](const GifSpec &, Nanos) { return std::optional<GifSpec>(); };
        w->exports().setPrompts(p);
        SessionPrompts s = w->session().prompts();
        s.showError = p.showError;
        w->session().setPrompts(s);
    }
    bool openOld()
    {
        const std::string error = test::writeOldFile(scratch.path().toStdString(), test::oldScenarioName());
        QSignalSpy ran(&w->controller(), &SimulationController::resultAvailable);
        return error.empty() && w->openScenario(scratch.filePath(QString::fromLatin1(test::oldScenarioName()))) &&
               ran.wait(60000);
    }
    // Runs an export and returns what exportFinished said.
    template <typename F>
    QString exportWith(F action)
    {
        QSignalSpy finished(&w->exports(), &ExportActions::exportFinished);
        action();
        if (finished.isEmpty() && !finished.wait(60000))
            return QStringLiteral("(no exportFinished)");
        return finished.at(0).at(1).toString();
    }
};

} // namespace

TEST_P(NothingLost, ASaveSaysWhyItFailedAndKeepsTheOldFileAndTheEdits)
{
    const QByteArray old = prepare(test::oldScenarioName());
    SimulationController controller;
    controller.setAutoSweep(false);
    PresetModel presets;
    Session session(controller, presets);
    QStringList errors;
    SessionPrompts p;
    p.unsaved = [](const QString &) { return static_cast<int>(QMessageBox::Cancel); };
    p.openPath = [](const QString &) { return QString(); };
    p.savePath = [](const QString &) { return QString(); };
    p.showError = [&](const QString &title, const QString &message) { errors << title + u'|' + message; };
    session.setPrompts(p);
    const QString path = file(test::oldScenarioName());
    ASSERT_TRUE(session.open(path));
    ASSERT_TRUE(controller.setKnob(QStringLiteral("machine.cores"), 4).isEmpty());

    EXPECT_FALSE(session.save());
    ASSERT_EQ(errors.size(), 1);
    EXPECT_TRUE(errors[0].startsWith(QStringLiteral("Cannot save|"))) << errors[0].toStdString();
    EXPECT_TRUE(errors[0].contains(path)) << errors[0].toStdString();
    expectReason(errors[0]);
    EXPECT_EQ(contents(path), old);
    expectNoLeftovers();
    EXPECT_TRUE(session.isDirty()); // the edit is still there, to save elsewhere
    EXPECT_EQ(controller.scenario().machine.cores, 4);
    EXPECT_EQ(session.path(), path);
}

TEST_P(NothingLost, EveryExportFromTheMenuSaysWhyItFailedAndKeepsTheOldFile)
{
    Window window;
    ASSERT_TRUE(window.openOld());
    const std::vector<std::pair<std::string, std::function<void()>>> exports{
        {"chart.png", [&] { window.w->exports().exportChart(); }},
        {"data.csv", [&] { window.w->exports().exportData(DataKind::Csv); }},
        {"result.json", [&] { window.w->exports().exportData(DataKind::Json); }},
        {"trace.json", [&] { window.w->exports().exportData(DataKind::Trace); }},
    };
    for (const auto &[name, action] : exports) {
        SCOPED_TRACE(name);
        const QByteArray old = prepare(name);
        window.target = file(name);
        window.errors.clear();
        const QString error = window.exportWith(action);
        expectReason(error);
        EXPECT_TRUE(error.contains(window.target)) << error.toStdString();
        ASSERT_EQ(window.errors.size(), 1); // a dialog, not only the status line
        EXPECT_TRUE(window.errors[0].startsWith(QStringLiteral("Export failed|"))) << window.errors[0].toStdString();
        expectReason(window.errors[0]);
        EXPECT_EQ(contents(window.target), old);
        expectNoLeftovers();
    }
}

TEST_P(NothingLost, EveryExportOfConvizCliSaysWhyExitsNonZeroAndKeepsTheOldFile)
{
    QTemporaryDir scratch;
    ASSERT_EQ(test::writeOldFile(scratch.path().toStdString(), test::oldScenarioName()), "");
    const QString scenario = scratch.filePath(QString::fromLatin1(test::oldScenarioName()));
    const std::vector<std::pair<std::string, QStringList>> exports{
        {"chart.png", {QStringLiteral("--chart"), QStringLiteral("timeline")}},
        {"data.csv", {QStringLiteral("--csv")}},
        {"result.json", {QStringLiteral("--json")}},
        {"trace.json", {QStringLiteral("--trace")}},
    };
    for (const auto &[name, what] : exports) {
        SCOPED_TRACE(name);
        const QByteArray old = prepare(name);
        QProcess cli;
        cli.start(QStringLiteral(CONVIZ_CLI_PATH),
                  QStringList{QStringLiteral("export"), scenario} + what +
                      QStringList{QStringLiteral("--out"), file(name), QStringLiteral("--force")});
        ASSERT_TRUE(cli.waitForFinished(120000));
        const QString err = QString::fromUtf8(cli.readAllStandardError());
        EXPECT_EQ(cli.exitStatus(), QProcess::NormalExit);
        EXPECT_NE(cli.exitCode(), 0) << err.toStdString();
        expectReason(err);
        EXPECT_TRUE(err.contains(file(name))) << err.toStdString();
        EXPECT_EQ(contents(file(name)), old);
        expectNoLeftovers();
    }
}

std::string placeName(const ::testing::TestParamInfo<Destination> &info)
{
    return info.param.full ? "FullDisk" : "ReadOnlyFolder";
}

INSTANTIATE_TEST_SUITE_P(On, NothingLost, ::testing::Values(kFull, kReadOnly), placeName);
