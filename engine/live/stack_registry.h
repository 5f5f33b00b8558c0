// Stacks of live tasks, kept as address ranges so that their committed pages can be counted
// (mincore) while a run is at its peak; and the fiber stack allocator that fills it. Internal to
// conviz_live.
#pragma once

#include <boost/context/stack_context.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>

namespace conviz::live {

struct StackUsage {
    std::int64_t stacks = 0;
    std::int64_t reservedBytes = 0;
    std::int64_t committedBytes = 0; // pages resident now
};

// Thread-safe set of stack ranges.
class StackRegistry {
public:
    void add(const void *lowest, std::size_t bytes);
    void remove(const void *lowest);
    // Counts resident pages of every registered stack. Holds the lock throughout, so no stack is
    // unmapped while it is read.
    StackUsage measure() const;

private:
    mutable std::mutex m_mutex;
    std::map<std::uintptr_t, std::size_t> m_ranges;
};

// Pages of [lowest, lowest + bytes) resident now (mincore). `lowest` must be page-aligned.
std::int64_t residentBytes(const void *lowest, std::size_t bytes);

std::size_t pageSize();

// A Boost.Context StackAllocator: each stack is its own mmap of `size` bytes (rounded up to
// pages) plus one PROT_NONE guard page below it, MAP_NORESERVE, so only pages the fiber touches
// are committed. Registers each stack with `registry` (if not null) until it is freed. Copyable,
// as Boost.Fiber requires; copies share the registry.
class GuardedStackAllocator {
public:
    GuardedStackAllocator(std::size_t size, StackRegistry *registry);

    boost::context::stack_context allocate();
    void deallocate(boost::context::stack_context &sctx) noexcept;

    std::size_t size() const { return m_size; }

private:
    std::size_t m_size;
    StackRegistry *m_registry;
};

} // namespace conviz::live
