// A live run in a process of its own: writes the scenario to a temporary file, starts
// `conviz-cli live FILE --json`, reports its progress lines and delivers its result. conviz-cli
// runs in a process group of its own, with the real Go and Node.js runners it starts; cancel kills
// the whole group, so it stops at once whatever the run is doing and leaves no runner behind; no crash of the run can
// reach the app, and the run's memory and thread figures are its own. The app never waits for it. GUI thread only.
#pragma once

#include "engine/core/scenario.h"
#include "gui/core/live_result.h"

#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>

class QTemporaryDir;

namespace conviz::gui {

class LiveProcess : public QObject {
    Q_OBJECT
public:
    explicit LiveProcess(QObject *parent = nullptr);
    ~LiveProcess() override; // kills a run still going

    // Where conviz-cli is: $CONVIZ_CLI if set; else beside the app (an installed app); else in the
    // build tree (build/dev/cli/conviz-cli beside build/dev/gui/app); else on the PATH. Empty if
    // none of them has an executable conviz-cli.
    static QString findCli();
    // Empty if `source`'s program (`go`, `node`) is on the PATH, or C++; else what to install, in
    // conviz-cli's words (the Debian package: golang-go, nodejs).
    static QString missingRuntime(MeasuredSource source);
    // Uses `path` instead of findCli() (tests); empty: findCli() again.
    void setCliPath(const QString &path) { m_cliPath = path; }

    // Starts a live run of `scenario` with conviz-cli's `extraArgs` after FILE (e.g. "--set",
    // "live.requests=40"). A run already going is killed first. Returns false after emitting
    // failed() if the run cannot start (no conviz-cli, the temporary file cannot be written).
    bool start(const Scenario &scenario, const QStringList &extraArgs = {});
    // Kills the run and every process it started (SIGKILL to its process group: it ends within a
    // second whatever it does) and emits cancelled().
    void cancel();
    bool isRunning() const;
    // The process id of the run, 0 when none runs (tests: it is gone after cancel).
    qint64 processId() const;
    // The stderr lines that were not progress: conviz-cli's messages.
    const QStringList &messages() const { return m_messages; }

Q_SIGNALS:
    void started();
    void progress(const conviz::gui::LiveProgress &progress);
    // The run finished and printed its result; `warning` is non-empty when its figures cover only
    // part of the load (stopped at live.max_wall) or conviz-cli said something worth showing.
    void finished(std::shared_ptr<const conviz::gui::LiveResult> result, const QString &warning);
    // The run could not start, was refused (a cap: the message names the `--set live.…=` that
    // raises it) or failed; `title` says which, `message` is conviz-cli's own sentence.
    void failed(const QString &title, const QString &message);
    void cancelled();
    // conviz-cli wrote a line that is not progress (e.g. "building the Go runner once into …").
    void message(const QString &line);

private:
    void readProgress();
    void killRun(); // SIGKILL to the run's process group, then waits for conviz-cli
    void onFinished(int exitCode, QProcess::ExitStatus status);
    QString errorText() const; // the messages, or a word when there are none

    QString m_cliPath;
    QProcess *m_process = nullptr;
    std::unique_ptr<QTemporaryDir> m_dir;
    QByteArray m_stderr; // a partial line not yet read
    QStringList m_messages;
    bool m_cancelling = false;
};

} // namespace conviz::gui
