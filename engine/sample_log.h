// Durations a run records for LatencySummary (latencies, scheduling delays), in the order they came.
// A million-request run records millions, so their memory is what they cost: each sample takes 4
// bytes when it fits in 32 bits (below 4.29 s), and is escaped to an 8-byte side list otherwise;
// and the samples go in fixed blocks that never move, where a growing vector copied them and
// touched twice their memory. A block's pages are touched only as samples fill it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace conviz {

class SampleLog {
public:
    SampleLog() = default;
    // A move leaves `other` empty (its write position goes with its blocks).
    SampleLog(SampleLog &&other) noexcept
        : m_blocks(std::move(other.m_blocks)),
          m_next(std::exchange(other.m_next, nullptr)),
          m_end(std::exchange(other.m_end, nullptr)),
          m_wide(std::move(other.m_wide))
    {
        other.m_blocks.clear();
        other.m_wide.clear();
    }
    SampleLog &operator=(SampleLog &&other) noexcept
    {
        SampleLog moved(std::move(other));
        std::swap(m_blocks, moved.m_blocks);
        std::swap(m_next, moved.m_next);
        std::swap(m_end, moved.m_end);
        std::swap(m_wide, moved.m_wide);
        return *this;
    }

    // Inline: a run appends once or more per request.
    void push_back(std::int64_t ns)
    {
        if (m_next == m_end)
            addBlock();
        // One test for both ends: a negative sample converts to a value at or above kEscape too.
        if (const auto u = static_cast<std::uint64_t>(ns); u < kEscape) {
            *m_next++ = static_cast<std::uint32_t>(u);
            return;
        }
        *m_next++ = kEscape;
        m_wide.push_back(ns);
    }

    std::size_t size() const { return m_blocks.empty() ? 0 : m_blocks.size() * kBlock - left(); }
    bool empty() const { return m_blocks.empty(); } // a block is added with its first sample

    // Calls f(ns) for every sample, in the order they were appended.
    template <typename F>
    void forEach(F &&f) const
    {
        std::size_t wide = 0;
        for (std::size_t b = 0; b < m_blocks.size(); ++b) {
            const std::uint32_t *words = m_blocks[b].get();
            const std::size_t n = b + 1 < m_blocks.size() ? kBlock : kBlock - left();
            for (std::size_t i = 0; i < n; ++i) {
                const std::uint32_t w = words[i];
                f(w == kEscape ? m_wide[wide++] : static_cast<std::int64_t>(w));
            }
        }
    }
    // Every sample, in order.
    std::vector<std::int64_t> toVector() const
    {
        std::vector<std::int64_t> out;
        out.reserve(size());
        forEach([&](std::int64_t ns) { out.push_back(ns); });
        return out;
    }

private:
    static constexpr std::size_t kBlock = std::size_t{1} << 16; // 256 KiB
    static constexpr std::uint32_t kEscape = 0xffffffffu;

    void addBlock()
    {
        // Not value-initialised: zeroing would touch every page of a block at once.
        m_blocks.push_back(std::make_unique_for_overwrite<std::uint32_t[]>(kBlock));
        m_next = m_blocks.back().get();
        m_end = m_next + kBlock;
    }
    // Free words left in the last block.
    std::size_t left() const { return static_cast<std::size_t>(m_end - m_next); }

    std::vector<std::unique_ptr<std::uint32_t[]>> m_blocks;
    std::uint32_t *m_next = nullptr;  // the next free word of the last block
    std::uint32_t *m_end = nullptr;   // the end of the last block
    std::vector<std::int64_t> m_wide; // the escaped samples, in order
};

} // namespace conviz
