#include "engine/core/atomic_file.h"

#include "engine/core/contract.h"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace conviz::exports {
namespace {

constexpr std::size_t kFlushAt = 1 << 20;

// "Permission denied" → "permission denied": the OS reason as the end of our sentence.
std::string reason(int err)
{
    std::string text = std::error_code(err, std::generic_category()).message();
    if (text.size() > 1 && text[0] >= 'A' && text[0] <= 'Z' && text[1] >= 'a' && text[1] <= 'z')
        text[0] = static_cast<char>(text[0] - 'A' + 'a');
    return text;
}

std::filesystem::path folderOf(const std::filesystem::path &path)
{
    const auto dir = path.parent_path();
    return dir.empty() ? std::filesystem::path(".") : dir;
}

void syncFolder(const std::filesystem::path &dir)
{
    // Makes the rename itself durable. Best effort: some file systems refuse fsync on a folder.
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    ::fsync(fd);
    ::close(fd);
}

// Renames without replacing: renameat2(RENAME_NOREPLACE) where the file system has it, else a hard
// link (which also fails on an existing target), else a check and a rename (racy, last resort).
int renameNoReplace(const std::filesystem::path &from, const std::filesystem::path &to)
{
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
        return errno;
    if (::link(from.c_str(), to.c_str()) == 0) {
        ::unlink(from.c_str());
        return 0;
    }
    if (errno == EEXIST)
        return EEXIST;
    struct stat st {};
    if (::lstat(to.c_str(), &st) == 0)
        return EEXIST;
    return ::rename(from.c_str(), to.c_str()) == 0 ? 0 : errno;
}

} // namespace

AtomicFile::~AtomicFile() { abort(); }

ExportError AtomicFile::ioError(int err) const
{
    const auto dir = folderOf(m_target);
    struct stat st {};
    if ((err == ENOENT || err == ENOTDIR) && ::stat(dir.c_str(), &st) != 0)
        return {ExportError::Kind::Io,
                fmt::format("cannot write {}: the folder {} does not exist", m_target.string(), dir.string())};
    if (err == ENOTDIR || (err == ENOENT && !S_ISDIR(st.st_mode)))
        return {ExportError::Kind::Io,
                fmt::format("cannot write {}: {} is not a folder", m_target.string(), dir.string())};
    return {ExportError::Kind::Io, fmt::format("cannot write {}: {}", m_target.string(), reason(err))};
}

std::optional<ExportError> AtomicFile::open(const std::filesystem::path &path, Overwrite overwrite)
{
    CONVIZ_ASSERT(!isOpen(), "an AtomicFile is opened once");
    m_target = path;
    m_overwrite = overwrite;
    m_writeErrno = 0;
    m_buffer.clear();
    if (path.empty() || !path.has_filename())
        return ExportError{ExportError::Kind::Io, fmt::format("cannot write `{}`: it names no file", path.string())};

    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return ExportError{ExportError::Kind::Io, fmt::format("cannot write {}: it is a folder", path.string())};
        if (overwrite == Overwrite::Refuse)
            return ExportError{ExportError::Kind::Exists, fmt::format("{} already exists", path.string())};
    }

    // A hidden name in the same folder, so the final rename never crosses file systems. 0666 lets the
    // umask decide the permissions, as for any new file.
    static std::atomic<unsigned> counter{0};
    const auto dir = folderOf(path);
    const std::string base = path.filename().string();
    for (int attempt = 0; attempt < 100; ++attempt) {
        const auto temp = dir / fmt::format(".{}.tmp-{}-{}", base, ::getpid(), counter++);
        const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            m_fd = fd;
            m_temp = temp;
            return std::nullopt;
        }
        if (errno != EEXIST)
            return ioError(errno);
    }
    return ioError(EEXIST);
}

bool AtomicFile::flush()
{
    std::size_t done = 0;
    while (done < m_buffer.size() && m_writeErrno == 0) {
        const ssize_t n = ::write(m_fd, m_buffer.data() + done, m_buffer.size() - done);
        if (n < 0) {
            if (errno != EINTR)
                m_writeErrno = errno;
            continue;
        }
        done += static_cast<std::size_t>(n);
    }
    m_buffer.clear();
    return m_writeErrno == 0;
}

void AtomicFile::write(std::string_view bytes)
{
    if (m_fd < 0 || m_writeErrno != 0)
        return;
    m_buffer.append(bytes);
    if (m_buffer.size() >= kFlushAt)
        flush();
}

std::optional<ExportError> AtomicFile::commit()
{
    CONVIZ_ASSERT(isOpen(), "commit needs an open AtomicFile");
    const auto fail = [this](int err) {
        const ExportError e = ioError(err);
        abort();
        return e;
    };
    if (!flush())
        return fail(m_writeErrno);
    if (::fsync(m_fd) != 0)
        return fail(errno);
    const int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0)
        return fail(errno);

    const int err = m_overwrite == Overwrite::Replace ? (::rename(m_temp.c_str(), m_target.c_str()) == 0 ? 0 : errno)
                                                      : renameNoReplace(m_temp, m_target);
    if (err == EEXIST && m_overwrite == Overwrite::Refuse) {
        abort();
        return ExportError{ExportError::Kind::Exists, fmt::format("{} already exists", m_target.string())};
    }
    if (err != 0)
        return fail(err);
    m_temp.clear();
    syncFolder(folderOf(m_target));
    return std::nullopt;
}

void AtomicFile::abort()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (!m_temp.empty()) {
        ::unlink(m_temp.c_str());
        m_temp.clear();
    }
    m_buffer.clear();
}

std::optional<ExportError> writeFileAtomically(const std::filesystem::path &path, std::string_view contents,
                                               Overwrite overwrite)
{
    AtomicFile file;
    if (auto error = file.open(path, overwrite))
        return error;
    file.write(contents);
    return file.commit();
}

} // namespace conviz::exports
