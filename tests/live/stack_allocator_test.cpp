// The fiber stack allocator: address space up front, pages committed only when touched, and a
// guard page that faults.
#include "engine/live/stack_registry.h"

#include <gtest/gtest.h>

#include <cstring>

#include <sys/mman.h>

namespace conviz::test {
namespace {

using live::GuardedStackAllocator;
using live::StackRegistry;

TEST(LiveStackAllocator, CommitsOnlyThePagesAFiberTouches)
{
    StackRegistry registry;
    GuardedStackAllocator alloc(64 * 1024, &registry);
    boost::context::stack_context sctx = alloc.allocate();
    char *lowest = static_cast<char *>(sctx.sp) - sctx.size;
    EXPECT_EQ(sctx.size, 64U * 1024);
    EXPECT_EQ(live::residentBytes(lowest, sctx.size), 0);

    // A stack grows down from sp: touch its top three pages.
    std::memset(static_cast<char *>(sctx.sp) - 3 * live::pageSize(), 1, 3 * live::pageSize());
    EXPECT_EQ(live::residentBytes(lowest, sctx.size), static_cast<std::int64_t>(3 * live::pageSize()));

    const live::StackUsage u = registry.measure();
    EXPECT_EQ(u.stacks, 1);
    EXPECT_EQ(u.reservedBytes, 64 * 1024);
    EXPECT_EQ(u.committedBytes, static_cast<std::int64_t>(3 * live::pageSize()));

    alloc.deallocate(sctx);
    EXPECT_EQ(registry.measure().stacks, 0);
}

TEST(LiveStackAllocatorDeathTest, WritingBelowTheStackHitsTheGuardPage)
{
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    GuardedStackAllocator alloc(16 * 1024, nullptr);
    boost::context::stack_context sctx = alloc.allocate();
    char *lowest = static_cast<char *>(sctx.sp) - sctx.size;
    // The guard page is mapped (so nothing else can be placed there) but inaccessible.
    unsigned char state = 0;
    EXPECT_EQ(::mincore(lowest - live::pageSize(), live::pageSize(), &state), 0);
    lowest[0] = 1; // the lowest byte of the stack itself is fine
    EXPECT_DEATH({ *(static_cast<volatile char *>(lowest) - 1) = 1; }, "");
    alloc.deallocate(sctx);
}

} // namespace
} // namespace conviz::test
