#include "engine/core/contract.h"

#include <cstdio>
#include <cstdlib>

namespace conviz::detail {

void contractFailed(const char *expr, const char *file, int line, const char *message)
{
    std::fprintf(stderr, "conviz: engine contract violated at %s:%d: %s (%s)\n", file, line, message, expr);
    std::abort();
}

} // namespace conviz::detail
