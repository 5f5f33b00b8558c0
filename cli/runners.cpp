// Finding, building and launching the Go and Node.js runners.
#include "cli/runners.h"

#include "cli/request_plan.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

extern char **environ;

namespace conviz::cli::runners {
namespace fs = std::filesystem;
namespace {

// What a child process printed and how it ended.
struct ChildResult {
    std::string out;
    int status = -1; // exit code; -1 if it could not start or died of a signal
    std::string error;
};

// Runs argv with `extraEnv` added, its stdout captured and its stderr passed through. Blocks.
ChildResult runChild(const std::vector<std::string> &argv, const std::vector<std::string> &extraEnv)
{
    ChildResult r;
    std::array<int, 2> pipe{};
    if (::pipe2(pipe.data(), O_CLOEXEC) != 0) {
        r.error = std::strerror(errno);
        return r;
    }
    std::vector<std::string> envStore(extraEnv);
    for (char **e = environ; *e != nullptr; ++e) {
        const std::string_view entry(*e);
        const auto sameKey = [&](const std::string &set) {
            return entry.substr(0, entry.find('=') + 1) == set.substr(0, set.find('=') + 1);
        };
        if (std::none_of(extraEnv.begin(), extraEnv.end(), sameKey)) // one value per name: ours
            envStore.emplace_back(entry);
    }
    std::vector<char *> env;
    for (std::string &e : envStore)
        env.push_back(e.data());
    env.push_back(nullptr);
    std::vector<std::string> argStore(argv);
    std::vector<char *> args;
    for (std::string &a : argStore)
        args.push_back(a.data());
    args.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe[1], STDOUT_FILENO);
    pid_t pid = 0;
    const int rc = ::posix_spawn(&pid, args[0], &actions, nullptr, args.data(), env.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe[1]);
    if (rc != 0) {
        ::close(pipe[0]);
        r.error = fmt::format("could not start {}: {}", argv[0], std::strerror(rc));
        return r;
    }
    std::array<char, 65536> buffer{};
    for (;;) {
        const ssize_t n = ::read(pipe[0], buffer.data(), buffer.size());
        if (n > 0)
            r.out.append(buffer.data(), static_cast<std::size_t>(n));
        else if (n == 0 || errno != EINTR)
            break;
    }
    ::close(pipe[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (WIFSIGNALED(status))
        r.error = fmt::format("{} was killed by signal {}", argv[0], WTERMSIG(status));
    return r;
}

// `program` on PATH, or empty.
std::string onPath(std::string_view program)
{
    const char *path = std::getenv("PATH");
    std::string_view dirs = path != nullptr ? path : "";
    while (!dirs.empty()) {
        const std::size_t colon = std::min(dirs.find(':'), dirs.size());
        const fs::path candidate = fs::path(std::string(dirs.substr(0, colon))) / program;
        dirs.remove_prefix(std::min(colon + 1, dirs.size()));
        if (::access(candidate.c_str(), X_OK) == 0 && !fs::is_directory(candidate))
            return candidate.string();
    }
    return {};
}

std::string readText(const fs::path &p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// FNV-1a, 64 bits: names a build of the Go runner by its source and toolchain.
std::uint64_t fnv1a(std::string_view text, std::uint64_t h = 14695981039346656037ULL)
{
    for (const char c : text)
        h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    return h;
}

// $XDG_CACHE_HOME/conviz, else ~/.cache/conviz (XDG Base Directory specification).
fs::path cacheDirectory()
{
    if (const char *x = std::getenv("XDG_CACHE_HOME"); x != nullptr && *x == '/')
        return fs::path(x) / "conviz";
    if (const char *home = std::getenv("HOME"); home != nullptr && *home != '\0')
        return fs::path(home) / ".cache" / "conviz";
    return fs::temp_directory_path() / "conviz-cache";
}

// The Go runner built from `source`, building it once per source and toolchain into the cache.
// Returns the binary's path, or sets `error`.
std::string goBinary(const std::string &go, const fs::path &source, std::string &error)
{
    const ChildResult version = runChild({go, "version"}, {});
    const std::string text = readText(source);
    if (text.empty()) {
        error = fmt::format("cannot read {}", source.string());
        return {};
    }
    const fs::path dir = cacheDirectory() / fmt::format("go-runner-{:016x}", fnv1a(version.out, fnv1a(text)));
    const fs::path binary = dir / "runner";
    if (::access(binary.c_str(), X_OK) == 0)
        return binary.string();
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        error = fmt::format("cannot create {}: {}", dir.string(), ec.message());
        return {};
    }
    // Built beside its final name and renamed, so two conviz-cli at once never run half a file.
    const fs::path partial = dir / fmt::format("runner.{}.partial", ::getpid());
    fmt::print(stderr, "conviz-cli: building the Go runner once into {}\n", dir.string());
    const ChildResult built =
        runChild({go, "build", "-o", partial.string(), source.string()}, {"GO111MODULE=off", "GOFLAGS="});
    if (built.status != 0) {
        error = fmt::format("`go build {}` failed{}", source.string(), built.error.empty() ? "" : ": " + built.error);
        fs::remove(partial, ec);
        return {};
    }
    fs::rename(partial, binary, ec);
    if (ec) {
        error = fmt::format("cannot move the Go runner into {}: {}", binary.string(), ec.message());
        return {};
    }
    return binary.string();
}

} // namespace

std::string_view runtimeKey(Runtime r) { return r == Runtime::Go ? "go" : "node"; }

ModelKind runtimeModel(Runtime r) { return r == Runtime::Go ? ModelKind::Fibers : ModelKind::EventLoop; }

RuntimeSelection selectRuntimes(const std::vector<std::string> &names, const std::vector<ModelKind> &models)
{
    RuntimeSelection s;
    if (names.empty())
        return s;
    // `all`: every runtime, each for the models --model selects; a runtime named alone must fit them.
    const bool all = std::find(names.begin(), names.end(), "all") != names.end();
    const auto named = [&](std::string_view n) {
        return all || std::find(names.begin(), names.end(), n) != names.end();
    };
    s.cpp = named("cpp");
    for (const Runtime r : {Runtime::Go, Runtime::Node}) {
        if (!named(runtimeKey(r)))
            continue;
        const bool selected = std::find(models.begin(), models.end(), runtimeModel(r)) != models.end();
        if (!selected && all)
            continue;
        if (!selected) {
            s.error = fmt::format("--runtime {} runs the {} model, which --model leaves out", runtimeKey(r),
                                  modelKey(runtimeModel(r)));
            return s;
        }
        s.runners.push_back(r);
    }
    return s;
}

std::string runnersDirectory()
{
    std::vector<fs::path> candidates;
    if (const char *env = std::getenv("CONVIZ_RUNNERS_DIR"); env != nullptr && *env != '\0')
        candidates.emplace_back(env);
    // An installed program reads its own share/ before the source tree it was built from.
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec)
        candidates.push_back(exe.parent_path() / ".." / "share" / "conviz" / "runners");
#ifdef CONVIZ_SOURCE_RUNNERS_DIR
    candidates.emplace_back(CONVIZ_SOURCE_RUNNERS_DIR);
#endif
    for (const fs::path &c : candidates)
        if (fs::exists(c / "go" / "runner.go", ec) && fs::exists(c / "node" / "runner.js", ec))
            return fs::weakly_canonical(c, ec).string();
    return {};
}

std::vector<std::string> missingTools(const std::vector<Runtime> &runtimes)
{
    std::vector<std::string> missing;
    for (Runtime r : runtimes) {
        if (r == Runtime::Go && onPath("go").empty())
            missing.emplace_back("--runtime go needs the Go toolchain, and `go` is not on PATH: install it with "
                                 "`sudo apt install golang-go` (Debian, Ubuntu) or from https://go.dev/dl/ (Go 1.19 "
                                 "or newer), then run this again");
        if (r == Runtime::Node && onPath("node").empty())
            missing.emplace_back("--runtime node needs Node.js, and `node` is not on PATH: install it with "
                                 "`sudo apt install nodejs` (Debian, Ubuntu) or from https://nodejs.org/ (Node.js 18 "
                                 "or newer), then run this again");
    }
    if (!runtimes.empty() && runnersDirectory().empty())
        missing.emplace_back("the runners' sources (go/runner.go, node/runner.js) are not installed: reinstall conviz "
                             "or set CONVIZ_RUNNERS_DIR to the resources/runners folder of its source");
    return missing;
}

RunnerResult runRunner(Runtime runtime, const Scenario &s)
{
    RunnerResult r;
    r.runtime = runtime;
    r.metrics.model = runtimeModel(runtime);
    r.metrics.stop = live::StopReason::Failed;
    const fs::path dir = runnersDirectory();
    std::vector<std::string> argv;
    if (runtime == Runtime::Go) {
        const std::string binary = goBinary(onPath("go"), dir / "go" / "runner.go", r.error);
        if (binary.empty())
            return r;
        argv = {binary};
    } else {
        argv = {onPath("node"), (dir / "node" / "runner.js").string()};
    }
    // The plan goes through a file: a pipe would need a writer thread beside the reader.
    const fs::path planFile = fs::temp_directory_path() / fmt::format("conviz-plan-{}.json", ::getpid());
    {
        std::ofstream out(planFile, std::ios::binary | std::ios::trunc);
        out << planJson(s);
        if (!out) {
            r.error = fmt::format("cannot write the plan to {}", planFile.string());
            return r;
        }
    }
    argv.push_back(planFile.string());
    const ChildResult child = runChild(argv, {fmt::format("UV_THREADPOOL_SIZE={}", s.eventLoop.threadpool)});
    std::error_code ec;
    fs::remove(planFile, ec);
    if (!child.error.empty()) {
        r.error = child.error;
        return r;
    }
    if (child.status != 0 && child.status != 1) { // 1: stopped at live.max_wall, with figures
        r.error = fmt::format("the {} runner failed (exit code {})", runtimeKey(runtime), child.status);
        return r;
    }
    if (!parseRunnerOutput(child.out, r)) {
        r.error = fmt::format("the {} runner's output could not be read: {}", runtimeKey(runtime), r.error);
        r.metrics.stop = live::StopReason::Failed;
    }
    return r;
}

} // namespace conviz::cli::runners
