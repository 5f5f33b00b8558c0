#include "gui/core/narration_model.h"
#include "gui/core/preset_model.h"

#include "engine/scenario/scenario_file.h"
#include "test_scenarios.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace conviz;
using namespace conviz::gui;

TEST(NarrationModel, PassesTheModelTesterAndFindsRowsByTime)
{
    NarrationModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    auto snap = std::make_shared<RunSnapshot>();
    snap->narration = {{Nanos{100}, ModelKind::Fibers, NarrationKind::Steal, QStringLiteral("P1 steals 2 goroutines")},
                       {Nanos{200}, ModelKind::EventLoop, NarrationKind::PoolSaturated, QStringLiteral("pool full")},
                       {Nanos{300}, ModelKind::Threads, NarrationKind::Refused, QStringLiteral("refused")}};
    model.setSnapshot(snap);
    EXPECT_EQ(model.rowCount(), 3);
    EXPECT_EQ(model.columnCount(), NarrationModel::ColumnCount);
    EXPECT_EQ(model.data(model.index(1, NarrationModel::TimeColumn), NarrationModel::TimeRole).toLongLong(), 200);
    EXPECT_EQ(model.data(model.index(0, NarrationModel::EventColumn)).toString(), QStringLiteral("work steal"));
    EXPECT_EQ(model.rowAtTime(50), -1);
    EXPECT_EQ(model.rowAtTime(250), 1);
    EXPECT_EQ(model.rowAtTime(1000), 2);
    model.setSnapshot(nullptr);
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(PresetModel, PassesTheModelTesterAndReadsNamesAndNotes)
{
    QTemporaryDir dir;
    Scenario a = test::smallWebScenario();
    a.name = "CRUD API";
    Scenario b = test::batchWaitScenario(10);
    b.name = "Ten thousand sleepers";
    ASSERT_FALSE(scenario::saveFile(a, dir.filePath(QStringLiteral("crud.toml")).toStdString()));
    ASSERT_FALSE(scenario::saveFile(b, dir.filePath(QStringLiteral("default.toml")).toStdString()));
    QFile note(dir.filePath(QStringLiteral("crud.md")));
    ASSERT_TRUE(note.open(QIODevice::WriteOnly));
    note.write("# Note\n");
    note.close();
    QFile bad(dir.filePath(QStringLiteral("broken.toml")));
    ASSERT_TRUE(bad.open(QIODevice::WriteOnly));
    bad.write("this is = = not toml");
    bad.close();

    PresetModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.scan(dir.path());
    ASSERT_EQ(model.rowCount(), 3);
    EXPECT_EQ(model.data(model.index(0, 0)).toString(), QStringLiteral("Ten thousand sleepers")); // default first
    const int crud = model.rowOfPath(dir.filePath(QStringLiteral("crud.toml")));
    ASSERT_GE(crud, 0);
    EXPECT_EQ(model.data(model.index(crud, 0)).toString(), QStringLiteral("CRUD API"));
    EXPECT_TRUE(
        model.data(model.index(crud, 0), PresetModel::NotePathRole).toString().endsWith(QStringLiteral("crud.md")));
    const int broken = model.rowOfPath(dir.filePath(QStringLiteral("broken.toml")));
    EXPECT_FALSE(model.data(model.index(broken, 0), PresetModel::ErrorRole).toString().isEmpty());
    model.scan(QString());
    EXPECT_EQ(model.rowCount(), 0);
}
