#include "report/json_writer.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

using conviz::report::jsonString;
using conviz::report::JsonWriter;

TEST(JsonWriter, EscapesQuotesBackslashesAndControlCharacters)
{
    EXPECT_EQ(jsonString("a\"b\\c\n\t\x01"), "\"a\\\"b\\\\c\\n\\t\\u0001\"");
}

TEST(JsonWriter, WritesNestedContainersAndNullForNonFiniteNumbers)
{
    JsonWriter json(0);
    json.beginObject();
    json.field("n", std::int64_t{3});
    json.field("x", 0.1);
    json.field("bad", std::numeric_limits<double>::quiet_NaN());
    json.key("list").beginArray().value(true).value("s").endArray();
    json.key("empty").beginObject().endObject();
    json.endObject();
    EXPECT_EQ(json.str(), R"({"n":3,"x":0.1,"bad":null,"list":[true,"s"],"empty":{}})");
}
