// Nothing lost: unsaved edits are autosaved and offered back after a crash or a kill, exactly, as
// unsaved edits of the file they were made to; a clean exit, a save or a discard leaves nothing to
// offer; two instances never take each other's autosave.
#include "gui/app/autosave.h"

#include "engine/scenario/scenario_file.h"
#include "gui/app/main_window.h"
#include "gui/app/session.h"
#include "gui/core/preset_model.h"
#include "gui/core/simulation_controller.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <memory>

using namespace conviz;
using namespace conviz::gui;

namespace {

template <typename Predicate>
bool waitUntil(Predicate done, int ms = 10000)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < ms)
        QTest::qWait(10);
    return done();
}

QByteArray contents(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString defaultPreset() { return QDir(presetDirectory()).filePath(QStringLiteral("default.toml")); }

// A window as a user starts it, whose autosave writes every 50 ms; every question it asks is
// answered and counted here, never by a dialog.
struct Window {
    std::unique_ptr<MainWindow> w = std::make_unique<MainWindow>();
    int offered = 0;
    RecoveryOffer offer;
    RecoveryChoice answer = RecoveryChoice::Restore;
    QString savePath; // what Save As is told
    int askedForPath = 0;
    QStringList errors;

    Window()
    {
        w->controller().setAutoSweep(false);
        w->setUnsavedPrompt([] { return static_cast<int>(QMessageBox::Discard); });
        SessionPrompts p = w->session().prompts();
        p.savePath = [this](const QString &) {
            ++askedForPath;
            return savePath;
        };
        p.showError = [this](const QString &title, const QString &message) {
            errors << title + QStringLiteral(": ") + message;
        };
        w->session().setPrompts(p);
        w->autosave().setPrompt([this](const RecoveryOffer &o) {
            ++offered;
            offer = o;
            return answer;
        });
        w->autosave().setIntervalMs(50);
        w->show();
    }
    // Opens the default preset and moves two sliders; returns the scenario they made.
    Scenario edit(int cores, double rate)
    {
        EXPECT_TRUE(w->openScenario(defaultPreset()));
        EXPECT_TRUE(w->controller().setKnob(QStringLiteral("machine.cores"), cores).isEmpty());
        EXPECT_TRUE(w->controller().setKnob(QStringLiteral("load.rate"), rate).isEmpty());
        EXPECT_TRUE(w->session().isDirty());
        return w->controller().scenario();
    }
    // Waits for the timer to write the autosave.
    bool autosaved() const
    {
        const bool written = waitUntil([&] { return QFileInfo::exists(w->autosave().filePath()); });
        w->autosave().waitForWrites();
        return written;
    }
};

class AutosaveTest : public ::testing::Test {
protected:
    void SetUp() override { QDir(Autosave::directory()).removeRecursively(); } // gui_test_main's own folder
    static QStringList autosaves()
    {
        return QDir(Autosave::directory()).entryList({QStringLiteral("*.json")}, QDir::Files);
    }
};

} // namespace

TEST_F(AutosaveTest, EditsOfAWindowGoneWithoutACloseAreOfferedBackExactlyUnsavedAndSaveNeverWritesThePreset)
{
    const QByteArray preset = contents(defaultPreset());
    ASSERT_FALSE(preset.isEmpty());
    Scenario edited;
    {
        Window crashed;
        edited = crashed.edit(3, 123);
        ASSERT_TRUE(crashed.autosaved());
        ASSERT_EQ(autosaves().size(), 1);
    } // destroyed without closeEvent: what a crash leaves

    Window next;
    next.w->openInitial(QString()); // as launch() does, then:
    EXPECT_TRUE(next.w->offerRecovery());
    EXPECT_EQ(next.offered, 1);
    EXPECT_EQ(next.offer.scenarioName, QString::fromStdString(edited.name));
    EXPECT_EQ(QFileInfo(next.offer.sourcePath), QFileInfo(defaultPreset()));
    EXPECT_EQ(next.w->controller().scenario(), edited); // every value, exactly
    EXPECT_EQ(next.w->controller().scenario().machine.cores, 3);
    EXPECT_TRUE(next.w->session().isDirty());
    EXPECT_TRUE(next.w->isWindowModified()); // the title's "*"
    EXPECT_TRUE(next.w->session().isReadOnly());
    EXPECT_TRUE(next.errors.isEmpty()) << next.errors.join(QLatin1Char(10)).toStdString();
    // The old autosave is gone, and the restored edits are in the new window's own.
    EXPECT_EQ(autosaves(), QStringList{QFileInfo(next.w->autosave().filePath()).fileName()});

    // Save on a restored preset is Save As: the preset stays byte for byte, the copy holds the edits.
    QTemporaryDir user;
    next.savePath = user.filePath(QStringLiteral("mine.toml"));
    EXPECT_TRUE(next.w->session().save());
    EXPECT_EQ(next.askedForPath, 1);
    EXPECT_EQ(contents(defaultPreset()), preset);
    EXPECT_EQ(scenario::loadFile(next.savePath.toStdString()).scenario, edited);
    next.w->autosave().waitForWrites();
    EXPECT_TRUE(autosaves().isEmpty()); // saved: nothing left to offer
}

