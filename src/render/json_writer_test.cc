#include "render/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>

namespace evidoc::render {
namespace {

TEST(JsonWriter, WritesNestedDocumentsInOrder) {
  JsonWriter w;
  w.BeginObject()
      .Key("slug")
      .String("leg-cramps")
      .Key("n")
      .Int(3)
      .Key("x")
      .Number(0.1)
      .Key("ok")
      .Bool(true)
      .Key("none")
      .Null()
      .Key("list")
      .StringArray({"a", "b"})
      .Key("empty")
      .BeginArray()
      .EndArray()
      .Key("obj")
      .BeginObject()
      .EndObject()
      .EndObject();
  EXPECT_EQ(w.Take(),
            "{\"slug\":\"leg-cramps\",\"n\":3,\"x\":0.1,\"ok\":true,\"none\":null,"
            "\"list\":[\"a\",\"b\"],\"empty\":[],\"obj\":{}}");
}

TEST(JsonWriter, PrettyPrints) {
  JsonWriter w(2);
  w.BeginObject().Key("a").BeginArray().Int(1).Int(2).EndArray().EndObject();
  EXPECT_EQ(w.Take(), "{\n  \"a\": [\n    1,\n    2\n  ]\n}");
}

TEST(JsonWriter, EscapesStringsAndKeysAndRefusesNonFiniteNumbers) {
  JsonWriter w;
  w.BeginArray()
      .String("</script>\"")
      .Number(std::nan(""))
      .Number(1e300 * 1e300)
      .Number(-2.5)
      .EndArray();
  EXPECT_EQ(w.Take(), "[\"\\u003c/script\\u003e\\\"\",null,null,-2.5]");
  w.BeginObject().Key("k\"<").Int(1).EndObject();
  EXPECT_EQ(w.Take(), "{\"k\\\"\\u003c\":1}");
}

}  // namespace
}  // namespace evidoc::render
