#include "evidence/study_table.h"

#include <gtest/gtest.h>

namespace evidoc::evidence {
namespace {

std::vector<std::string> Messages(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const Diagnostic& x : d.items()) out.push_back(FormatDiagnostic(x));
  return out;
}

TEST(ReadStudyCsv, PlainTableWithLineNumbers) {
  Diagnostics d;
  StudyTable t = ReadStudyCsv("study,yi,vi\nA,0.1,0.2\n\nB , 0.3 ,0.4\n", "t.csv", d);
  EXPECT_TRUE(d.empty());
  EXPECT_EQ(t.columns, (std::vector<std::string>{"study", "yi", "vi"}));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].line, 2);
  EXPECT_EQ(t.rows[1].line, 4);  // the blank line is skipped but counted
  EXPECT_EQ(t.rows[1].cells, (std::vector<std::string>{"B", "0.3", "0.4"}));
  EXPECT_EQ(t.CellLocation(1, 2), (Location{"t.csv", 4, 3}));
}

TEST(ReadStudyCsv, Rfc4180QuotingCrlfAndBom) {
  Diagnostics d;
  StudyTable t = ReadStudyCsv(
      "\xEF\xBB\xBFstudy,yi\r\n\"Smith, \"\"J\"\"\r\n2001\",1\r\nJones,2\r\n", "q.csv", d);
  EXPECT_TRUE(d.empty()) << Messages(d)[0];
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].cells[0], "Smith, \"J\"\r\n2001");
  EXPECT_EQ(t.rows[0].line, 2);
  EXPECT_EQ(t.rows[1].line, 4);  // the quoted line break moved the next row down
}

TEST(ReadStudyCsv, ShortRowsArePaddedLongRowsAreErrors) {
  Diagnostics d;
  StudyTable t = ReadStudyCsv("a,b\n1\n1,2,3\n", "x.csv", d);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].cells, (std::vector<std::string>{"1", ""}));
  EXPECT_EQ(Messages(d),
            (std::vector<std::string>{"x.csv:3:3: error: row has 3 fields but the header has 2"}));
}

TEST(ReadStudyCsv, HeaderProblemsAndUnterminatedQuote) {
  Diagnostics d;
  ReadStudyCsv("a,,a\n\"1,2\n", "h.csv", d);
  EXPECT_EQ(Messages(d), (std::vector<std::string>{"h.csv:2:1: error: unterminated quoted field",
                                                   "h.csv:1:2: error: empty column name in header",
                                                   "h.csv:1:3: error: duplicate column name 'a'"}));
}

TEST(ReadStudyCsv, EmptyFileAndJunkAfterQuote) {
  Diagnostics d;
  ReadStudyCsv("", "e.csv", d);
  EXPECT_EQ(Messages(d),
            (std::vector<std::string>{"e.csv: error: no header row: the file is empty"}));
  Diagnostics d2;
  ReadStudyCsv("a,b\n\"x\"y,1\n", "j.csv", d2);
  EXPECT_EQ(Messages(d2),
            (std::vector<std::string>{"j.csv:2:1: error: unexpected text after closing quote"}));
}

TEST(SplitTable, GroupsInFirstAppearanceOrder) {
  Diagnostics d;
  StudyTable t = ReadStudyCsv("g,yi\nb,1\na,2\nb,3\n", "s.csv", d);
  auto parts = SplitTable(t, "g");
  ASSERT_TRUE(parts);
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].first, "b");
  EXPECT_EQ((*parts)[0].second.rows.size(), 2u);
  EXPECT_EQ((*parts)[0].second.rows[1].line, 4);
  EXPECT_EQ((*parts)[1].first, "a");
  EXPECT_FALSE(SplitTable(t, "nope"));
}

TEST(TableFromCellMaps, UnionOfColumnsWithoutPositions) {
  StudyTable t = TableFromCellMaps(
      "m.csv", {{2, {{"yi", "1"}, {"vi", "0.1"}}}, {3, {{"yi", "2"}, {"study", "B"}}}});
  EXPECT_EQ(t.columns, (std::vector<std::string>{"vi", "yi", "study"}));
  EXPECT_EQ(t.rows[1].cells, (std::vector<std::string>{"", "2", "B"}));
  EXPECT_EQ(t.CellLocation(1, 1), (Location{"m.csv", 3, 0}));
}

}  // namespace
}  // namespace evidoc::evidence
