// Atomic files: the whole file or nothing, no overwrite unless asked, a clear sentence on failure.
#include "temp_dir.h"

#include "engine/core/atomic_file.h"

#include <gtest/gtest.h>

#include <csignal>
#include <fstream>

#include <sys/resource.h>
#include <unistd.h>

using conviz::exports::AtomicFile;
using conviz::exports::ExportError;
using conviz::exports::Overwrite;
using conviz::exports::writeFileAtomically;
using conviz::test::readFile;
using conviz::test::TempDir;

namespace {

void put(const std::filesystem::path &path, const std::string &text) { std::ofstream(path, std::ios::binary) << text; }

} // namespace

TEST(AtomicFile, WritesTheWholeFileAndLeavesNoTemporaryBehind)
{
    TempDir dir;
    const auto path = dir / "out.csv";
    EXPECT_EQ(writeFileAtomically(path, "a,b\n1,2\n", Overwrite::Refuse), std::nullopt);
    EXPECT_EQ(readFile(path), "a,b\n1,2\n");
    EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.csv"});
}

TEST(AtomicFile, StreamsLargeOutputsInPieces)
{
    TempDir dir;
    const auto path = dir / "big.json";
    AtomicFile file;
    ASSERT_EQ(file.open(path, Overwrite::Refuse), std::nullopt);
    std::string expected;
    for (int i = 0; i < 300'000; ++i) {
        const std::string line = std::to_string(i) + "\n";
        file.write(line);
        expected += line;
    }
    EXPECT_FALSE(std::filesystem::exists(path)) << "nothing is visible before commit";
    ASSERT_EQ(file.commit(), std::nullopt);
    EXPECT_EQ(readFile(path), expected);
    EXPECT_EQ(dir.entries(), std::vector<std::string>{"big.json"});
}

TEST(AtomicFile, RefusesToOverwriteAnExistingFileUnlessAsked)
{
    TempDir dir;
    const auto path = dir / "out.csv";
    put(path, "old");
    const auto refused = writeFileAtomically(path, "new", Overwrite::Refuse);
    ASSERT_TRUE(refused.has_value());
    EXPECT_EQ(refused->kind, ExportError::Kind::Exists);
    EXPECT_EQ(refused->message, path.string() + " already exists");
    EXPECT_EQ(readFile(path), "old");
    EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.csv"});

    EXPECT_EQ(writeFileAtomically(path, "new", Overwrite::Replace), std::nullopt);
    EXPECT_EQ(readFile(path), "new");
    EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.csv"});
}

TEST(AtomicFile, AFileThatAppearsWhileWritingIsNotClobbered)
{
    TempDir dir;
    const auto path = dir / "out.csv";
    AtomicFile file;
    ASSERT_EQ(file.open(path, Overwrite::Refuse), std::nullopt);
    file.write("mine");
    put(path, "theirs");
    const auto error = file.commit();
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->kind, ExportError::Kind::Exists);
    EXPECT_EQ(readFile(path), "theirs");
    EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.csv"});
}

TEST(AtomicFile, AbortAndDestructionLeaveNothing)
{
    TempDir dir;
    {
        AtomicFile file;
        ASSERT_EQ(file.open(dir / "a.json", Overwrite::Refuse), std::nullopt);
        file.write("partial");
        EXPECT_TRUE(std::filesystem::exists(file.temporaryPath()));
        EXPECT_EQ(file.temporaryPath().parent_path(), dir.path()) << "the temporary file sits beside the target";
        file.abort();
        EXPECT_FALSE(file.isOpen());
    }
    {
        AtomicFile file;
        ASSERT_EQ(file.open(dir / "b.json", Overwrite::Refuse), std::nullopt);
        file.write("partial");
    }
    EXPECT_TRUE(dir.entries().empty());
}

TEST(AtomicFile, AMissingFolderIsNamedInTheMessage)
{
    TempDir dir;
    const auto path = dir / "nope" / "out.csv";
    const auto error = writeFileAtomically(path, "x", Overwrite::Refuse);
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->kind, ExportError::Kind::Io);
    EXPECT_EQ(error->message,
              "cannot write " + path.string() + ": the folder " + (dir / "nope").string() + " does not exist");
    EXPECT_TRUE(dir.entries().empty());
}

TEST(AtomicFile, AFileInPlaceOfTheFolderIsNamedInTheMessage)
{
    TempDir dir;
    put(dir / "plain", "x");
    const auto error = writeFileAtomically(dir / "plain" / "out.csv", "x", Overwrite::Refuse);
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->message, "cannot write " + (dir / "plain" / "out.csv").string() + ": " + (dir / "plain").string() +
                                  " is not a folder");
}

TEST(AtomicFile, AFolderIsNeverReplaced)
{
    TempDir dir;
    std::filesystem::create_directory(dir / "sub");
    const auto error = writeFileAtomically(dir / "sub", "x", Overwrite::Replace);
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->message, "cannot write " + (dir / "sub").string() + ": it is a folder");
    EXPECT_TRUE(std::filesystem::is_directory(dir / "sub"));
}

TEST(AtomicFile, AnUnwritableFolderGivesThePathAndTheOsReason)
{
    TempDir dir;
    std::filesystem::path path = dir / "locked" / "out.csv";
    if (::geteuid() == 0) {
        // Root writes anywhere a mode allows nothing; sysfs still refuses to create files.
        path = "/sys/conviz-export-test.csv";
        if (!std::filesystem::is_directory("/sys"))
            GTEST_SKIP() << "running as root without /sys";
    } else {
        std::filesystem::create_directory(dir / "locked");
        std::filesystem::permissions(dir / "locked",
                                     std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
    }
    const auto error = writeFileAtomically(path, "x", Overwrite::Refuse);
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->kind, ExportError::Kind::Io);
    EXPECT_EQ(error->message, "cannot write " + path.string() + ": permission denied");
    EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(AtomicFile, AFailedWriteRemovesTheTemporaryAndReportsTheReason)
{
    // A file size limit makes write() fail with EFBIG, like a full disk, for any user.
    TempDir dir;
    const auto previous = std::signal(SIGXFSZ, SIG_IGN);
    rlimit saved{};
    ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
    rlimit small = saved;
    small.rlim_cur = 4096;
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);

    AtomicFile file;
    const auto opened = file.open(dir / "big.csv", Overwrite::Refuse);
    file.write(std::string(3 << 20, 'x'));
    const auto error = file.commit();

    ::setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previous);
    ASSERT_EQ(opened, std::nullopt);
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->kind, ExportError::Kind::Io);
    EXPECT_EQ(error->message, "cannot write " + (dir / "big.csv").string() + ": file too large");
    EXPECT_TRUE(dir.entries().empty());
}
