#include "engine/live/stack_registry.h"

#include <new>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

namespace conviz::live {

std::size_t pageSize()
{
    static const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    return page;
}

std::int64_t residentBytes(const void *lowest, std::size_t bytes)
{
    const std::size_t page = pageSize();
    const std::size_t pages = (bytes + page - 1) / page;
    std::vector<unsigned char> resident(pages);
    // mincore wants a non-const pointer but reads nothing through it.
    if (::mincore(const_cast<void *>(lowest), bytes, resident.data()) != 0)
        return 0;
    std::int64_t count = 0;
    for (unsigned char r : resident)
        count += r & 1;
    return count * static_cast<std::int64_t>(page);
}

void StackRegistry::add(const void *lowest, std::size_t bytes)
{
    std::lock_guard lock(m_mutex);
    m_ranges[reinterpret_cast<std::uintptr_t>(lowest)] = bytes;
}

void StackRegistry::remove(const void *lowest)
{
    std::lock_guard lock(m_mutex);
    m_ranges.erase(reinterpret_cast<std::uintptr_t>(lowest));
}

StackUsage StackRegistry::measure() const
{
    std::lock_guard lock(m_mutex);
    StackUsage u;
    for (const auto &[lowest, bytes] : m_ranges) {
        ++u.stacks;
        u.reservedBytes += static_cast<std::int64_t>(bytes);
        u.committedBytes += residentBytes(reinterpret_cast<const void *>(lowest), bytes);
    }
    return u;
}

GuardedStackAllocator::GuardedStackAllocator(std::size_t size, StackRegistry *registry)
    : m_size((size + pageSize() - 1) / pageSize() * pageSize()), m_registry(registry)
{
}

boost::context::stack_context GuardedStackAllocator::allocate()
{
    const std::size_t page = pageSize();
    // MAP_NORESERVE: the stack is address space until touched, as a pthread stack is.
    void *base = ::mmap(nullptr, m_size + page, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    if (base == MAP_FAILED)
        throw std::bad_alloc();
    // The guard page sits below the stack (stacks grow down): an overflow faults instead of
    // writing over the neighbouring mapping.
    if (::mprotect(base, page, PROT_NONE) != 0) {
        ::munmap(base, m_size + page);
        throw std::bad_alloc();
    }
    char *lowest = static_cast<char *>(base) + page;
    if (m_registry)
        m_registry->add(lowest, m_size);
    boost::context::stack_context sctx;
    sctx.size = m_size;
    sctx.sp = lowest + m_size;
    return sctx;
}

void GuardedStackAllocator::deallocate(boost::context::stack_context &sctx) noexcept
{
    char *lowest = static_cast<char *>(sctx.sp) - sctx.size;
    if (m_registry)
        m_registry->remove(lowest);
    ::munmap(lowest - pageSize(), sctx.size + pageSize());
}

} // namespace conviz::live
