#include "cli_process.h"

#include <QByteArray>
#include <QJsonParseError>

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace conviz::test {
namespace {

std::string slurp(const std::filesystem::path &p)
{
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::filesystem::path tempDir()
{
    static const std::filesystem::path dir = [] {
        std::string pattern = (std::filesystem::temp_directory_path() / "conviz-cli-test-XXXXXX").string();
        const char *made = ::mkdtemp(pattern.data());
        return std::filesystem::path(made ? made : "/tmp");
    }();
    return dir;
}

} // namespace

QJsonObject CliRun::json() const
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(out), &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << error.errorString().toStdString() << "\n" << out.substr(0, 400);
    return doc.object();
}

CliRun runCli(const std::vector<std::string> &args)
{
    static int counter = 0;
    const auto base = tempDir() / ("run" + std::to_string(++counter));
    const std::string outPath = base.string() + ".out";
    const std::string errPath = base.string() + ".err";

    std::vector<std::string> argv{CONVIZ_CLI_PATH};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char *> cargv;
    for (std::string &a : argv)
        cargv.push_back(a.data());
    cargv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = 0;
    CliRun run;
    if (posix_spawn(&pid, CONVIZ_CLI_PATH, &actions, nullptr, cargv.data(), environ) == 0) {
        int status = 0;
        ::waitpid(pid, &status, 0);
        run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    posix_spawn_file_actions_destroy(&actions);
    run.out = slurp(outPath);
    run.err = slurp(errPath);
    return run;
}

std::string scenario(const std::string &name) { return std::string(CONVIZ_SCENARIO_DIR) + "/" + name + ".toml"; }

std::string writeTemp(const std::string &name, const std::string &text)
{
    const auto path = tempDir() / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
}

std::string tempPath(const std::string &name)
{
    const auto path = tempDir() / name;
    std::filesystem::remove(path);
    return path.string();
}

std::string readFile(const std::string &path) { return slurp(path); }

} // namespace conviz::test
