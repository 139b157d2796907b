#include "evidence/result_json.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace evidoc::evidence {

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
  char buf[40];
  size_t n = 0;
  if (!first_) buf[n++] = ',';
  first_ = false;
  if (!std::isfinite(v)) {
    out_.append(buf, n);
    out_ += "null";
    return;
  }
  if (v == 0) v = 0;  // no "-0"
  auto res = std::to_chars(buf + n, buf + sizeof buf, v);
  out_.append(buf, static_cast<size_t>(res.ptr - buf));
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

void JsonWriter::Field(std::string_view k, double v) {
  Key(k);
  Number(v);
}

void JsonWriter::Field(std::string_view k, const std::optional<double>& v) {
  Key(k);
  Opt(v);
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

}  // namespace evidoc::evidence
