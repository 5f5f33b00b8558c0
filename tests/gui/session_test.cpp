// The session without a window: which file is open, dirty state, saving and the recent files.
#include "gui/app/session.h"

#include "engine/scenario/scenario_file.h"
#include "gui/core/preset_model.h"
#include "gui/core/simulation_controller.h"
#include "test_scenarios.h"

#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace conviz;
using namespace conviz::gui;

namespace {

// A session over a preset directory holding `preset.toml`, with a scratch directory for the user's
// own files. The prompts answer from the fields and count the questions.
// Settings of the session tests' own: the recent-files list must not be shared with the test
// processes ctest runs beside these (a window's test opening a file would add to it).
struct OwnSettings {
    QString previous = QApplication::applicationName();
    OwnSettings() { QApplication::setApplicationName(QStringLiteral("conviz-tests-session")); }
    ~OwnSettings() { QApplication::setApplicationName(previous); }
};

struct SessionFixture {
    OwnSettings own; // first: Session reads the settings as it is built
    QTemporaryDir presetDir;
    QTemporaryDir userDir;
    SimulationController controller;
    PresetModel presets;
    Session session{controller, presets};
    int unsavedAnswer = QMessageBox::Cancel;
    QString savePath;
    QString suggestedPath; // what the last save dialog proposed
    int asked = 0;
    int askedForPath = 0;
    QStringList errors;

    SessionFixture()
    {
        controller.setAutoSweep(false);
        QSettings().remove(QStringLiteral("recentFiles"));
        write(presetPath(), 2);
        presets.scan(presetDir.path());
        SessionPrompts p;
        p.unsaved = [this](const QString &) {
            ++asked;
            return unsavedAnswer;
        };
        p.openPath = [](const QString &) { return QString(); };
        p.savePath = [this](const QString &suggested) {
            ++askedForPath;
            suggestedPath = suggested;
            return savePath;
        };
        p.showError = [this](const QString &title, const QString &) { errors << title; };
        session.setPrompts(p);
    }
    QString presetPath() const { return presetDir.filePath(QStringLiteral("preset.toml")); }
    QString userPath(const QString &name) const { return QFileInfo(userDir.filePath(name)).absoluteFilePath(); }
    static void write(const QString &path, int cores)
    {
        Scenario s = test::smallWebScenario(200);
        s.machine.cores = cores;
        ASSERT_FALSE(scenario::saveFile(s, path.toStdString()));
    }
    static int coresIn(const QString &path) { return scenario::loadFile(path.toStdString()).scenario->machine.cores; }
};

} // namespace

TEST(Session, AnEditMakesItDirtyAndSavingWritesTheFileAndMakesItCleanAgain)
{
    SessionFixture f;
    const QString path = f.userPath(QStringLiteral("mine.toml"));
    SessionFixture::write(path, 2);
    ASSERT_TRUE(f.session.open(path));
    EXPECT_EQ(f.session.path(), path);
    EXPECT_FALSE(f.session.isDirty());
    QSignalSpy dirty(&f.session, &Session::dirtyChanged);

    EXPECT_TRUE(f.controller.setKnob(QStringLiteral("machine.cores"), 4).isEmpty());
    EXPECT_TRUE(f.session.isDirty());
    ASSERT_EQ(dirty.count(), 1);
    EXPECT_TRUE(dirty.at(0).at(0).toBool());

    EXPECT_TRUE(f.session.save());
    EXPECT_EQ(f.askedForPath, 0); // the user's own file is saved in place
    EXPECT_FALSE(f.session.isDirty());
    ASSERT_EQ(dirty.count(), 2);
    EXPECT_FALSE(dirty.at(1).at(0).toBool());
    EXPECT_EQ(SessionFixture::coresIn(path), 4);
}

TEST(Session, SavingAPresetAsksForANewFileWhichBecomesTheOpenAndMostRecentOne)
{
    SessionFixture f;
    ASSERT_TRUE(f.session.open(f.presetPath()));
    EXPECT_TRUE(f.session.recentFiles().isEmpty()); // presets are in the scenario box, not the recent files
    EXPECT_TRUE(f.controller.setKnob(QStringLiteral("machine.cores"), 4).isEmpty());

    EXPECT_FALSE(f.session.save()); // the user cancels the file dialog
    EXPECT_EQ(f.askedForPath, 1);
    EXPECT_TRUE(f.session.isDirty());

    f.savePath = f.userPath(QStringLiteral("copy.toml"));
    QSignalSpy pathChanged(&f.session, &Session::pathChanged);
    EXPECT_TRUE(f.session.save());
    EXPECT_EQ(f.askedForPath, 2);
    EXPECT_FALSE(f.session.isDirty());
    EXPECT_EQ(f.session.path(), f.savePath);
    ASSERT_EQ(pathChanged.count(), 1);
    EXPECT_EQ(pathChanged.at(0).at(0).toString(), f.savePath);
    EXPECT_EQ(f.session.recentFiles(), QStringList{f.savePath});
    EXPECT_EQ(SessionFixture::coresIn(f.presetPath()), 2); // the preset itself is untouched
    EXPECT_EQ(SessionFixture::coresIn(f.savePath), 4);
}

