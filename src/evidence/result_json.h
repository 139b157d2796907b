// JSON output of a meta-analysis: the field names documented in
// docs/analyse.md (`evidoc analyse --format json`), a stable interface.
//
// JsonWriter appends to a caller's std::string; numbers are written in the
// shortest form that reads back to the same double (std::to_chars), and a
// non-finite number (never expected) as null, so the output is always valid
// JSON. Hand-written rather than nlohmann::json: --each batches emit
// thousands of objects and building a DOM for each would cost more than the
// statistics. Not thread-safe; one writer per output string.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "evidence/meta_analysis.h"

namespace evidoc::evidence {

// Writes v in the shortest form that reads back to the same double, exactly
// as std::to_chars(p, end, v) does (fixed or scientific, whichever is
// shorter: "0.25", "1e-05", "123.456", "1.5e+300"), and returns the end.
// REQUIRES: p has room for kMaxShortestDouble chars.
inline constexpr size_t kMaxShortestDouble = 48;
char* WriteShortestDouble(char* p, double v);

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  // REQUIRES: k is plain ASCII without '"' or '\\' (our own field names).
  void Key(std::string_view k);
  void Number(double v);
  void Int(long long v);
  void Null();
  void Str(std::string_view s);  // escaped as JSON requires
  void Opt(const std::optional<double>& v);
  void Field(std::string_view k, double v);
  void Field(std::string_view k, const std::optional<double>& v);
  void Field(std::string_view k, std::string_view v);
  // "k":[a,b], or "k":null when either is missing.
  void Pair(std::string_view k, const std::optional<double>& a, const std::optional<double>& b);

 private:
  static constexpr size_t kMaxKey = 48;  // longer keys take the slow path

  void Sep();
  void String(std::string_view s);
  static char* PutNumber(char* p, double v);  // the number or null

  std::string& out_;
  bool first_ = true;
};

// Writes the fields of one analysis (k, measure, ..., studies, egger,
// trimfill, leave1out, notes) without the enclosing braces, so callers can
// add their own ("analysis", "subgroups").
void WriteResultFields(JsonWriter& j, const MetaAnalysisResult& r);

// Appends one line of `evidoc analyse --each ... --format json` (JSON Lines):
// {"analysis":NAME,<the fields of WriteResultFields>} and a newline. `out`
// is appended to, never cleared; NAME is escaped as JSON requires.
void AppendJsonLine(std::string_view analysis, const MetaAnalysisResult& r, std::string& out);

}  // namespace evidoc::evidence
