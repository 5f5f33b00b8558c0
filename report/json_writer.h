// A small streaming JSON writer: objects, arrays, strings, integers and doubles. Doubles print in
// their shortest round-trip form, so output is byte-identical across runs; NaN and infinities
// become null.
#pragma once

#include "engine/export/json_text.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace conviz::report {

class JsonWriter {
public:
    explicit JsonWriter(int indent = 2) : m_indent(indent) {}

    JsonWriter &beginObject();
    JsonWriter &endObject();
    JsonWriter &beginArray();
    JsonWriter &endArray();
    // Inside an object: the next value's key.
    JsonWriter &key(std::string_view k);
    JsonWriter &value(std::string_view s);
    JsonWriter &value(const char *s) { return value(std::string_view(s)); }
    JsonWriter &value(double d);
    JsonWriter &value(std::int64_t i);
    JsonWriter &value(bool b);
    JsonWriter &null();
    // A value already written as JSON by the caller, put in as it is (a compact row of a long table).
    JsonWriter &raw(std::string_view json);

    template <typename T>
    JsonWriter &field(std::string_view k, T v)
    {
        return key(k).value(v);
    }

    const std::string &str() const { return m_out; }

private:
    void beforeValue();
    void newline();

    std::string m_out;
    std::vector<bool> m_hasItems; // per open container
    bool m_afterKey = false;
    int m_indent;
};

using exports::jsonString; // `s` as a JSON string literal, quotes included

} // namespace conviz::report
