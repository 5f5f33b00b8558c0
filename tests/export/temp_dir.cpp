#include "temp_dir.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

#include <stdlib.h>

namespace conviz::test {

TempDir::TempDir()
{
    std::string pattern = (std::filesystem::temp_directory_path() / "conviz-export-test-XXXXXX").string();
    const char *made = ::mkdtemp(pattern.data());
    m_path = made ? std::filesystem::path(made) : std::filesystem::temp_directory_path();
}

TempDir::~TempDir()
{
    std::error_code ignored;
    std::filesystem::permissions(m_path, std::filesystem::perms::owner_all, std::filesystem::perm_options::add,
                                 ignored);
    std::filesystem::remove_all(m_path, ignored);
}

std::vector<std::string> TempDir::entries() const
{
    std::vector<std::string> names;
    for (const auto &e : std::filesystem::directory_iterator(m_path))
        names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::string readFile(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace conviz::test
