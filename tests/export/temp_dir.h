// A fresh folder per test, removed with everything in it when the test ends.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace conviz::test {

class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir &) = delete;
    TempDir &operator=(const TempDir &) = delete;

    const std::filesystem::path &path() const { return m_path; }
    std::filesystem::path operator/(const std::string &name) const { return m_path / name; }
    // The names in the folder, sorted: shows a temporary file left behind.
    std::vector<std::string> entries() const;

private:
    std::filesystem::path m_path;
};

// The file's bytes; empty if it cannot be read.
std::string readFile(const std::filesystem::path &path);

} // namespace conviz::test
