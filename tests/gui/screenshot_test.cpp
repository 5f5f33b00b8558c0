// Renders the main window at 1600×1000 to PNG (look at it!) and checks it is not blank.
#include "gui/app/main_window.h"

#include "gui/charts/chart_widget.h"
#include "gui/charts/figure_renderer.h"
#include "gui/core/playback_state.h"
#include "gui/core/preset_model.h"
#include "gui/core/simulation_controller.h"
#include "gui/export/export_dialogs.h"
#include "gui/widgets/charts_pane.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QMessageBox>
#include <QSet>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

#include <gtest/gtest.h>

#include <iostream>

using namespace conviz::gui;

namespace {

QString outputDir()
{
    const QString dir =
        qEnvironmentVariable("CONVIZ_SCREENSHOT_DIR", QDir::currentPath() + QStringLiteral("/screenshots"));
    QDir().mkpath(dir);
    return dir;
}

// Distinct colours and the share of non-background pixels, on a sample grid.
std::pair<int, double> colourStats(const QImage &img)
{
    QSet<QRgb> colours;
    int inked = 0, total = 0;
    for (int y = 0; y < img.height(); y += 3)
        for (int x = 0; x < img.width(); x += 3) {
            const QRgb c = img.pixel(x, y);
            colours.insert(c);
            ++total;
            inked += qGray(c) < 235 ? 1 : 0;
        }
    return {static_cast<int>(colours.size()), static_cast<double>(inked) / total};
}

// The sweep charts exported at blog size, next to the screenshots (CONVIZ_SCREENSHOTS=all).
void exportCharts(MainWindow &w, const QString &name)
{
    ChartsPane *pane = w.chartsPane();
    const std::pair<ChartWidget *, const char *> charts[] = {{pane->throughputSweep(), "throughput"},
                                                             {pane->latencySweep(), "latency"},
                                                             {pane->memorySweep(), "memory"},
                                                             {pane->throughputOverTime(), "over-time"}};
    for (const auto &[chart, what] : charts) {
        QFile file(outputDir() + QStringLiteral("/chart-%1-%2.png").arg(name, QString::fromLatin1(what)));
        if (file.open(QIODevice::WriteOnly))
            file.write(renderChartFigure(chart->data(), {FigureFormat::Png, {720, 450}, 1, false}));
    }
}

QImage render(const QString &preset, bool sweep, double at)
{
    MainWindow w;
    w.setUnsavedPrompt([] { return static_cast<int>(QMessageBox::Discard); });
    w.controller().setAutoSweep(sweep);
    w.resize(1600, 1000);
    w.show();
    QSignalSpy result(&w.controller(), &SimulationController::resultAvailable);
    QSignalSpy swept(&w.controller(), &SimulationController::sweepAvailable);
    if (preset.isEmpty())
        w.openInitial(QString());
    else
        w.openScenario(preset);
    if (!result.wait(30000))
        return {};
    if (sweep) {
        if (!swept.wait(60000))
            return {};
        w.chartsPane()->tabs()->setCurrentIndex(1);
        QApplication::processEvents(); // the charts take their data on the next turns
        QApplication::processEvents();
        exportCharts(w, preset.isEmpty() ? QStringLiteral("default") : QFileInfo(preset).completeBaseName());
    }
    w.playback().setTime(static_cast<qint64>(static_cast<double>(w.playback().duration()) * at));
    QApplication::processEvents();
    return w.grab().toImage();
}

} // namespace

TEST(Screenshot, MainWindowAt1600x1000IsNotBlank)
{
    const QImage img = render(QString(), false, 0.25);
    ASSERT_FALSE(img.isNull());
    EXPECT_EQ(img.size(), QSize(1600, 1000) * img.devicePixelRatio());
    const QString path = outputDir() + QStringLiteral("/main_window.png");
    ASSERT_TRUE(img.save(path));
    std::cout << "screenshot: " << path.toStdString() << std::endl;
    const auto [colours, inked] = colourStats(img);
    EXPECT_GT(colours, 50); // the three model colours, their tints, text, charts
    EXPECT_GT(inked, 0.05); // not an empty white window
}

// Extra pictures for a human to look at; off unless asked for (CONVIZ_SCREENSHOTS=all).
TEST(Screenshot, EveryPresetWithItsSweep)
{
    if (qEnvironmentVariable("CONVIZ_SCREENSHOTS") != QStringLiteral("all"))
        GTEST_SKIP() << "set CONVIZ_SCREENSHOTS=all to render every preset";
    PresetModel presets;
    presets.scan(presetDirectory());
    for (const Preset &p : presets.presets()) {
        const QImage img = render(p.path, true, 0.3);
        ASSERT_FALSE(img.isNull()) << p.path.toStdString();
        const QString name = QFileInfo(p.path).completeBaseName();
        img.save(outputDir() + QStringLiteral("/preset-%1.png").arg(name));
    }
}

// The export dialogs, for a human to look at (they are replaced in the export tests).
TEST(Screenshot, ExportDialogsAreLaidOut)
{
    FigureDialog chart(FigureRequest{FigureKind::Latency, {FigureFormat::Png, {1200, 675}, 2, false}});
    chart.show();
    const QImage a = chart.grab().toImage();
    ASSERT_TRUE(a.save(outputDir() + QStringLiteral("/export_chart_dialog.png")));
    EXPECT_EQ(chart.request().spec.size, QSize(1200, 675));
    EXPECT_EQ(chart.request().spec.scale, 2);

    GifSpec spec;
    spec.start = conviz::Nanos{100'000'000};
    spec.end = conviz::Nanos{150'000'000};
    GifDialog gif(spec, conviz::Nanos{4'000'000'000});
    gif.show();
    ASSERT_TRUE(gif.grab().toImage().save(outputDir() + QStringLiteral("/export_gif_dialog.png")));
    EXPECT_EQ(gif.spec().end, spec.end);
    EXPECT_EQ(gifFrameCount(gif.spec()), 81);
}
