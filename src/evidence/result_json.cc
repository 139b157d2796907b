#include "evidence/result_json.h"

// fmt's Dragonbox, header-only (the fmt::fmt-header-only target defines
// FMT_HEADER_ONLY): no shared library to load at start-up.
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace evidoc::evidence {

namespace {

constexpr char kDigitPairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

// Writes v < 10^8 as exactly 8 digits.
inline void Write8(char* p, uint32_t v) {
  uint32_t hi = v / 10000, lo = v % 10000;
  std::memcpy(p, kDigitPairs + (hi / 100) * 2, 2);
  std::memcpy(p + 2, kDigitPairs + (hi % 100) * 2, 2);
  std::memcpy(p + 4, kDigitPairs + (lo / 100) * 2, 2);
  std::memcpy(p + 6, kDigitPairs + (lo % 100) * 2, 2);
}

inline int CountDigits(uint64_t v) {
  static constexpr uint64_t kPow10[] = {1ull,
                                        10ull,
                                        100ull,
                                        1000ull,
                                        10000ull,
                                        100000ull,
                                        1000000ull,
                                        10000000ull,
                                        100000000ull,
                                        1000000000ull,
                                        10000000000ull,
                                        100000000000ull,
                                        1000000000000ull,
                                        10000000000000ull,
                                        100000000000000ull,
                                        1000000000000000ull,
                                        10000000000000000ull,
                                        100000000000000000ull,
                                        1000000000000000000ull,
                                        10000000000000000000ull};
  int bits = 64 - __builtin_clzll(v | 1);
  int n = (bits * 1233) >> 12;  // floor(bits * log10(2)), at most one too small
  return n + (v >= kPow10[n] ? 1 : 0);
}

}  // namespace

// std::to_chars gives the same text (it is the reference the tests compare
// with), but libstdc++'s costs about twice as much per number, and a batch
// writes hundreds of thousands. The shortest digits come from fmt's
// Dragonbox (fmt::detail::dragonbox::to_decimal: fmt's internal interface,
// stable since fmt 7; Debian's libfmt-dev pins the version, and
// result_json_test compares the output with std::to_chars on millions of
// doubles, so a change would be caught). The layout below is to_chars':
// fixed or scientific, whichever is shorter, fixed on a tie.
char* WriteShortestDouble(char* p, double v) {
  if (!std::isfinite(v)) return std::to_chars(p, p + 32, v).ptr;
  if (v == 0) {
    if (std::signbit(v)) *p++ = '-';
    *p = '0';
    return p + 1;
  }
  const fmt::detail::dragonbox::decimal_fp<double> dec = fmt::detail::dragonbox::to_decimal(v);
  const uint64_t sig = dec.significand;  // no trailing zeros
  const int n = CountDigits(sig);
  const int point = n + dec.exponent;  // v = 0.DIGITS x 10^point
  const int x = point - 1;             // scientific exponent
  const int sci_len = n + (n > 1 ? 1 : 0) + 2 + (x >= 100 || x <= -100 ? 3 : 2);
  const int fixed_len = point <= 0 ? 2 - point + n : (point < n ? n + 1 : point);
  if (std::signbit(v)) *p++ = '-';
  // The n digits end at d + 32 (24 digits written, leading zeros first);
  // fixed-size copies of 16-17 bytes, then the pointer moves by the length.
  // The copies may read up to 16 bytes past the digits: d has room for them.
  char d[48] = {};
  const uint64_t hi = sig / 100000000;
  Write8(d + 24, static_cast<uint32_t>(sig % 100000000));
  Write8(d + 16, static_cast<uint32_t>(hi % 100000000));
  Write8(d + 8, static_cast<uint32_t>(hi / 100000000));
  const char* digits = d + 32 - n;
  if (fixed_len <= sci_len) {
    if (point <= 0) {  // 0.000DIGITS: fixed wins only with at most 4 zeros
      std::memcpy(p, "0.0000", 6);
      p += 2 - point;
      std::memcpy(p, digits, 17);
      return p + n;
    }
    if (point < n) {  // DIG.ITS
      std::memcpy(p, digits, 17);
      std::memmove(p + point + 1, p + point, 17);
      p[point] = '.';
      return p + n + 1;
    }
    // DIGITS000: above 2^53 to_chars prints the exact integer, not zeros.
    if (point > 15) return std::to_chars(p, p + 32, std::fabs(v)).ptr;
    std::memcpy(p, digits, 17);
    std::memcpy(p + n, "0000000000000000", 16);
    return p + point;
  }
  *p = digits[0];
  p[1] = '.';
  std::memcpy(p + 2, digits + 1, 16);
  p += n > 1 ? n + 1 : 1;
  *p++ = 'e';
  *p++ = x < 0 ? '-' : '+';
  int ax = x < 0 ? -x : x;
  if (ax >= 100) {
    *p++ = static_cast<char>('0' + ax / 100);
    ax %= 100;
  }
  std::memcpy(p, kDigitPairs + ax * 2, 2);
  return p + 2;
}

void JsonWriter::BeginObject() {
  Sep();
  out_ += '{';
  first_ = true;
}

void JsonWriter::EndObject() {
  out_ += '}';
  first_ = false;
}

void JsonWriter::BeginArray() {
  Sep();
  out_ += '[';
  first_ = true;
}

void JsonWriter::EndArray() {
  out_ += ']';
  first_ = false;
}

// Keys are our own ASCII names (no escaping needed): one append each.
void JsonWriter::Key(std::string_view k) {
  char buf[64];
  size_t n = 0;
  if (!first_) buf[n++] = ',';
  buf[n++] = '"';
  size_t len = std::min(k.size(), sizeof buf - 4);
  k.copy(buf + n, len);
  n += len;
  buf[n++] = '"';
  buf[n++] = ':';
  out_.append(buf, n);
  first_ = true;  // the value follows without a comma
}

void JsonWriter::Number(double v) {
  char buf[kMaxShortestDouble + 8];
  char* p = buf;
  if (!first_) *p++ = ',';
  first_ = false;
  out_.append(buf, static_cast<size_t>(PutNumber(p, v) - buf));
}

char* JsonWriter::PutNumber(char* p, double v) {
  if (!std::isfinite(v)) {
    std::memcpy(p, "null", 4);
    return p + 4;
  }
  if (v == 0) v = 0;  // no "-0"
  return WriteShortestDouble(p, v);
}

// A key and its value in one append: a batch writes hundreds of thousands.
void JsonWriter::Field(std::string_view k, double v) {
  if (k.size() > kMaxKey) {
    Key(k);
    Number(v);
    return;
  }
  char buf[kMaxKey + kMaxShortestDouble + 8];
  char* p = buf;
  if (!first_) *p++ = ',';
  *p++ = '"';
  std::memcpy(p, k.data(), k.size());
  p += k.size();
  *p++ = '"';
  *p++ = ':';
  first_ = false;
  out_.append(buf, static_cast<size_t>(PutNumber(p, v) - buf));
}

void JsonWriter::Int(long long v) {
  char buf[24];
  size_t n = 0;
  if (!first_) buf[n++] = ',';
  first_ = false;
  auto res = std::to_chars(buf + n, buf + sizeof buf, v);
  out_.append(buf, static_cast<size_t>(res.ptr - buf));
}

void JsonWriter::Null() {
  Sep();
  out_ += "null";
}

void JsonWriter::Str(std::string_view s) {
  Sep();
  String(s);
}

void JsonWriter::Opt(const std::optional<double>& v) {
  if (v) {
    Number(*v);
  } else {
    Null();
  }
}

void JsonWriter::Field(std::string_view k, const std::optional<double>& v) {
  if (v) {
    Field(k, *v);
  } else {
    Key(k);
    Null();
  }
}

void JsonWriter::Field(std::string_view k, std::string_view v) {
  Key(k);
  Str(v);
}

void JsonWriter::Pair(std::string_view k, const std::optional<double>& a,
                      const std::optional<double>& b) {
  Key(k);
  if (!a || !b) {
    Null();
    return;
  }
  BeginArray();
  Number(*a);
  Number(*b);
  EndArray();
}

void JsonWriter::Sep() {
  if (!first_) out_ += ',';
  first_ = false;
}

void JsonWriter::String(std::string_view s) {
  out_ += '"';
  size_t run = 0;  // characters that need no escaping are appended in runs
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20) continue;
    out_.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out_ += "\\\"";
        break;
      case '\\':
        out_ += "\\\\";
        break;
      case '\n':
        out_ += "\\n";
        break;
      case '\r':
        out_ += "\\r";
        break;
      case '\t':
        out_ += "\\t";
        break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x",
                      static_cast<unsigned>(static_cast<unsigned char>(c)));
        out_ += buf;
      }
    }
  }
  out_.append(s.data() + run, s.size() - run);
  out_ += '"';
}

