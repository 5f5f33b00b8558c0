// The tour loader on arbitrary text: loading never crashes, a failure lists 1 to 100 diagnostics
// with messages, and a tour that loads has steps with text.
#include "fuzz_support.h"

#include "engine/scenario/tour_file.h"

using namespace conviz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text = fuzz::text(data, size);
    const scenario::TourLoadResult r = scenario::loadTourString(text, "fuzz-tour.toml");
    (void)scenario::looksLikeTour(text);
    if (!r.ok()) {
        fuzz::check(!r.errors.empty() && r.errors.size() <= 100, "a failed tour lists 1 to 100 errors");
        for (const scenario::Diagnostic &d : r.errors) {
            fuzz::check(!d.message.empty(), "every diagnostic has a message");
            fuzz::check(d.line >= 0 && d.column >= 0, "positions are not negative");
        }
        return 0;
    }
    fuzz::check(r.errors.empty(), "a tour that loads has no errors");
    fuzz::check(!r.tour->steps.empty(), "a tour that loads has a step");
    for (const scenario::TourStep &step : r.tour->steps)
        fuzz::check(step.line > 0, "every step knows its line");
    return 0;
}
