// A FIFO of task ids in a ring buffer, as the run queues of Go's Ps are (runtime.p.runq, a ring of
// 256). std::deque served here before: its size() and its push and pop at the ends compute block
// positions, and an idle P asks every other P for its size on every steal attempt.
#pragma once

#include "engine/task_table.h"

#include <cstdint>
#include <vector>

namespace conviz {

class RunQueue {
public:
    bool empty() const { return m_head == m_tail; }
    std::size_t size() const { return m_tail - m_head; }
    // Precondition (front, popFront): not empty.
    TaskId front() const { return m_slots[m_head & m_mask]; }
    void popFront() { ++m_head; }
    void pushBack(TaskId t)
    {
        if (size() == m_slots.size())
            grow();
        m_slots[m_tail++ & m_mask] = t;
    }

private:
    // Doubles the ring, keeping the order. Go's ring never grows (a full one spills to the global
    // queue); this one grows only until it holds fibers.local_queue, so a run allocates it once or twice.
    void grow()
    {
        std::vector<TaskId> bigger(m_slots.empty() ? 256 : 2 * m_slots.size());
        for (std::size_t i = 0; i < size(); ++i)
            bigger[i] = m_slots[(m_head + i) & m_mask];
        m_tail = size();
        m_head = 0;
        m_slots.swap(bigger);
        m_mask = m_slots.size() - 1;
    }

    std::vector<TaskId> m_slots; // a power of two in size
    std::size_t m_mask = 0;
    std::size_t m_head = 0; // counts pops; the slot is m_head & m_mask
    std::size_t m_tail = 0; // counts pushes
};

} // namespace conviz