void WriteResultFields(JsonWriter& j, const MetaAnalysisResult& r) {
  const bool ratio = IsRatioMeasure(r.measure);
  j.Key("k");
  j.Int(r.k);
  j.Field("measure", r.method == Method::kPeto ? "OR" : MeasureName(r.measure));
  j.Field("method", MethodName(r.method));
  j.Field("test", TestName(r.test));
  j.Field("level", r.level);
  j.Field("estimate", r.estimate);
  j.Field("se", r.se);
  j.Field("statistic", r.statistic);
  j.Field("df", r.df);
  j.Field("pval", r.pval);
  j.Field("ci_lb", r.ci_lb);
  j.Field("ci_ub", r.ci_ub);
  j.Field("pi_lb", r.pi_lb);
  j.Field("pi_ub", r.pi_ub);
  j.Field("tau2", r.tau2);
  j.Field("tau", r.tau);
  j.Pair("tau2_ci", r.tau2_ci_lb, r.tau2_ci_ub);
  j.Field("i2", r.i2);
  j.Pair("i2_ci", r.i2_ci_lb, r.i2_ci_ub);
  j.Field("h2", r.h2);
  j.Field("q", r.q);
  j.Key("q_df");
  j.Int(r.q_df);
  j.Field("q_pval", r.q_pval);
  if (ratio) {
    auto ex = [](const std::optional<double>& v) {
      return v ? std::optional<double>(std::exp(*v)) : std::nullopt;
    };
    j.Key("transformed");
    j.BeginObject();
    j.Field("estimate", std::exp(r.estimate));
    j.Field("ci_lb", std::exp(r.ci_lb));
    j.Field("ci_ub", std::exp(r.ci_ub));
    j.Field("pi_lb", ex(r.pi_lb));
    j.Field("pi_ub", ex(r.pi_ub));
    j.EndObject();
  }
  j.Key("studies");
  j.BeginArray();
  for (const StudyResult& s : r.studies) {
    j.BeginObject();
    j.Field("study", s.study);
    auto v = [&](double x) { return s.included ? std::optional<double>(x) : std::nullopt; };
    j.Field("yi", v(s.yi));
    j.Field("vi", v(s.vi));
    j.Field("weight", s.weight);
    j.Field("ci_lb", v(s.ci_lb));
    j.Field("ci_ub", v(s.ci_ub));
    j.EndObject();
  }
  j.EndArray();
  if (r.egger) {
    j.Key("egger");
    j.BeginObject();
    j.Field("statistic", r.egger->statistic);
    j.Field("pval", r.egger->pval);
    j.Field("df", r.egger->df);
    j.EndObject();
  }
  if (r.trimfill) {
    j.Key("trimfill");
    j.BeginObject();
    j.Key("k0");
    j.Int(r.trimfill->k0);
    j.Field("side", r.trimfill->side);
    j.Field("estimate", r.trimfill->estimate);
    j.Field("ci_lb", r.trimfill->ci_lb);
    j.Field("ci_ub", r.trimfill->ci_ub);
    j.EndObject();
  }
  if (!r.leave1out.empty()) {
    j.Key("leave1out");
    j.BeginArray();
    for (const LeaveOneOut& l : r.leave1out) {
      j.BeginObject();
      j.Field("omitted", l.omitted);
      j.Field("estimate", l.estimate);
      j.Field("ci_lb", l.ci_lb);
      j.Field("ci_ub", l.ci_ub);
      j.Field("tau2", l.tau2);
      j.Field("i2", l.i2);
      j.EndObject();
    }
    j.EndArray();
  }
  if (!r.notes.empty()) {
    j.Key("notes");
    j.BeginArray();
    for (const std::string& n : r.notes) j.Str(n);
    j.EndArray();
  }
}

void AppendJsonLine(std::string_view analysis, const MetaAnalysisResult& r, std::string& out) {
  JsonWriter j(out);
  j.BeginObject();
  j.Field("analysis", analysis);
  WriteResultFields(j, r);
  j.EndObject();
  out += '\n';
}

}  // namespace evidoc::evidence
