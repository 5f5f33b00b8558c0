// Durations a run records for LatencySummary (latencies, scheduling delays), in the order they came.
// A million-request run records millions, so their memory is what they cost: each sample takes 4
// bytes when it fits in 32 bits (below 4.29 s), and is escaped to an 8-byte side list otherwise;
// and the samples go in fixed blocks that never move, where a growing vector copied them and
// touched twice their memory. A block's pages are touched only as samples fill it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace conviz {

class SampleLog {
public:
    // Inline: a run appends once or more per request.
    void push_back(std::int64_t ns)
    {
        if (m_left == 0)
            addBlock();
        --m_left;
        ++m_size;
        // One test for both ends: a negative sample converts to a value at or above kEscape too.
        if (const auto u = static_cast<std::uint64_t>(ns); u < kEscape) {
            *m_next++ = static_cast<std::uint32_t>(u);
            return;
        }
        *m_next++ = kEscape;
        m_wide.push_back(ns);
    }

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

    // Calls f(ns) for every sample, in the order they were appended.
    template <typename F>
    void forEach(F &&f) const
    {
        std::size_t wide = 0;
        for (std::size_t b = 0; b < m_blocks.size(); ++b) {
            const std::uint32_t *words = m_blocks[b].get();
            const std::size_t n = b + 1 < m_blocks.size() ? kBlock : kBlock - m_left;
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
        out.reserve(m_size);
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
        m_left = kBlock;
    }

    std::vector<std::unique_ptr<std::uint32_t[]>> m_blocks;
    std::uint32_t *m_next = nullptr; // the next free word of the last block
    std::size_t m_left = 0;          // free words left in the last block
    std::size_t m_size = 0;
    std::vector<std::int64_t> m_wide; // the escaped samples, in order
};

} // namespace conviz
