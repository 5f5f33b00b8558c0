// Dense ids (0, 1, 2, ... in order of first appearance) for sparse 64-bit keys such as task and
// stack serials: a direct table while the keys are small, as the engine's serials are, hashed beyond.
#pragma once

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace conviz::gui {

class DenseIds {
public:
    std::uint32_t of(std::uint64_t key)
    {
        if (key < kDirectLimit) {
            if (key >= m_direct.size())
                m_direct.resize(std::max<std::size_t>(key + 1, m_direct.size() * 2), kNone);
            std::uint32_t &id = m_direct[key];
            if (id == kNone)
                id = m_next++;
            return id;
        }
        const auto [it, inserted] = m_hashed.try_emplace(key, m_next);
        if (inserted)
            ++m_next;
        return it->second;
    }
    std::uint32_t count() const { return m_next; }

private:
    static constexpr std::uint64_t kDirectLimit = 1ULL << 26;
    static constexpr std::uint32_t kNone = 0xffffffffu;
    std::vector<std::uint32_t> m_direct;
    std::unordered_map<std::uint64_t, std::uint32_t> m_hashed;
    std::uint32_t m_next = 0;
};

} // namespace conviz::gui
