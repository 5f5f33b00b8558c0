// A first-in first-out queue in a ring buffer that only grows: the models' run queues, callback
// queues and wait lists. std::deque served here before, and it allocates a block and frees another
// every few hundred bytes that pass through it even while its length stays put: the M/M/1 run of
// conviz_bench made 8,000 to 31,000 allocations (one every 32 to 125 requests). A ring reaches the
// longest the queue gets once and allocates nothing after. Go's Ps keep their run queues so too
// (runtime.p.runq, a ring of 256).
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace conviz {

template <typename T>
class Fifo {
public:
    bool empty() const { return m_head == m_tail; }
    std::size_t size() const { return m_tail - m_head; }
    // Precondition (front, pop_front): not empty.
    const T &front() const { return m_slots[m_head & m_mask]; }
    void pop_front() { ++m_head; }
    void push_back(const T &value)
    {
        if (size() == m_slots.size())
            grow();
        m_slots[m_tail++ & m_mask] = value;
    }
    // Empties the queue; its room stays.
    void clear() { m_head = m_tail = 0; }

    // Front to back.
    class const_iterator {
    public:
        const_iterator(const Fifo &q, std::size_t at) : m_q(&q), m_at(at) {}
        const T &operator*() const { return m_q->m_slots[m_at & m_q->m_mask]; }
        const_iterator &operator++()
        {
            ++m_at;
            return *this;
        }
        bool operator==(const const_iterator &other) const { return m_at == other.m_at; }

    private:
        const Fifo *m_q;
        std::size_t m_at;
    };
    const_iterator begin() const { return {*this, m_head}; }
    const_iterator end() const { return {*this, m_tail}; }

private:
    // Doubles the ring (16 at first), keeping the order.
    void grow()
    {
        std::vector<T> bigger(m_slots.empty() ? 16 : 2 * m_slots.size());
        for (std::size_t i = 0; i < size(); ++i)
            bigger[i] = std::move(m_slots[(m_head + i) & m_mask]);
        m_tail = size();
        m_head = 0;
        m_slots.swap(bigger);
        m_mask = m_slots.size() - 1;
    }

    std::vector<T> m_slots; // a power of two in size
    std::size_t m_mask = 0;
    std::size_t m_head = 0; // counts pops; the slot is m_head & m_mask
    std::size_t m_tail = 0; // counts pushes
};

} // namespace conviz
