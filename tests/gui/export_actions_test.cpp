// File › Export in the app, with its dialogs replaced: the submenu's entries, figures at the asked
// size, files that are never replaced without asking, clear errors, a GIF, and data files with
// exactly the bytes conviz-cli writes for the same scenario.
#include "gui/app/main_window.h"

#include "gui/core/playback_state.h"
#include "gui/core/preset_model.h"
#include "gui/core/simulation_controller.h"
#include "gui/export/export_actions.h"
#include "gui/widgets/charts_pane.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QProgressDialog>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <gif_lib.h>
#include <gtest/gtest.h>

using namespace conviz;
using namespace conviz::gui;

namespace {

// A window on a small preset run, whose exporter asks nothing: paths come from `next`.
struct Fixture {
    std::unique_ptr<MainWindow> window = std::make_unique<MainWindow>();
    QTemporaryDir dir;
    QString next; // what the save dialog "chooses"
    std::optional<FigureRequest> figure;
    std::optional<GifSpec> gif;
    bool replace = false;      // the answer to "replace it?"
    QStringList asked, errors; // replace questions and error dialogs, in order

    Fixture()
    {
        window->setUnsavedPrompt([] { return static_cast<int>(QMessageBox::Discard); });
        window->controller().setDebounceMs(10);
        window->resize(1400, 900);
        window->show();
        ExportPrompts p;
        p.savePath = [this](const QString &, const QString &, const QString &) { return next; };
        p.confirmReplace = [this](const QString &path) {
            asked << path;
            return replace;
        };
        p.showError = [this](const QString &, const QString &message) { errors << message; };
        p.figure = [this](const FigureRequest &initial) {
            lastInitial = initial;
            return figure;
        };
        p.gif = [this](const GifSpec &, Nanos) { return gif; };
        window->exports().setPrompts(p);
    }

    QString path(const QString &name) const { return dir.filePath(name); }

    // Opens a preset (fewer requests) and waits for its run and, if asked, its sweep.
    bool open(const QString &preset, int requests, bool sweep)
    {
        window->controller().setAutoSweep(sweep);
        QSignalSpy ran(&window->controller(), &SimulationController::resultAvailable);
        QSignalSpy swept(&window->controller(), &SimulationController::sweepAvailable);
        if (!window->openScenario(presetDirectory() + QLatin1Char('/') + preset + QStringLiteral(".toml")))
            return false;
        window->controller().setKnob(QStringLiteral("load.requests"), requests);
        while (!window->controller().latest() ||
               window->controller().latest()->scenario != window->controller().scenario())
            if (!ran.wait(30000))
                return false;
        return !sweep || swept.wait(60000);
    }

    // Runs `action` and waits for its exportFinished; returns the error ("" on success).
    template <typename F>
    QString exportAndWait(F action)
    {
        QSignalSpy done(&window->exports(), &ExportActions::exportFinished);
        action();
        if (done.isEmpty() && !done.wait(60000))
            return QStringLiteral("timed out");
        return done.last().at(1).toString();
    }

