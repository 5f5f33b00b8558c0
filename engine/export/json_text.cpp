#include "engine/export/json_text.h"

#include <fmt/format.h>

namespace conviz::exports {

void appendJsonString(std::string &out, std::string_view s)
{
    out += '"';
    for (const char ch : s) {
        switch (ch) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(ch) < 0x20)
                fmt::format_to(std::back_inserter(out), "\\u{:04x}",
                               static_cast<unsigned>(static_cast<unsigned char>(ch)));
            else
                out += ch;
        }
    }
    out += '"';
}

std::string jsonString(std::string_view s)
{
    std::string out;
    appendJsonString(out, s);
    return out;
}

} // namespace conviz::exports