TEST_F(AutosaveTest, ASaveADiscardOrACleanCloseLeavesNothingToOffer)
{
    QTemporaryDir user;
    {
        Window w;
        w.edit(3, 123);
        ASSERT_TRUE(w.autosaved());
        w.savePath = user.filePath(QStringLiteral("mine.toml"));
        EXPECT_TRUE(w.w->session().save());
        w.w->autosave().waitForWrites();
        EXPECT_TRUE(autosaves().isEmpty());

        EXPECT_TRUE(w.w->controller().setKnob(QStringLiteral("machine.cores"), 5).isEmpty());
        ASSERT_TRUE(w.autosaved());
        EXPECT_TRUE(w.w->close()); // "save your changes?" Discard
        EXPECT_TRUE(autosaves().isEmpty());
    }
    {
        Window w; // edited, then back to the file's values: nothing unsaved
        w.edit(3, 123);
        ASSERT_TRUE(w.autosaved());
        w.w->controller().resetToBaseline();
        w.w->autosave().waitForWrites();
        EXPECT_TRUE(autosaves().isEmpty());
    }
    Window next;
    EXPECT_FALSE(next.w->offerRecovery());
    EXPECT_EQ(next.offered, 0);
}

TEST_F(AutosaveTest, TwoInstancesKeepTheirOwnAutosavesAndOnlyAGoneOnesIsOffered)
{
    auto first = std::make_unique<Window>();
    Window second;
    const Scenario firstEdits = first->edit(3, 123);
    const Scenario secondEdits = second.edit(6, 77);
    ASSERT_TRUE(first->autosaved());
    ASSERT_TRUE(second.autosaved());
    EXPECT_NE(first->w->autosave().filePath(), second.w->autosave().filePath());
    EXPECT_EQ(autosaves().size(), 2);
    const QByteArray secondFile = contents(second.w->autosave().filePath());

    {
        Window third; // both others still run: theirs are not offered
        EXPECT_FALSE(third.w->offerRecovery());
        EXPECT_EQ(third.offered, 0);
    }
    first.reset(); // the first one dies
    Window third;
    EXPECT_TRUE(third.w->offerRecovery());
    EXPECT_EQ(third.offered, 1);
    EXPECT_EQ(third.w->controller().scenario(), firstEdits);
    EXPECT_EQ(contents(second.w->autosave().filePath()), secondFile); // untouched
    EXPECT_EQ(second.w->controller().scenario(), secondEdits);
}

TEST_F(AutosaveTest, NotNowKeepsTheAutosaveForTheNextStartAndDiscardDeletesIt)
{
    Scenario edited;
    {
        Window crashed;
        edited = crashed.edit(3, 123);
        ASSERT_TRUE(crashed.autosaved());
    }
    {
        Window later;
        later.answer = RecoveryChoice::Later;
        EXPECT_FALSE(later.w->offerRecovery());
        EXPECT_EQ(later.offered, 1);
        EXPECT_NE(later.w->controller().scenario(), edited);
        EXPECT_EQ(autosaves().size(), 1);
    }
    {
        Window discard;
        discard.answer = RecoveryChoice::Discard;
        EXPECT_FALSE(discard.w->offerRecovery());
        EXPECT_EQ(discard.offered, 1);
        EXPECT_TRUE(autosaves().isEmpty());
    }
    Window next;
    EXPECT_FALSE(next.w->offerRecovery());
    EXPECT_EQ(next.offered, 0);
}

TEST_F(AutosaveTest, EditsOfAProcessKilledWithSigkillAreOfferedBack)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QStringLiteral(CONVIZ_AUTOSAVE_CHILD_PATH),
                {defaultPreset(), QStringLiteral("machine.cores=7"), QStringLiteral("load.rate=321")});
    ASSERT_TRUE(child.waitForStarted());
    QByteArray said;
    ASSERT_TRUE(waitUntil(
        [&] {
            said += child.readAllStandardOutput();
            return said.contains('\n') || child.state() == QProcess::NotRunning;
        },
        120000));
    ASSERT_TRUE(said.startsWith("autosaved ")) << said.toStdString();
    child.kill(); // SIGKILL: no handler, no destructor, no clean exit
    ASSERT_TRUE(child.waitForFinished());
    EXPECT_EQ(child.exitStatus(), QProcess::CrashExit);

    Window next; // the same data folder: gui_test_main's, inherited by the child
    next.w->openInitial(QString());
    EXPECT_TRUE(next.w->offerRecovery());
    EXPECT_EQ(next.offered, 1);
    const Scenario &s = next.w->controller().scenario();
    EXPECT_EQ(s.machine.cores, 7);
    Scenario expected = *scenario::loadFile(defaultPreset().toStdString()).scenario;
    expected.machine.cores = 7;
    EXPECT_EQ(s.load.rate, 321);
    expected.load.rate = s.load.rate;
    EXPECT_EQ(s, expected); // nothing else changed
    EXPECT_TRUE(next.w->session().isDirty());
}