    FigureRequest lastInitial;
};

QByteArray bytesOf(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

TEST(ExportActions, TheFileMenuHasAnExportSubmenuWithEveryEntry)
{
    Fixture f;
    QStringList entries;
    for (QAction *a : f.window->menuBar()->actions())
        if (a->menu() && a->text() == QStringLiteral("&File"))
            for (QAction *e : a->menu()->actions())
                if (e->menu() && e->text() == QStringLiteral("&Export"))
                    for (QAction *x : e->menu()->actions())
                        if (!x->isSeparator())
                            entries << x->text().remove(QLatin1Char('&'));
    EXPECT_EQ(entries, (QStringList{QStringLiteral("Chart…"), QStringLiteral("Side-by-side view…"),
                                    QStringLiteral("Animation (GIF)…"), QStringLiteral("Data as CSV…"),
                                    QStringLiteral("Result as JSON…"), QStringLiteral("Timeline for Perfetto…")}));
}

TEST(ExportActions, AChartIsWrittenAtThePresetSizeAndScaleInTheFormatOfItsExtension)
{
    Fixture f;
    ASSERT_TRUE(f.open(QStringLiteral("default"), 1500, true));
    f.figure = FigureRequest{FigureKind::Latency, {FigureFormat::Svg, {1200, 675}, 2, false}};
    f.next = f.path(QStringLiteral("latency.png")); // the extension decides: PNG, not SVG
    EXPECT_EQ(f.exportAndWait([&] { f.window->exports().exportChart(); }), QString());
    QImage img(f.next);
    EXPECT_EQ(img.size(), QSize(2400, 1350));

    f.figure = FigureRequest{FigureKind::SideBySide, {FigureFormat::Png, {1920, 1080}, 1, false}};
    f.next = f.path(QStringLiteral("side")); // no extension: the dialog's format is added
    EXPECT_EQ(f.exportAndWait([&] { f.window->exports().exportChart(FigureKind::SideBySide); }), QString());
    EXPECT_EQ(QImage(f.path(QStringLiteral("side.png"))).size(), QSize(1920, 1080));
    EXPECT_TRUE(f.errors.isEmpty()) << f.errors.join(QLatin1Char('\n')).toStdString();
}

TEST(ExportActions, TheChartsContextMenuOpensTheDialogOnItsChart)
{
    Fixture f;
    ASSERT_TRUE(f.open(QStringLiteral("default"), 600, false));
    f.figure.reset(); // the dialog is cancelled
    Q_EMIT f.window->chartsPane()->exportRequested(FigureKind::Memory);
    EXPECT_EQ(f.lastInitial.kind, FigureKind::Memory);
}

TEST(ExportActions, AFileIsReplacedOnlyAfterAskingAndAnUnwritablePathIsAClearError)
{
    Fixture f;
    ASSERT_TRUE(f.open(QStringLiteral("default"), 600, false));
    const QString existing = f.path(QStringLiteral("cost.png"));
    {
        QFile keep(existing);
        ASSERT_TRUE(keep.open(QIODevice::WriteOnly));
        keep.write("keep me");
    }
    f.figure = FigureRequest{FigureKind::Cost, {FigureFormat::Png, {1200, 675}, 1, false}};
    f.next = f.path(QStringLiteral("cost")); // becomes cost.png, which the save dialog never asked about
    f.replace = false;
    f.exportAndWait([&] { f.window->exports().exportChart(); });
    EXPECT_EQ(f.asked, QStringList{existing});
    EXPECT_EQ(bytesOf(existing), QByteArray("keep me"));
    EXPECT_TRUE(f.errors.isEmpty());

    f.replace = true;
    EXPECT_EQ(f.exportAndWait([&] { f.window->exports().exportChart(); }), QString());
    EXPECT_EQ(QImage(existing).size(), QSize(1200, 675));

    f.next = QStringLiteral("/nonexistent-conviz-dir/cost.png");
    f.exportAndWait([&] { f.window->exports().exportChart(); });
    ASSERT_EQ(f.errors.size(), 1);
    EXPECT_EQ(f.errors.front(),
              QStringLiteral(
                  "cannot write /nonexistent-conviz-dir/cost.png: the folder /nonexistent-conviz-dir does not exist"));
}

TEST(ExportActions, ASweepChartWithoutASweepSaysWhatToDo)
{
    Fixture f;
    ASSERT_TRUE(f.open(QStringLiteral("default"), 600, false));
    const QString error = f.window->exports().writeFigure({FigureKind::Throughput, {}}, f.path(QStringLiteral("t.png")),
                                                          exports::Overwrite::Refuse);
    EXPECT_TRUE(error.contains(QStringLiteral("run one first"))) << error.toStdString();
    EXPECT_FALSE(QFile::exists(f.path(QStringLiteral("t.png"))));
}

TEST(ExportActions, AnAnimationHasFpsTimesSecondsPlusOneFrames)
{
    Fixture f;
    ASSERT_TRUE(f.open(QStringLiteral("default"), 600, false));
    GifSpec spec;
    spec.size = {320, 180};
    spec.fps = 5;
    spec.seconds = 2;
    spec.start = Nanos{10'000'000};
    spec.end = Nanos{40'000'000};
    f.gif = spec;
    f.next = f.path(QStringLiteral("anim.gif"));
    EXPECT_EQ(f.exportAndWait([&] { f.window->exports().exportGif(); }), QString());
    int error = 0;
    GifFileType *gif = DGifOpenFileName(QFile::encodeName(f.next).constData(), &error);
    ASSERT_NE(gif, nullptr);
    ASSERT_EQ(DGifSlurp(gif), GIF_OK);
    EXPECT_EQ(gif->ImageCount, 11);
    DGifCloseFile(gif, &error);
}

TEST(ExportActions, DataFilesHaveTheBytesConvizCliWritesForTheSameScenario)
{
    Fixture f;
    ASSERT_TRUE(f.open(QStringLiteral("default"), 400, false));
    const QString scenario = f.window->controller().sourcePath();
    const std::pair<DataKind, QString> kinds[] = {{DataKind::Csv, QStringLiteral("--csv")},
                                                  {DataKind::Json, QStringLiteral("--json")},
                                                  {DataKind::Trace, QStringLiteral("--trace")}};
    for (const auto &[kind, option] : kinds) {
        SCOPED_TRACE(option.toStdString());
        f.next = f.path(QStringLiteral("app") + option + QStringLiteral(".out"));
        EXPECT_EQ(f.exportAndWait([&, kind = kind] { f.window->exports().exportData(kind); }), QString());
        const QString cli = f.path(QStringLiteral("cli") + option + QStringLiteral(".out"));
        QProcess p;
        p.start(QStringLiteral(CONVIZ_CLI_PATH), {QStringLiteral("export"), scenario, option, QStringLiteral("--set"),
                                                  QStringLiteral("load.requests=400"), QStringLiteral("--out"), cli});
        ASSERT_TRUE(p.waitForFinished(120000));
        ASSERT_EQ(p.exitCode(), 0) << p.readAllStandardError().toStdString();
        const QByteArray app = bytesOf(f.next);
        EXPECT_GT(app.size(), 100);
        EXPECT_TRUE(app == bytesOf(cli)) << "the app's and the CLI's files differ";
    }
}

namespace {

// Holds every thread of `pool` until it goes out of scope: work started meanwhile waits.
class PoolHold {
public:
    explicit PoolHold(QThreadPool &pool)
    {
        const int threads = pool.maxThreadCount();
        for (int i = 0; i < threads; ++i)
            pool.start([this] {
                m_held.release();
                m_go.acquire();
            });
        m_held.acquire(threads);
        m_threads = threads;
    }
    ~PoolHold() { m_go.release(m_threads); }

private:
    QSemaphore m_held, m_go;
    int m_threads = 0;
};

} // namespace

TEST(ExportActions, APngIsCompressedAndWrittenOffTheGuiThreadWithTheBytesOfASynchronousExport)
{
    Fixture f;
    ASSERT_TRUE(f.open(QStringLiteral("default"), 600, false));
    // Both figures below show one instant; what the window draws between them changes no byte
    // (ColumnsFigure.APngHasTheSameBytesWhateverTextWasDrawnBeforeIt).
    f.window->playback().pause();
    f.window->playback().setTime(f.window->controller().latest()->end.count() / 2);
    const FigureRequest slide{FigureKind::SideBySide, {FigureFormat::Png, {1920, 1080}, 2, false}};
    const QString inPlace = f.path(QStringLiteral("in-place.png"));
    EXPECT_EQ(f.window->exports().writeFigure(slide, inPlace, exports::Overwrite::Refuse), QString());

    f.figure = slide;
    f.next = f.path(QStringLiteral("slide.png"));
    QSignalSpy done(&f.window->exports(), &ExportActions::exportFinished);
    {
        PoolHold hold(f.window->exports().workers());
        f.window->exports().exportChart(FigureKind::SideBySide);
        // The figure is drawn; its compression and the file wait for a worker while the window
        // goes on handling events.
        QTest::qWait(100);
        EXPECT_TRUE(done.isEmpty());
        EXPECT_FALSE(QFile::exists(f.next));
    }
    ASSERT_TRUE(done.wait(60000));
    EXPECT_EQ(done.last().at(1).toString(), QString());
    const QByteArray written = bytesOf(f.next);
    EXPECT_EQ(QImage::fromData(written).size(), QSize(3840, 2160));
    EXPECT_TRUE(written == bytesOf(inPlace)) << "the worker's PNG differs from the one written in place";
}

TEST(ExportActions, CancellingAFigureWhileItIsWrittenLeavesNoFile)
{
    Fixture f;
    ASSERT_TRUE(f.open(QStringLiteral("default"), 600, false));
    f.figure = FigureRequest{FigureKind::Timeline, {FigureFormat::Png, {1200, 675}, 3, false}};
    f.next = f.path(QStringLiteral("timeline.png"));
    QSignalSpy done(&f.window->exports(), &ExportActions::exportFinished);
    {
        PoolHold hold(f.window->exports().workers());
        f.window->exports().exportChart();
        auto *progress = f.window->findChild<QProgressDialog *>();
        ASSERT_NE(progress, nullptr);
        EXPECT_EQ(progress->labelText(), QStringLiteral("Writing timeline.png…"));
        auto *cancel = progress->findChild<QPushButton *>();
        ASSERT_NE(cancel, nullptr);
        EXPECT_EQ(cancel->text(), QStringLiteral("Cancel"));
        cancel->click();
    }
    ASSERT_TRUE(done.wait(60000));
    EXPECT_EQ(done.last().at(1).toString(), QStringLiteral("the export was cancelled"));
    EXPECT_FALSE(QFile::exists(f.next));
    EXPECT_TRUE(f.errors.isEmpty()) << "a cancel is not an error";
    QTest::qWait(10);
    EXPECT_EQ(f.window->findChild<QProgressDialog *>(), nullptr) << "the progress dialog stays behind";
}

TEST(ExportActions, AFigureStillBeingWrittenWhenTheWindowClosesIsWrittenInFull)
{
    Fixture f;
    ASSERT_TRUE(f.open(QStringLiteral("default"), 600, false));
    f.figure = FigureRequest{FigureKind::SideBySide, {FigureFormat::Png, {1920, 1080}, 3, false}};
    f.next = f.path(QStringLiteral("closing.png"));
    {
        PoolHold hold(f.window->exports().workers());
        f.window->exports().exportChart(FigureKind::SideBySide);
    }
    f.window.reset(); // waits for the worker, whose report then has nobody to go to
    QTest::qWait(50);
    EXPECT_EQ(QImage(f.next).size(), QSize(5760, 3240));
}
