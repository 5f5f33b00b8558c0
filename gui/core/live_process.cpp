#include "gui/core/live_process.h"

#include "engine/scenario/scenario_file.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <csignal>

#include <sys/types.h>
#include <unistd.h>

namespace conviz::gui {
namespace {

bool isExecutable(const QString &path)
{
    const QFileInfo f(path);
    return f.isFile() && f.isExecutable();
}

// conviz-cli's exit codes (cli/cli.h): 1 = a run stopped early or failed, 2 = bad input or refused.
constexpr int kExitPartial = 1;
constexpr int kExitRefused = 2;

} // namespace

LiveProcess::LiveProcess(QObject *parent) : QObject(parent) {}

LiveProcess::~LiveProcess()
{
    if (m_process) {
        m_process->disconnect(this);
        killRun(); // never leave a run behind the app
    }
}

void LiveProcess::killRun()
{
    // conviz-cli leads a process group of its own (start()): the Go runner, `go build` and Node.js,
    // which it starts and waits for, are in it and die with it. Killing conviz-cli alone would leave
    // a runner going, its output pipe read by no one.
    if (const qint64 pid = m_process->processId(); pid > 0)
        ::kill(-static_cast<pid_t>(pid), SIGKILL);
    m_process->kill();
    m_process->waitForFinished(1000);
}

QString LiveProcess::missingRuntime(MeasuredSource source)
{
    if (source == MeasuredSource::Go && QStandardPaths::findExecutable(QStringLiteral("go")).isEmpty())
        return QStringLiteral("Real Go needs the Go toolchain, and `go` is not on PATH: install it with `sudo apt "
                              "install golang-go` (Debian, Ubuntu) or from https://go.dev/dl/ (Go 1.19 or newer)");
    if (source == MeasuredSource::Node && QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty())
        return QStringLiteral("Real Node.js needs Node.js, and `node` is not on PATH: install it with `sudo apt "
                              "install nodejs` (Debian, Ubuntu) or from https://nodejs.org/ (Node.js 18 or newer)");
    return QString();
}

QString LiveProcess::findCli()
{
    const QString env = qEnvironmentVariable("CONVIZ_CLI");
    if (!env.isEmpty())
        return isExecutable(env) ? QFileInfo(env).absoluteFilePath() : QString();
    const QString appDir = QCoreApplication::applicationDirPath();
    const QString name = QStringLiteral("conviz-cli");
    // Installed: beside the app. Built: build/dev/cli beside build/dev/gui/app (and beside
    // build/dev/tests/gui for the tests).
    for (const QString &candidate :
         {QDir(appDir).filePath(name), QDir(appDir).filePath(QStringLiteral("../../cli/") + name)})
        if (isExecutable(candidate))
            return QFileInfo(candidate).canonicalFilePath();
    return QStandardPaths::findExecutable(name);
}

bool LiveProcess::isRunning() const { return m_process && m_process->state() != QProcess::NotRunning; }

qint64 LiveProcess::processId() const { return isRunning() ? m_process->processId() : 0; }

bool LiveProcess::start(const Scenario &s, const QStringList &extraArgs)
{
    if (isRunning()) {
        m_process->disconnect(this);
        killRun();
    }
    delete m_process;
    m_process = nullptr;
    m_messages.clear();
    m_stderr.clear();
    m_cancelling = false;
    const QString cli = m_cliPath.isEmpty() ? findCli() : m_cliPath;
    if (cli.isEmpty() || !isExecutable(cli)) {
        const QString env = qEnvironmentVariable("CONVIZ_CLI");
        Q_EMIT failed(QStringLiteral("conviz-cli not found"),
                      !env.isEmpty() && m_cliPath.isEmpty()
                          ? QStringLiteral("CONVIZ_CLI names %1, which is not an executable file.").arg(env)
                          : QStringLiteral("A live run needs conviz-cli, the command-line tool that comes with conviz. "
                                           "It was not found beside the app (%1), in the build tree or on the PATH. "
                                           "Build it (cmake --build --preset dev --target conviz-cli), or set "
                                           "CONVIZ_CLI to its path.")
                                .arg(QDir::toNativeSeparators(QCoreApplication::applicationDirPath())));
        return false;
    }
    m_dir = std::make_unique<QTemporaryDir>();
    const QString file = m_dir->isValid() ? m_dir->filePath(QStringLiteral("live.toml")) : QString();
    const auto error = file.isEmpty() ? std::optional<std::string>("no temporary folder could be made")
                                      : scenario::saveFile(s, file.toStdString());
    if (error) {
        Q_EMIT failed(
            QStringLiteral("Cannot start the live run"),
            QStringLiteral("The scenario could not be written for conviz-cli: %1").arg(QString::fromStdString(*error)));
        return false;
    }
    m_process = new QProcess(this);
    m_process->setWorkingDirectory(m_dir->path());
    // A process group of its own, led by conviz-cli, holding the runners it starts: cancel kills it.
    m_process->setChildProcessModifier([] { ::setpgid(0, 0); });
    connect(m_process, &QProcess::readyReadStandardError, this, &LiveProcess::readProgress);
    connect(m_process, &QProcess::finished, this, &LiveProcess::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e != QProcess::FailedToStart)
            return; // a crash or a kill arrives as finished()
        Q_EMIT failed(QStringLiteral("Cannot start the live run"),
                      QStringLiteral("conviz-cli (%1) did not start: %2")
                          .arg(QDir::toNativeSeparators(m_process->program()), m_process->errorString()));
    });
    m_process->start(cli, QStringList{QStringLiteral("live"), file, QStringLiteral("--json")} + extraArgs);
    Q_EMIT started();
    return true;
}

