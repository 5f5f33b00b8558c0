// Runs conviz-cli as a child process and captures what it prints.
#pragma once

#include <QJsonDocument>
#include <QJsonObject>

#include <string>
#include <vector>

namespace conviz::test {

struct CliRun {
    int exitCode = -1;
    std::string out;
    std::string err;

    // stdout parsed as JSON; an empty object (and a test failure) if it does not parse.
    QJsonObject json() const;
};

// Runs conviz-cli with `args` (no shell involved) and waits for it.
CliRun runCli(const std::vector<std::string> &args);

// A preset's path: scenario("crud-postgres") → ".../scenarios/crud-postgres.toml".
std::string scenario(const std::string &name);

// Writes `text` to a fresh file in a temporary directory and returns its path.
std::string writeTemp(const std::string &name, const std::string &text);

// A path in the temporary directory where nothing exists yet (any earlier file there is removed).
std::string tempPath(const std::string &name);

// The bytes of a file; empty if it cannot be read.
std::string readFile(const std::string &path);

} // namespace conviz::test
