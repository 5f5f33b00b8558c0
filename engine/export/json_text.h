// JSON string literals, shared by every JSON this project writes (the CLI's reports, the Chrome
// trace), so that all of them escape text the same way.
#pragma once

#include <string>
#include <string_view>

namespace conviz::exports {

// Appends `s` as a JSON string literal: quotes, backslashes and control characters escaped, UTF-8
// passed through.
void appendJsonString(std::string &out, std::string_view s);

// `s` as a JSON string literal, quotes included.
std::string jsonString(std::string_view s);

} // namespace conviz::exports
