#include "content/yaml_reader.h"

#include <gtest/gtest.h>

namespace evidoc::content {
namespace {

std::vector<std::string> Texts(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const Diagnostic& x : d.items()) out.push_back(FormatDiagnostic(x));
  return out;
}

TEST(ParseYaml, PositionsAreInTheOriginalFile) {
  Diagnostics d;
  // The text starts at line 10 of its file (as front matter does at line 2).
  EXPECT_FALSE(ParseYaml("f", "a: 1\nb: [1, 2\n", 10, d));
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(d.items()[0].location.line, 12);
  EXPECT_EQ(d.items()[0].message, "malformed YAML: end of sequence flow not found");
}

TEST(YamlReader, TypedFieldsAndLocations) {
  Diagnostics d;
  auto doc = ParseYaml("f",
                       "n: 3.5\ni: 7\nb: false\nd: 2024-02-29\nl: [x, y]\nbad_d: 2023-02-29\n"
                       "neg: -1\n",
                       1, d);
  ASSERT_TRUE(doc);
  YamlReader r("f", 1, d);
  EXPECT_TRUE(r.CheckMap(*doc, {"n", "i", "b", "d", "l", "bad_d", "neg"}, "test"));
  EXPECT_EQ(r.Number(*doc, "n"), 3.5);
  EXPECT_EQ(r.Integer(*doc, "i"), 7);
  EXPECT_EQ(r.Bool(*doc, "b"), false);
  EXPECT_EQ(r.DateField(*doc, "d", true), (Date{2024, 2, 29}));
  EXPECT_EQ(r.TextList(*doc, "l"), (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(r.LocatedTextList(*doc, "l")[1].location, (Location{"f", 5, 8}));
  EXPECT_FALSE(r.DateField(*doc, "bad_d", true));
  EXPECT_FALSE(r.Integer(*doc, "neg"));
  EXPECT_FALSE(r.Text(*doc, "absent", false));
  EXPECT_FALSE(r.Text(*doc, "absent", true));
  EXPECT_EQ(r.KeyAt(*doc, "b"), (Location{"f", 3, 1}));
  EXPECT_EQ(
      Texts(d),
      (std::vector<std::string>{
          "f:6:8: error: invalid date '2023-02-29' in 'bad_d' (expected a real date as YYYY-MM-DD)",
          "f:7:6: error: field 'neg' must be a whole number from 0 to 1000000, not '-1'",
          "f:1:1: error: missing required field 'absent'"}));
}

TEST(YamlReader, NotAMap) {
  Diagnostics d;
  auto doc = ParseYaml("f", "- a\n- b\n", 1, d);
  ASSERT_TRUE(doc);
  YamlReader r("f", 1, d);
  EXPECT_FALSE(r.CheckMap(*doc, {}, "site.yaml"));
  EXPECT_EQ(Texts(d),
            std::vector<std::string>{"f:1:1: error: expected site.yaml (a map of fields)"});
}

TEST(ParseYaml, AliasesDoNotExpand) {
  // A "billion laughs" document: yaml-cpp shares aliased nodes, and the
  // loader only walks the fields it knows, so this is cheap.
  std::string y = "a: &a [x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'j'; ++c, ++prev) {
    y += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 9; ++i) y += std::string(i ? ", *" : "*") + prev;
    y += "]\n";
  }
  Diagnostics d;
  auto doc = ParseYaml("f", y, 1, d);
  EXPECT_TRUE(doc);
  EXPECT_TRUE(d.empty());
}

}  // namespace
}  // namespace evidoc::content