void LiveProcess::cancel()
{
    if (!isRunning())
        return;
    m_cancelling = true;
    if (const qint64 pid = m_process->processId(); pid > 0)
        ::kill(-static_cast<pid_t>(pid), SIGKILL); // conviz-cli and the runners it started
    m_process->kill();                             // finished() follows, and reports the cancel
}

void LiveProcess::readProgress()
{
    m_stderr += m_process->readAllStandardError();
    for (qsizetype nl = m_stderr.indexOf('\n'); nl >= 0; nl = m_stderr.indexOf('\n')) {
        const QByteArray line = m_stderr.left(nl);
        m_stderr.remove(0, nl + 1);
        // A terminal's progress ("\rlive fibers: 3 of 10") never reaches a pipe; skip blank lines.
        if (const auto p = parseLiveProgress(line))
            Q_EMIT progress(*p);
        else if (!line.trimmed().isEmpty()) {
            m_messages.push_back(QString::fromUtf8(line.trimmed()));
            Q_EMIT message(m_messages.back());
        }
    }
}

QString LiveProcess::errorText() const
{
    return m_messages.isEmpty() ? QStringLiteral("conviz-cli said nothing about why.")
                                : m_messages.join(QLatin1Char('\n'));
}

void LiveProcess::onFinished(int exitCode, QProcess::ExitStatus status)
{
    readProgress();
    if (!m_stderr.trimmed().isEmpty()) // a last line without its newline
        m_messages.push_back(QString::fromUtf8(m_stderr.trimmed()));
    m_stderr.clear();
    const QByteArray out = m_process->readAllStandardOutput();
    m_process->deleteLater();
    m_process = nullptr;
    if (m_cancelling) {
        m_cancelling = false;
        Q_EMIT cancelled();
        return;
    }
    if (status == QProcess::CrashExit) {
        Q_EMIT failed(
            QStringLiteral("The live run crashed"),
            QStringLiteral("conviz-cli stopped without finishing (the app is unharmed).\n%1").arg(errorText()));
        return;
    }
    if (exitCode == kExitRefused) {
        Q_EMIT failed(QStringLiteral("Live run refused"), errorText());
        return;
    }
    auto parsed = parseLiveJson(out);
    if (auto *error = std::get_if<QString>(&parsed)) {
        Q_EMIT failed(QStringLiteral("The live run failed"),
                      exitCode != 0 ? errorText() : *error + QStringLiteral("\n") + errorText());
        return;
    }
    const QString warning = exitCode == kExitPartial ? errorText() : QString();
    Q_EMIT finished(std::make_shared<const LiveResult>(std::move(std::get<LiveResult>(parsed))), warning);
}

} // namespace conviz::gui
