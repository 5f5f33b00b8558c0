// Files written in full or not at all: bytes go to a temporary file beside the target, which is
// flushed to disk and renamed over the target only when everything was written. A failed or
// cancelled export leaves no partial file, and an existing file is replaced only when asked.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace conviz::exports {

// Why an export did not produce its file.
struct ExportError {
    enum class Kind : std::uint8_t {
        Exists,    // the target exists and overwriting was not asked for
        Io,        // the OS refused: missing folder, no permission, disk full...
        Cancelled, // the caller cancelled
        Invalid,   // the caller's input cannot be exported (wrong frame size...)
    };
    Kind kind = Kind::Io;
    std::string message; // one sentence naming the path and the reason, no trailing period

    friend bool operator==(const ExportError &, const ExportError &) = default;
};

enum class Overwrite : std::uint8_t { Refuse, Replace };

// Where an exporter's bytes go. write() never throws; a sink that fails remembers why.
class OutputSink {
public:
    virtual ~OutputSink() = default;
    virtual void write(std::string_view bytes) = 0;
};

// Keeps everything in memory: for tests and for callers that want the text.
class StringSink final : public OutputSink {
public:
    void write(std::string_view bytes) override { m_text.append(bytes); }
    const std::string &text() const { return m_text; }

private:
    std::string m_text;
};

// One file being written atomically. Not thread-safe: one thread writes and commits.
class AtomicFile final : public OutputSink {
public:
    AtomicFile() = default;
    ~AtomicFile() override; // aborts unless committed
    AtomicFile(const AtomicFile &) = delete;
    AtomicFile &operator=(const AtomicFile &) = delete;

    // Creates the temporary file in the target's folder. Fails with Kind::Exists if `path` exists and
    // `overwrite` is Refuse (checked again at commit, without a race), with Kind::Io if the folder is
    // missing or not writable or `path` is a folder. Precondition: not open.
    std::optional<ExportError> open(const std::filesystem::path &path, Overwrite overwrite);

    // Buffers `bytes`; the first write failure is kept and reported by commit().
    void write(std::string_view bytes) override;

    // Flushes, fsyncs and renames the temporary file to the target, then fsyncs the folder. On any
    // failure the temporary file is removed and the target is untouched. Precondition: open.
    std::optional<ExportError> commit();

    // Removes the temporary file; the target is untouched. Harmless when not open.
    void abort();

    bool isOpen() const { return m_fd >= 0; }
    const std::filesystem::path &temporaryPath() const { return m_temp; }

private:
    bool flush();
    ExportError ioError(int err) const;

    std::filesystem::path m_target;
    std::filesystem::path m_temp;
    Overwrite m_overwrite = Overwrite::Refuse;
    std::string m_buffer;
    int m_fd = -1;
    int m_writeErrno = 0; // first failure of a write, 0 if none
};

// Writes `contents` to `path` atomically.
std::optional<ExportError> writeFileAtomically(const std::filesystem::path &path, std::string_view contents,
                                               Overwrite overwrite);

} // namespace conviz::exports
