// conviz-cli built without the GUI (CONVIZ_BUILD_GUI=OFF): charts and GIFs need its drawing code.
#include "cli/commands.h"

#include <cstdio>

#include <fmt/format.h>

namespace conviz::cli {

int cmdExportFigure(const Options &)
{
    fmt::print(stderr, "conviz-cli: this conviz-cli was built without the GUI (CONVIZ_BUILD_GUI=OFF), "
                       "which draws charts and GIFs\n");
    return kExitFailed;
}

} // namespace conviz::cli
