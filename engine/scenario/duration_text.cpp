#include "engine/scenario/duration_text.h"

#include "engine/scenario/units.h"

namespace conviz::scenario {

DurationText parseDurationText(std::string_view text)
{
    const detail::Quantity q = detail::parseDuration(text);
    if (!q.value)
        return {std::nullopt, q.error};
    return {Nanos{*q.value}, {}};
}

} // namespace conviz::scenario
