// The test window of live mode's tests: a MainWindow on a small scenario, its errors recorded
// rather than shown, and the helpers those tests share.
#pragma once

#include "gui/app/live_mode.h"
#include "gui/app/main_window.h"
#include "gui/core/simulation_controller.h"
#include "gui/widgets/headline_view.h"
#include "gui/widgets/model_column.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <memory>
#include <optional>

namespace conviz::gui::testing {

// True as soon as `done` holds, false if it never did within `ms`. What it saw is the answer: asked
// again, a predicate on something fleeting (a process that has already exited) could say otherwise.
template <typename Predicate>
bool waitUntil(Predicate done, int ms)
{
    QElapsedTimer t;
    t.start();
    for (;;) {
        if (done())
            return true;
        if (t.elapsed() >= ms)
            return false;
        QTest::qWait(5);
    }
}

struct Error {
    QString title, message;
    int count = 0;
};

struct LiveWindow {
    std::unique_ptr<MainWindow> window;
    QTemporaryDir dir;
    std::shared_ptr<Error> error = std::make_shared<Error>();

    // A window on `toml` (written to a file), its first result shown, errors recorded; live runs use
    // `runtimes` (by default conviz's C++ executors alone; nullopt: as the settings say).
    explicit LiveWindow(const char *toml,
                        std::optional<LiveMode::Runtimes> runtimes = LiveMode::Runtimes{true, false, false})
    {
        window = std::make_unique<MainWindow>();
        window->controller().setAutoSweep(false);
        window->controller().setDebounceMs(10);
        window->setUnsavedPrompt([] { return static_cast<int>(QMessageBox::Discard); });
        window->resize(1280, 720);
        window->show();
        const QString path = dir.filePath(QStringLiteral("live.toml"));
        QFile f(path);
        EXPECT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(toml);
        f.close();
        EXPECT_TRUE(window->openScenario(path));
        EXPECT_TRUE(
            waitUntil([this] { return window->controller().latest() && !window->controller().isRunning(); }, 60000));
        window->live().setErrorPrompt([e = error](const QString &title, const QString &message) {
            e->title = title;
            e->message = message;
            ++e->count;
        });
        if (runtimes)
            window->live().setRuntimes(*runtimes);
    }
    LiveMode &live() { return window->live(); }
    QString headlineText(ModelKind m)
    {
        QString all;
        for (const TextItem &t : window->columns()[static_cast<std::size_t>(m)]->views()[0]->textLayout().items)
            all += t.text + QLatin1Char('\n');
        return all;
    }
};

// Two CPU-light closed-load clients, a few ms per request: a live run of well under a second.
const char *const kSmall = R"(name = "small live"
[machine]
cores = 2
[load]
kind = "closed"
clients = 2
think = "1ms"
requests = 40
[request]
steps = [ { cpu = "200us" }, { io = "2ms" } ]
[threads]
stack_reserved = "256KiB"
)";

} // namespace conviz::gui::testing