TEST(Session, RecentFilesListTheNewestFirstOnceEachAndAtMostEight)
{
    SessionFixture f;
    QSignalSpy changed(&f.session, &Session::recentFilesChanged);
    for (int i = 0; i < 10; ++i)
        f.session.addRecent(QStringLiteral("/s/%1.toml").arg(i));
    f.session.addRecent(QStringLiteral("/s/5.toml"));
    const QStringList expected{QStringLiteral("/s/5.toml"), QStringLiteral("/s/9.toml"), QStringLiteral("/s/8.toml"),
                               QStringLiteral("/s/7.toml"), QStringLiteral("/s/6.toml"), QStringLiteral("/s/4.toml"),
                               QStringLiteral("/s/3.toml"), QStringLiteral("/s/2.toml")};
    static_assert(Session::kMaxRecent == 8);
    EXPECT_EQ(f.session.recentFiles(), expected);
    EXPECT_EQ(changed.count(), 11);
    EXPECT_EQ(changed.last().at(0).toStringList(), expected);
}

TEST(Session, UnsavedEditsAreKeptOnCancelDroppedOnDiscardAndWrittenOnSave)
{
    SessionFixture f;
    const QString path = f.userPath(QStringLiteral("mine.toml"));
    SessionFixture::write(path, 2);
    ASSERT_TRUE(f.session.open(path));
    EXPECT_TRUE(f.session.maybeSave()); // nothing edited: no question
    EXPECT_EQ(f.asked, 0);

    EXPECT_TRUE(f.controller.setKnob(QStringLiteral("machine.cores"), 4).isEmpty());
    f.unsavedAnswer = QMessageBox::Cancel;
    EXPECT_FALSE(f.session.switchTo(f.presetPath()));
    EXPECT_EQ(f.asked, 1);
    EXPECT_EQ(f.session.path(), path);
    EXPECT_EQ(f.controller.scenario().machine.cores, 4);

    f.unsavedAnswer = QMessageBox::Save;
    EXPECT_TRUE(f.session.switchTo(f.presetPath()));
    EXPECT_EQ(f.asked, 2);
    EXPECT_EQ(SessionFixture::coresIn(path), 4);
    EXPECT_EQ(QFileInfo(f.session.path()), QFileInfo(f.presetPath()));

    EXPECT_TRUE(f.controller.setKnob(QStringLiteral("machine.cores"), 8).isEmpty());
    f.unsavedAnswer = QMessageBox::Discard;
    EXPECT_TRUE(f.session.switchTo(path));
    EXPECT_EQ(f.asked, 3);
    EXPECT_EQ(f.controller.scenario().machine.cores, 4);
    EXPECT_EQ(SessionFixture::coresIn(f.presetPath()), 2);
}

TEST(Session, AFileThatCannotBeReadIsReportedAndChangesNothing)
{
    SessionFixture f;
    ASSERT_TRUE(f.session.open(f.presetPath()));
    QSignalSpy opened(&f.session, &Session::opened);
    EXPECT_FALSE(f.session.open(f.userPath(QStringLiteral("missing.toml"))));
    EXPECT_EQ(f.errors, QStringList{QStringLiteral("Cannot open the scenario")});
    EXPECT_EQ(opened.count(), 0);
    EXPECT_EQ(QFileInfo(f.session.path()), QFileInfo(f.presetPath()));
    EXPECT_TRUE(f.session.recentFiles().isEmpty());
}

TEST(Session, TheBuiltInScenarioHasNoFileAndSavingItAsksWhereTo)
{
    SessionFixture f;
    QSignalSpy opened(&f.session, &Session::opened);
    f.session.openBuiltIn();
    EXPECT_TRUE(f.session.isBuiltIn());
    EXPECT_TRUE(f.session.path().isEmpty());
    ASSERT_EQ(opened.count(), 1);
    EXPECT_TRUE(opened.at(0).at(0).toString().isEmpty());

    f.savePath = f.userPath(QStringLiteral("built-in.toml"));
    EXPECT_TRUE(f.session.save());
    EXPECT_EQ(f.askedForPath, 1);
    EXPECT_FALSE(f.session.isBuiltIn());
    EXPECT_EQ(f.session.path(), f.savePath);
}

