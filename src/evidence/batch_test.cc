#include "evidence/batch.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <stdexcept>

#include "evidence/result_json.h"

namespace evidoc::evidence {
namespace {

// Everything a batch hands on, in the order it was handed on.
struct Recorded {
  std::string out;
  std::vector<std::string> reports;  // "name ok|failed" then each diagnostic
  size_t writes = 0;
};

std::string Json(std::string_view name, const MetaAnalysisResult& r) {
  std::string out;
  AppendJsonLine(name, r, out);
  return out;
}

std::optional<BatchSummary> RunRecorded(std::string_view csv, unsigned threads, Recorded& rec,
                                        Diagnostics& diags, const PoolingOptions& po = {}) {
  BatchOptions o;
  o.column = "analysis";
  o.pooling = po;
  o.threads = threads;
  BatchCallbacks cb;
  cb.format = AppendJsonLine;
  cb.report = [&](const BatchAnalysis& a) {
    rec.reports.push_back(std::string(a.name) + (a.ok ? " ok" : " failed"));
    for (const Diagnostic& d : a.diagnostics->items()) rec.reports.push_back(FormatDiagnostic(d));
  };
  cb.write = [&](std::string_view bytes) {
    rec.out += bytes;
    ++rec.writes;
  };
  return RunBatch(csv, "b.csv", o, cb, diags);
}

// The same batch the slow, obvious way: the whole table read by
// ReadStudyCsv, split by SplitTable, each part pooled in turn.
Recorded Sequential(std::string_view csv, const PoolingOptions& po = {}) {
  Recorded rec;
  Diagnostics d;
  StudyTable t = ReadStudyCsv(csv, "b.csv", d);
  EXPECT_TRUE(d.empty());
  auto parts = SplitTable(t, "analysis");
  EXPECT_TRUE(parts);
  for (const auto& [name, part] : *parts) {
    Diagnostics pd;
    auto data = ComputeEffectSizes(part, {}, pd);
    std::optional<MetaAnalysisResult> r;
    if (data) r = Pool(*data, po, pd);
    rec.reports.push_back(name + (r ? " ok" : " failed"));
    for (const Diagnostic& x : pd.items()) rec.reports.push_back(FormatDiagnostic(x));
    if (r) rec.out += Json(name, *r);
  }
  return rec;
}

// 300 analyses (k from 1 to 12) whose rows interleave, with quoted and
// escaped keys and labels, blank lines, CRLF, a short row, one analysis
// with bad data and one with a warning.
std::string RandomBatch() {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> k_of(1, 12), pick(0, 2);
  std::uniform_real_distribution<double> vi(0.01, 0.5);
  std::normal_distribution<double> yi(0.2, 0.6);
  std::string csv = "analysis,study,yi,vi,design\r\n";
  std::vector<std::pair<std::string, int>> open;  // analyses with rows still to write
  int made = 0;
  char buf[160];
  while (made < 300 || !open.empty()) {
    if (made < 300 && (open.size() < 3 || pick(rng) == 0)) {
      std::string name =
          made % 50 == 7 ? "\"q\"\"" + std::to_string(made) + "\"\"\"" : "a" + std::to_string(made);
      open.emplace_back(name, k_of(rng));
      ++made;
    }
    size_t i = static_cast<size_t>(pick(rng)) % open.size();
    auto& [name, left] = open[i];
    if (name == "a13" && left == 1) {
      csv += "a13,s1,0.5\r\n";  // short row: vi and design read "" (a missing value)
    } else {
      std::snprintf(buf, sizeof buf, "%s,\"s, %d\",%.6g,%.6g,%s\r\n", name.c_str(), left, yi(rng),
                    name == "a21" && left == 2 ? 0.0 : vi(rng),
                    name == "a5" ? "crossover" : "parallel");
      csv += buf;
    }
    if (left % 5 == 0) csv += "\r\n";  // a blank line inside the batch
    if (--left == 0) open.erase(open.begin() + static_cast<long>(i));
  }
  return csv;
}

TEST(RunBatch, OutputIsTheSameForAnyNumberOfThreadsAndMatchesSequentialPooling) {
  const std::string csv = RandomBatch();
  const Recorded expected = Sequential(csv);
  ASSERT_EQ(std::count(expected.out.begin(), expected.out.end(), '\n'), 298);  // a13, a21 fail
  for (unsigned threads : {1u, 2u, 3u, 8u}) {
    Recorded rec;
    Diagnostics diags;
    std::optional<BatchSummary> s = RunRecorded(csv, threads, rec, diags);
    ASSERT_TRUE(s) << threads;
    EXPECT_TRUE(diags.empty());
    EXPECT_EQ(s->analyses, 300u);
    EXPECT_EQ(s->failed, 2u);
    EXPECT_EQ(rec.out, expected.out) << threads << " threads";
    EXPECT_EQ(rec.reports, expected.reports) << threads << " threads";
    EXPECT_GT(rec.writes, 1u);  // written as it goes, not all at the end
  }
}

TEST(RunBatch, SensitivityAnalysesToo) {
  const std::string csv = RandomBatch();
  PoolingOptions po;
  po.method = Method::kDL;
  po.test = evidence::Test::kKnha;
  const Recorded expected = Sequential(csv, po);
  Recorded rec;
  Diagnostics diags;
  ASSERT_TRUE(RunRecorded(csv, 2, rec, diags, po));
  EXPECT_EQ(rec.out, expected.out);
  EXPECT_NE(rec.out.find("\"leave1out\""), std::string::npos);
}

TEST(RunBatch, DataErrorsAndWarningsKeepTheirRowAndColumn) {
  Recorded rec;
  Diagnostics diags;
  const char* csv =
      "analysis,study,yi,vi,design\n"
      "x,A,0.1,0.02,\n"
      "y,A,1,0.1,crossover\n"
      "x,B,0.3,-1,\n"
      "\n"
      "y,B,zero,0.2,\n"
      "x,A,0.2,0.1,\n";
  std::optional<BatchSummary> s = RunRecorded(csv, 2, rec, diags);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->failed, 2u);
  EXPECT_EQ(rec.reports,
            (std::vector<std::string>{
                "x failed", "b.csv:4:4: error: vi must be > 0, got -1",
                "b.csv:7:2: error: duplicate study label 'A' (first on line 2)", "y failed",
                "b.csv:3:5: warning: study 'A' is a crossover design: parallel-group formulas "
                "overstate its variance (enter yi and vi from a paired analysis instead)",
                "b.csv:6:3: error: 'zero' in column 'yi' is not a finite number"}));
  EXPECT_EQ(rec.out, "");
}

TEST(RunBatch, MalformedCsvGivesTheReadersDiagnosticsAndNoOutput) {
  for (const char* csv :
       {"analysis,yi,vi\nx,1,0.1,9\n", "analysis,yi,analysis\nx,1,0.1\n",
        "analysis,yi,vi\nx,\"1,0.1\n", "", "\n\n", "analysis,yi,vi\nx,\"1\"2,0.1\n"}) {
    Diagnostics expected;
    ReadStudyCsv(csv, "b.csv", expected);
    Recorded rec;
    Diagnostics diags;
    EXPECT_FALSE(RunRecorded(csv, 2, rec, diags)) << csv;
    EXPECT_EQ(diags.items(), expected.items()) << csv;
    EXPECT_TRUE(rec.reports.empty());
    EXPECT_EQ(rec.out, "");
  }
}

TEST(RunBatch, MissingColumnAndEmptyTable) {
  Recorded rec;
  Diagnostics diags;
  BatchOptions o;
  o.column = "trial";
  BatchCallbacks cb;
  EXPECT_FALSE(RunBatch("analysis,yi,vi\nx,1,0.1\n", "b.csv", o, cb, diags));
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(FormatDiagnostic(diags.items()[0]), "b.csv:1: error: no column 'trial' for --each");
  Diagnostics none;
  std::optional<BatchSummary> s = RunRecorded("analysis,yi,vi\n\n", 2, rec, none);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->analyses, 0u);
  EXPECT_TRUE(none.empty());
}

