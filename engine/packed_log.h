// An append-only list of trace records kept in a few bytes each. Every record is written as the
// difference from the one before it (varints of the changed fields; see trace_codecs.h), and every
// kBlock-th record from a default-constructed one, so that record i is found by decoding at most
// kBlock - 1 records after its block's start. Records are read by value; a list of millions of
// 40-byte records fits in a fifth of the memory, which is what lets the GUI keep whole traces.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <utility>
#include <vector>

namespace conviz {

// LEB128 varints and zigzag signed numbers: the codecs' alphabet.
namespace packed {

inline void putVarint(std::uint8_t *&out, std::uint64_t v)
{
    while (v >= 0x80) {
        *out++ = static_cast<std::uint8_t>(v | 0x80);
        v >>= 7;
    }
    *out++ = static_cast<std::uint8_t>(v);
}

inline std::uint64_t getVarint(const std::uint8_t *&in)
{
    std::uint64_t v = *in & 0x7f;
    for (int shift = 7; *in++ & 0x80; shift += 7)
        v |= static_cast<std::uint64_t>(*in & 0x7f) << shift;
    return v;
}

inline void putSigned(std::uint8_t *&out, std::int64_t v)
{
    putVarint(out, (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
}

inline std::int64_t getSigned(const std::uint8_t *&in)
{
    const std::uint64_t z = getVarint(in);
    return static_cast<std::int64_t>(z >> 1) ^ -static_cast<std::int64_t>(z & 1);
}

// The difference b - a of two unsigned ids, as a signed number (wrapping, so any pair round-trips).
inline std::int64_t delta(std::uint64_t a, std::uint64_t b) { return static_cast<std::int64_t>(b - a); }
inline std::uint64_t undelta(std::uint64_t a, std::int64_t d) { return a + static_cast<std::uint64_t>(d); }
inline std::int64_t delta(std::uint32_t a, std::uint32_t b) { return delta(std::uint64_t{a}, std::uint64_t{b}); }
inline std::uint32_t undelta(std::uint32_t a, std::int64_t d)
{
    return static_cast<std::uint32_t>(undelta(std::uint64_t{a}, d));
}
// The same for signed numbers (times, values): b - a wrapping, exact for any pair.
inline std::int64_t delta(std::int64_t a, std::int64_t b)
{
    return delta(static_cast<std::uint64_t>(a), static_cast<std::uint64_t>(b));
}
inline std::int64_t undelta(std::int64_t a, std::int64_t d)
{
    return static_cast<std::int64_t>(undelta(static_cast<std::uint64_t>(a), d));
}

} // namespace packed

// Codec<T> (trace_codecs.h) provides: kMaxBytes (the most one record takes), kBlock (records per
// block), encode(prev, record, out) and decode(prev, in).
template <typename T>
struct Codec;

template <typename T>
class PackedLog {
    using C = Codec<T>;

public:
    class const_iterator;
    using value_type = T;
    using size_type = std::size_t;

    PackedLog() = default;
    template <typename It>
    PackedLog(It first, It last)
    {
        for (; first != last; ++first)
            push_back(*first);
    }

    PackedLog(std::initializer_list<T> records) : PackedLog(records.begin(), records.end()) {}

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    // Bytes held: the encoded records and the block table.
    std::size_t bytes() const
    {
        std::size_t n = m_blocks.capacity() * sizeof(std::uint64_t);
        for (const auto &chunk : m_chunks)
            n += chunk.capacity();
        return n;
    }

    void push_back(const T &record)
    {
        m_beforeLast = m_last;
        const T &prev = m_size % C::kBlock == 0 ? kZero : m_last;
        // A block never straddles two chunks: a record is found from its block's start by a pointer.
        if (m_chunks.empty() || (m_size % C::kBlock == 0 && m_chunks.back().size() + kBlockBytes > kChunkBytes)) {
            m_chunks.emplace_back();
            // A second chunk means a long log, whose chunks fill whole: each is made whole at once.
            // Grown by doubling, as the first one is, each was copied nearly twice over on the way.
            if (m_chunks.size() > 1)
                m_chunks.back().reserve(kChunkBytes);
        }
        std::vector<std::uint8_t> &chunk = m_chunks.back();
        if (chunk.size() + C::kMaxBytes > chunk.capacity()) // a short list stays small
            chunk.reserve(std::min(kChunkBytes, std::max<std::size_t>(4 * kBlockBytes, 2 * chunk.capacity())));
        m_lastOffset = offset(m_chunks.size() - 1, chunk.size());
        if (m_size % C::kBlock == 0)
            m_blocks.push_back(m_lastOffset);
        std::uint8_t buffer[C::kMaxBytes];
        std::uint8_t *end = buffer;
        C::encode(prev, record, end);
        chunk.insert(chunk.end(), buffer, end);
        m_last = record;
        ++m_size;
    }

    // Replaces the last record. Precondition: !empty().
    void set_back(const T &record)
    {
        dropLast();
        m_last = m_beforeLast;
        push_back(record);
    }

    // Removes the last record. Precondition: !empty().
    void pop_back()
    {
        dropLast();
        // Find the new last record, where it starts, and the one before it.
        m_last = m_beforeLast = T{};
        m_lastOffset = 0;
        if (m_size == 0)
            return;
        const std::size_t last = m_size - 1;
        std::uint64_t at = m_blocks[last / C::kBlock];
        for (std::size_t i = last - last % C::kBlock; i <= last; ++i) {
            const std::uint8_t *in = m_chunks[at >> kChunkShift].data() + (at & kChunkMask);
            const std::uint8_t *start = in;
            m_beforeLast = m_last;
            m_last = C::decode(i % C::kBlock == 0 ? kZero : m_last, in);
            m_lastOffset = at;
            at += static_cast<std::uint64_t>(in - start);
        }
        if (last % C::kBlock == 0)
            m_beforeLast = last > 0 ? (*this)[last - 1] : T{};
    }

    // Keeps only the records for which `keep` is true (rewrites the list).
    template <typename Pred>
    void keepIf(Pred keep)
    {
        PackedLog kept;
        for (const T &r : *this)
            if (keep(r))
                kept.push_back(r);
        *this = std::move(kept);
    }

    T operator[](std::size_t i) const
    {
        const std::uint64_t at = m_blocks[i / C::kBlock];
        const std::uint8_t *in = m_chunks[at >> kChunkShift].data() + (at & kChunkMask);
        T r = C::decode(kZero, in);
        for (std::size_t k = i % C::kBlock; k > 0; --k)
            r = C::decode(r, in);
        return r;
    }
    T front() const { return (*this)[0]; }
    const T &back() const { return m_last; }

    const_iterator begin() const { return const_iterator(this, 0); }
    const_iterator end() const { return const_iterator(this, m_size); }

    // A position in the list that decodes as it moves: stepping forward costs one record, a jump
    // costs at most a block. Dereferencing yields a value (the iterator owns the decoded record).
    class const_iterator {
    public:
        using iterator_category = std::random_access_iterator_tag;
        using iterator_concept = std::random_access_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = const T *;
        using reference = T;

        const_iterator() = default;

        T operator*() const { return m_record; }
        const T *operator->() const { return &m_record; }
        T operator[](difference_type n) const { return *(*this + n); }

        const_iterator &operator++()
        {
            moveTo(m_index + 1);
            return *this;
        }
        const_iterator operator++(int)
        {
            const_iterator old = *this;
            ++*this;
            return old;
        }
        const_iterator &operator--()
        {
            moveTo(m_index - 1);
            return *this;
        }
        const_iterator operator--(int)
        {
            const_iterator old = *this;
            --*this;
            return old;
        }
        const_iterator &operator+=(difference_type n)
        {
            moveTo(m_index + static_cast<std::size_t>(n));
            return *this;
        }
        const_iterator &operator-=(difference_type n) { return *this += -n; }
        friend const_iterator operator+(const_iterator it, difference_type n) { return it += n; }
        friend const_iterator operator+(difference_type n, const_iterator it) { return it += n; }
        friend const_iterator operator-(const_iterator it, difference_type n) { return it -= n; }
        friend difference_type operator-(const const_iterator &a, const const_iterator &b)
        {
            return static_cast<difference_type>(a.m_index) - static_cast<difference_type>(b.m_index);
        }
        friend bool operator==(const const_iterator &a, const const_iterator &b) { return a.m_index == b.m_index; }
        friend auto operator<=>(const const_iterator &a, const const_iterator &b) { return a.m_index <=> b.m_index; }

        // The record's position in the list.
        std::size_t index() const { return m_index; }

    private:
        friend class PackedLog;
        const_iterator(const PackedLog *log, std::size_t index) : m_log(log) { seek(index); }

        void moveTo(std::size_t index)
        {
            // Forward within reach of the decoded record: decode on; else start at the block.
            if (index > m_index && m_index < m_log->m_size && index - m_index < C::kBlock) {
                while (m_index < index)
                    step();
            } else if (index != m_index) {
                seek(index);
            }
        }
        void seek(std::size_t index)
        {
            m_index = index;
            if (index >= m_log->m_size)
                return;
            const std::size_t block = index / C::kBlock;
            m_at = m_log->m_blocks[block];
            m_index = block * C::kBlock;
            m_record = kZero;
            decodeHere();
            while (m_index < index)
                step();
        }
        void step()
        {
            ++m_index;
            if (m_index < m_log->m_size)
                decodeHere();
        }
        // Decodes the record at m_at into m_record (relative to m_record, or to a zero record at a
        // block's start) and moves m_at to the next record.
        void decodeHere()
        {
            const auto &chunk = m_log->m_chunks[m_at >> kChunkShift];
            const std::uint8_t *in = chunk.data() + (m_at & kChunkMask);
            m_record = C::decode(m_index % C::kBlock == 0 ? kZero : m_record, in);
            m_at = (m_at & ~kChunkMask) | static_cast<std::size_t>(in - chunk.data());
            if ((m_index + 1) % C::kBlock == 0 && m_index + 1 < m_log->m_size)
                m_at = m_log->m_blocks[(m_index + 1) / C::kBlock]; // the next block may be in the next chunk
        }

        const PackedLog *m_log = nullptr;
        std::size_t m_index = 0;
        std::uint64_t m_at = 0; // where the record after m_record starts
        T m_record{};
    };

private:
    void dropLast()
    {
        m_chunks[m_lastOffset >> kChunkShift].resize(m_lastOffset & kChunkMask);
        --m_size;
        if (m_size % C::kBlock == 0)
            m_blocks.pop_back();
    }

    static constexpr int kChunkShift = 20;
    static constexpr std::size_t kChunkBytes = std::size_t{1} << kChunkShift;
    static constexpr std::uint64_t kChunkMask = kChunkBytes - 1;
    static constexpr std::size_t kBlockBytes = C::kBlock * C::kMaxBytes; // the most a block takes
    static inline const T kZero{};

    static std::uint64_t offset(std::size_t chunk, std::size_t at)
    {
        return (std::uint64_t{chunk} << kChunkShift) | at;
    }

    std::vector<std::vector<std::uint8_t>> m_chunks; // records never straddle two chunks
    std::vector<std::uint64_t> m_blocks;             // where each block's first record starts
    std::size_t m_size = 0;
    std::uint64_t m_lastOffset = 0;
    T m_last{};
    T m_beforeLast{};
};

} // namespace conviz