TEST(Session, APresetIsReadOnlySoSaveNeverWritesItAndProposesACopyInTheUsersFolder)
{
    SessionFixture f;
    ASSERT_TRUE(f.session.open(f.presetPath()));
    EXPECT_TRUE(f.session.isReadOnly());
    const QByteArray shipped = [&] {
        QFile file(f.presetPath());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();
    ASSERT_FALSE(shipped.isEmpty());
    EXPECT_TRUE(f.controller.setKnob(QStringLiteral("machine.cores"), 4).isEmpty());

    // Ctrl+S on a preset is Save As, proposing the preset's name in the user's data folder,
    // which exists by the time the dialog opens.
    EXPECT_FALSE(f.session.save()); // cancelled
    EXPECT_EQ(f.askedForPath, 1);
    const QString userDir =
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/scenarios");
    EXPECT_EQ(Session::userScenarioDirectory(), userDir);
    EXPECT_EQ(QFileInfo(f.suggestedPath).absolutePath(), QFileInfo(userDir).absoluteFilePath());
    EXPECT_EQ(QFileInfo(f.suggestedPath).fileName(), QStringLiteral("preset.toml"));
    EXPECT_TRUE(QFileInfo(userDir).isDir());

    // Choosing the preset's own file in the dialog (by any spelling) is refused, not written.
    f.savePath = f.presetDir.path() + QStringLiteral("/../") + QFileInfo(f.presetDir.path()).fileName() +
                 QStringLiteral("/preset.toml");
    EXPECT_FALSE(f.session.save());
    EXPECT_EQ(f.errors, QStringList{QStringLiteral("Cannot save")});
    EXPECT_TRUE(f.session.isDirty());
    QFile file(f.presetPath());
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), shipped); // byte for byte: comments and all
    file.close();

    // The copy is the user's own: it is open, writable, and the next Save writes it in place.
    f.savePath = f.userPath(QStringLiteral("preset.toml"));
    EXPECT_TRUE(f.session.save());
    EXPECT_EQ(f.session.path(), f.savePath);
    EXPECT_FALSE(f.session.isReadOnly());
    EXPECT_EQ(SessionFixture::coresIn(f.savePath), 4);
    EXPECT_TRUE(f.controller.setKnob(QStringLiteral("machine.cores"), 8).isEmpty());
    const int asked = f.askedForPath;
    EXPECT_TRUE(f.session.save());
    EXPECT_EQ(f.askedForPath, asked);
    EXPECT_EQ(SessionFixture::coresIn(f.savePath), 8);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), shipped);
}

TEST(Session, SaveAsOnTheUsersOwnFileProposesThatFile)
{
    SessionFixture f;
    const QString path = f.userPath(QStringLiteral("mine.toml"));
    SessionFixture::write(path, 2);
    ASSERT_TRUE(f.session.open(path));
    EXPECT_FALSE(f.session.isReadOnly());
    EXPECT_FALSE(f.session.saveAs());
    EXPECT_EQ(f.suggestedPath, path);
}

TEST(Session, ATourStepsSlidersAreNotTheUsersEditsButAnEditAfterThemIs)
{
    SessionFixture f;
    ASSERT_TRUE(f.session.open(f.presetPath()));
    QSignalSpy dirty(&f.session, &Session::dirtyChanged);
    EXPECT_TRUE(f.controller.setKnob(QStringLiteral("machine.cores"), 4).isEmpty()); // a tour step moves it
    f.session.acceptTourEdits();                                                     // and the step is shown
    EXPECT_FALSE(f.session.isDirty());
    ASSERT_GE(dirty.count(), 1);
    EXPECT_FALSE(dirty.last().at(0).toBool()); // the title loses its "*"
    EXPECT_TRUE(f.session.maybeSave());        // switching preset now asks nothing
    EXPECT_EQ(f.asked, 0);

    EXPECT_TRUE(f.controller.setKnob(QStringLiteral("machine.cores"), 8).isEmpty()); // the user's own edit
    EXPECT_TRUE(f.session.isDirty());
    EXPECT_TRUE(dirty.last().at(0).toBool());
    f.unsavedAnswer = QMessageBox::Cancel;
    EXPECT_FALSE(f.session.maybeSave());
    EXPECT_EQ(f.asked, 1);
    EXPECT_EQ(SessionFixture::coresIn(f.presetPath()), 2);
}