// Random CSV-like text (quotes, separators, CR/LF, blanks, numbers, words):
// the batch reader and the table reader must agree on every input, whether
// it is malformed (same diagnostics, nothing run) or not (same output).
TEST(RunBatch, AgreesWithTheTableReaderOnRandomText) {
  std::mt19937 rng(11);
  const std::vector<std::string> atoms = {"a",    "b",  "x",    ",",    ",",  "\"",
                                          "\"\"", "\n", "\n",   "\r\n", "\r", " ",
                                          "0.5",  "1",  "0.02", "-2",   "NA", "\xEF\xBB\xBF"};
  std::uniform_int_distribution<size_t> atom(0, atoms.size() - 1), len(0, 40);
  const std::vector<std::string> field_atoms = {
      "a",  "b",     "\"a\"", "\"x\"\"y\"", "0.5", "1",   "0.02",  " 0.3 ", "0.1",
      "-1", "\"1\"", "",      "NA",         "0.2", "0.7", "\"b\"", "0.05",  "\"c\nd\""};
  int malformed = 0, pooled = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string csv = i % 3 == 0 ? "" : "analysis,yi,vi\n";
    if (i % 2 == 0) {
      for (size_t n = len(rng); n > 0; --n) csv += atoms[atom(rng)];
    } else {  // rows of fields, now and then broken
      for (size_t n = len(rng) / 3; n > 0; --n) {
        size_t fields = 3 + (atom(rng) == 0 ? 1 : 0) - (atom(rng) == 1 ? 1 : 0);
        for (size_t f = 0; f < fields; ++f) {
          if (f > 0) csv += ',';
          csv += field_atoms[std::min(field_atoms.size() - 1, atom(rng))];
        }
        csv += atom(rng) < 3 ? "\r\n" : atom(rng) == 3 ? "\n\n" : "\n";
      }
    }
    Diagnostics table_diags;
    StudyTable t = ReadStudyCsv(csv, "b.csv", table_diags);
    Recorded rec;
    Diagnostics diags;
    std::optional<BatchSummary> s = RunRecorded(csv, 2, rec, diags);
    if (table_diags.has_errors()) {
      ++malformed;
      EXPECT_FALSE(s) << csv;
      EXPECT_EQ(diags.items(), table_diags.items()) << csv;
      continue;
    }
    if (!t.ColumnIndex("analysis")) {
      EXPECT_FALSE(s) << csv;
      continue;
    }
    ASSERT_TRUE(s) << csv;
    Recorded expected = Sequential(csv);
    EXPECT_EQ(rec.out, expected.out) << csv;
    EXPECT_EQ(rec.reports, expected.reports) << csv;
    pooled += rec.out.empty() ? 0 : 1;
  }
  EXPECT_GT(malformed, 100);  // both kinds were exercised
  EXPECT_GT(pooled, 100);
}

TEST(RunBatch, ExceptionInACallbackReachesTheCaller) {
  BatchOptions o;
  o.column = "analysis";
  o.threads = 2;
  BatchCallbacks cb;
  cb.format = [](std::string_view name, const MetaAnalysisResult&, std::string&) {
    if (name == "a150") throw std::runtime_error("full");
  };
  cb.report = [](const BatchAnalysis&) {};
  cb.write = [](std::string_view) {};
  Diagnostics diags;
  EXPECT_THROW(RunBatch(RandomBatch(), "b.csv", o, cb, diags), std::runtime_error);
}

}  // namespace
}  // namespace evidoc::evidence
