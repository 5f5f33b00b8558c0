#include "report/json_writer.h"

#include <cmath>

#include <fmt/format.h>

namespace conviz::report {

void JsonWriter::newline()
{
    if (m_indent <= 0)
        return;
    m_out += '\n';
    m_out.append(m_hasItems.size() * static_cast<std::size_t>(m_indent), ' ');
}

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_hasItems.empty()) {
        if (m_hasItems.back())
            m_out += ',';
        m_hasItems.back() = true;
        newline();
    }
}

JsonWriter &JsonWriter::beginObject()
{
    beforeValue();
    m_out += '{';
    m_hasItems.push_back(false);
    return *this;
}

JsonWriter &JsonWriter::endObject()
{
    const bool items = m_hasItems.back();
    m_hasItems.pop_back();
    if (items)
        newline();
    m_out += '}';
    return *this;
}

JsonWriter &JsonWriter::beginArray()
{
    beforeValue();
    m_out += '[';
    m_hasItems.push_back(false);
    return *this;
}

JsonWriter &JsonWriter::endArray()
{
    const bool items = m_hasItems.back();
    m_hasItems.pop_back();
    if (items)
        newline();
    m_out += ']';
    return *this;
}

JsonWriter &JsonWriter::key(std::string_view k)
{
    beforeValue();
    m_out += jsonString(k);
    m_out += m_indent > 0 ? ": " : ":";
    m_afterKey = true;
    return *this;
}

JsonWriter &JsonWriter::value(std::string_view s)
{
    beforeValue();
    m_out += jsonString(s);
    return *this;
}

JsonWriter &JsonWriter::value(double d)
{
    beforeValue();
    if (!std::isfinite(d))
        m_out += "null";
    else
        m_out += fmt::format("{}", d);
    return *this;
}

JsonWriter &JsonWriter::value(std::int64_t i)
{
    beforeValue();
    m_out += fmt::format("{}", i);
    return *this;
}

JsonWriter &JsonWriter::raw(std::string_view json)
{
    beforeValue();
    m_out += json;
    return *this;
}

JsonWriter &JsonWriter::value(bool b)
{
    beforeValue();
    m_out += b ? "true" : "false";
    return *this;
}

JsonWriter &JsonWriter::null()
{
    beforeValue();
    m_out += "null";
    return *this;
}

} // namespace conviz::report
