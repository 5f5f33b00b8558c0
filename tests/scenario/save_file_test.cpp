// saveFile writes atomically (through engine/core/atomic_file.h); loadFile reads what it wrote and
// reports unreadable files as values.
#include "test_support.h"

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace conviz::scenario::test {
namespace {

namespace fs = std::filesystem;

// A fresh directory per test, removed afterwards.
class ScenarioFiles : public ::testing::Test {
protected:
    void SetUp() override
    {
        const auto *info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_dir = fs::temp_directory_path() / ("conviz-scenario-" + std::to_string(::getpid()) + "-" + info->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override
    {
        std::error_code ignored;
        fs::permissions(m_dir, fs::perms::owner_all, fs::perm_options::add, ignored);
        fs::remove_all(m_dir, ignored);
    }

    std::vector<std::string> entries() const
    {
        std::vector<std::string> names;
        for (const auto &e : fs::directory_iterator(m_dir))
            names.push_back(e.path().filename().string());
        std::sort(names.begin(), names.end());
        return names;
    }

    static std::string read(const fs::path &p)
    {
        std::string text(static_cast<std::size_t>(fs::file_size(p)), '\0');
        std::ifstream(p, std::ios::binary).read(text.data(), static_cast<std::streamsize>(text.size()));
        return text;
    }

    static Scenario sample()
    {
        Scenario s = loadValid(kMinimalRequest);
        s.name = "Saved";
        s.machine.cores = 8;
        return s;
    }

    fs::path m_dir;
};

TEST_F(ScenarioFiles, ASavedScenarioLoadsBackEqualAndLeavesNoTemporaryFile)
{
    const fs::path path = m_dir / "saved.toml";
    ASSERT_EQ(saveFile(sample(), path), std::nullopt);
    EXPECT_EQ(entries(), std::vector<std::string>{"saved.toml"});
    EXPECT_EQ(read(path), toToml(sample()));
    const LoadResult r = loadFile(path);
    ASSERT_TRUE(r.ok()) << formatted(r);
    EXPECT_EQ(*r.scenario, sample());
}

TEST_F(ScenarioFiles, SavingReplacesAnExistingFile)
{
    const fs::path path = m_dir / "saved.toml";
    std::ofstream(path) << "old contents that are much longer than nothing at all\n";
    ASSERT_EQ(saveFile(sample(), path), std::nullopt);
    EXPECT_EQ(read(path), toToml(sample()));
    EXPECT_EQ(entries(), std::vector<std::string>{"saved.toml"});
}

TEST_F(ScenarioFiles, SavingIntoAMissingDirectoryNamesThePathAndTheReason)
{
    const fs::path path = m_dir / "missing" / "saved.toml";
    const std::optional<std::string> error = saveFile(sample(), path);
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find(path.string()), std::string::npos) << *error;
    EXPECT_NE(error->find("does not exist"), std::string::npos) << *error;
    EXPECT_EQ(entries(), std::vector<std::string>{});
}

TEST_F(ScenarioFiles, SavingOverAFolderFailsAndLeavesNoTemporaryFile)
{
    // The target is a non-empty folder: nothing may replace it, and no temporary file stays behind.
    const fs::path path = m_dir / "taken";
    fs::create_directories(path / "inside");
    const std::optional<std::string> error = saveFile(sample(), path);
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find(path.string()), std::string::npos) << *error;
    EXPECT_EQ(entries(), std::vector<std::string>{"taken"});
}

TEST_F(ScenarioFiles, SavingUnderARegularFileFails)
{
    std::ofstream(m_dir / "plain") << "x";
    const std::optional<std::string> error = saveFile(sample(), m_dir / "plain" / "saved.toml");
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("is not a folder"), std::string::npos) << *error;
    EXPECT_EQ(entries(), std::vector<std::string>{"plain"});
}

TEST_F(ScenarioFiles, SavingIntoAnUnwritableDirectoryFailsWithoutLeavingAnything)
{
    if (::geteuid() == 0)
        GTEST_SKIP() << "root ignores directory permissions";
    fs::permissions(m_dir, fs::perms::owner_read | fs::perms::owner_exec);
    const std::optional<std::string> error = saveFile(sample(), m_dir / "saved.toml");
    fs::permissions(m_dir, fs::perms::owner_all);
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("permission denied"), std::string::npos) << *error;
    EXPECT_EQ(entries(), std::vector<std::string>{});
}

TEST_F(ScenarioFiles, APathWithoutAFileNameIsRefused)
{
    const std::optional<std::string> error = saveFile(sample(), m_dir / "");
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("names no file"), std::string::npos) << *error;
}

TEST_F(ScenarioFiles, AMissingFileIsADiagnosticNamingIt)
{
    const fs::path path = m_dir / "nope.toml";
    const LoadResult r = loadFile(path);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].file, path.string());
    EXPECT_EQ(r.errors[0].line, 0);
    EXPECT_NE(r.errors[0].message.find("No such file or directory"), std::string::npos) << r.errors[0].message;
}

TEST_F(ScenarioFiles, ADirectoryIsNotAScenarioFile)
{
    const LoadResult r = loadFile(m_dir);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_NE(r.errors[0].message.find("directory"), std::string::npos);
}

TEST_F(ScenarioFiles, AFileErrorCarriesTheFileNameAndOverridesApply)
{
    const fs::path path = m_dir / "bad.toml";
    std::ofstream(path) << kMinimalRequest << "[machine]\ncores = 0\n";
    const LoadResult bad = loadFile(path);
    ASSERT_EQ(bad.errors.size(), 1u);
    EXPECT_EQ(bad.errors[0].format(), path.string() + ":4:9: error: `machine.cores`: must be at least 1, got 0");
    const std::vector<std::string> fix{"machine.cores=3"};
    const LoadResult fixed = loadFile(path, fix);
    ASSERT_TRUE(fixed.ok()) << formatted(fixed);
    EXPECT_EQ(fixed.scenario->machine.cores, 3);
}

TEST_F(ScenarioFiles, AnOversizedFileIsRefusedWithoutReadingItAll)
{
    const fs::path path = m_dir / "huge.toml";
    {
        std::ofstream out(path, std::ios::binary);
        const std::string chunk(1 << 20, '#');
        for (int i = 0; i < 8; ++i)
            out << chunk;
    }
    const LoadResult r = loadFile(path);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_NE(r.errors[0].message.find("at most 1,048,576 bytes"), std::string::npos) << r.errors[0].message;
}

} // namespace
} // namespace conviz::scenario::test
