// CONVIZ_ASSERT: engine contract checks. On in Debug and whenever CONVIZ_ASSERTS is defined (the dev,
// asan and tsan presets and CI), so death tests can rely on them; compiled out in Release.
#pragma once

namespace conviz::detail {
[[noreturn]] void contractFailed(const char *expr, const char *file, int line, const char *message);
}

#if defined(CONVIZ_ASSERTS) || !defined(NDEBUG)
#define CONVIZ_ASSERT(expr, message)                                              \
    do {                                                                          \
        if (!(expr)) [[unlikely]]                                                 \
            ::conviz::detail::contractFailed(#expr, __FILE__, __LINE__, message); \
    } while (false)
#else
#define CONVIZ_ASSERT(expr, message) \
    do {                             \
        (void)sizeof(expr);          \
    } while (false)
#endif
