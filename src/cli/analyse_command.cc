// evidoc analyse FILE.csv: a meta-analysis of a study table, without a site.
// Output: text (like metafor's print.rma) or JSON (docs/analyse.md; field
// names are a stable interface). Exit 0 on success, 1 for data errors (all
// listed on stderr), 2 for usage errors.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "evidence/forest_plot.h"
#include "evidence/meta_analysis.h"

namespace evidoc::cli {

namespace {

using evidence::MetaAnalysisResult;

// ---- JSON writing ----
// Hand-written rather than nlohmann::json: --each batches emit thousands of
// objects and building a DOM for each costs more than the statistics. Numbers
// use the shortest round-trip form; a non-finite number (never expected)
// becomes null, so the output is always valid JSON.
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void BeginObject() {
    Sep();
    out_ += '{';
    first_ = true;
  }
  void EndObject() {
    out_ += '}';
    first_ = false;
  }
  void BeginArray() {
    Sep();
    out_ += '[';
    first_ = true;
  }
  void EndArray() {
    out_ += ']';
    first_ = false;
  }
  // Keys are our own ASCII names (no escaping needed): one append each.
  void Key(std::string_view k) {
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
  void Number(double v) {
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
  void Int(long long v) {
    Sep();
    out_ += std::to_string(v);
  }
  void Null() {
    Sep();
    out_ += "null";
  }
  void Str(std::string_view s) {
    Sep();
    String(s);
  }
  void Opt(const std::optional<double>& v) {
    if (v) {
      Number(*v);
    } else {
      Null();
    }
  }
  void Field(std::string_view k, double v) {
    Key(k);
    Number(v);
  }
  void Field(std::string_view k, const std::optional<double>& v) {
    Key(k);
    Opt(v);
  }
  void Field(std::string_view k, std::string_view v) {
    Key(k);
    Str(v);
  }
  void Pair(std::string_view k, const std::optional<double>& a, const std::optional<double>& b) {
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

 private:
  void Sep() {
    if (!first_) out_ += ',';
    first_ = false;
  }
  void String(std::string_view s) {
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

  std::string& out_;
  bool first_ = true;
};

// The fields of one analysis (without the enclosing braces).
void WriteResultFields(JsonWriter& j, const MetaAnalysisResult& r) {
  const bool ratio = evidence::IsRatioMeasure(r.measure);
  j.Key("k");
  j.Int(r.k);
  j.Field("measure", r.method == evidence::Method::kPeto ? "OR" : evidence::MeasureName(r.measure));
  j.Field("method", evidence::MethodName(r.method));
  j.Field("test", evidence::TestName(r.test));
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
  for (const evidence::StudyResult& s : r.studies) {
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
    for (const evidence::LeaveOneOut& l : r.leave1out) {
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

// ---- text output, in the manner of metafor's print.rma ----

std::string F(double v, int digits = 4) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v == 0 ? 0.0 : v);
  return buf;
}

std::string P(double p) { return p < 1e-4 ? "<.0001" : F(p, 4); }

std::string Stars(double p) {
  if (p < 0.001) return "***";
  if (p < 0.01) return "**";
  if (p < 0.05) return "*";
  if (p < 0.1) return ".";
  return "";
}

std::string Pad(const std::string& s, size_t w) {
  return s.size() >= w ? s : std::string(w - s.size(), ' ') + s;
}

void WriteText(std::ostream& out, const MetaAnalysisResult& r) {
  const bool re = evidence::IsRandomEffects(r.method);
  const bool ratio = evidence::IsRatioMeasure(r.measure);
  const std::string measure = std::string(evidence::MeasureName(r.measure));
  const std::string lvl = F(r.level, 0);
  out << "\n";
  if (r.method == evidence::Method::kMH) {
    out << "Equal-Effects Model (k = " << r.k << "), Mantel-Haenszel method\n\n";
  } else if (r.method == evidence::Method::kPeto) {
    out << "Equal-Effects Model (k = " << r.k << "), Peto's method\n\n";
  } else if (!re) {
    out << "Equal-Effects Model (k = " << r.k << ")\n\n";
  } else {
    out << "Random-Effects Model (k = " << r.k
        << "; tau^2 estimator: " << evidence::MethodName(r.method) << ")\n\n";
  }
  auto ci = [&](const std::optional<double>& lb, const std::optional<double>& ub, int d) {
    if (!lb || !ub) return std::string();
    return " (" + lvl + "% CI: " + F(*lb, d) + ", " + F(*ub, d) + ")";
  };
  if (re) {
    out << "tau^2 (estimated amount of total heterogeneity): " << F(r.tau2)
        << ci(r.tau2_ci_lb, r.tau2_ci_ub, 4) << "\n";
    out << "tau (square root of estimated tau^2 value):      " << F(r.tau)
        << ci(r.tau_ci_lb, r.tau_ci_ub, 4) << "\n";
  }
  out << "I^2 (total heterogeneity / total variability):   " << F(r.i2, 2) << "%"
      << ci(r.i2_ci_lb, r.i2_ci_ub, 2) << "\n";
  out << "H^2 (total variability / sampling variability):  " << F(r.h2, 2)
      << ci(r.h2_ci_lb, r.h2_ci_ub, 2) << "\n\n";
  out << "Test for Heterogeneity:\nQ(df = " << r.q_df << ") = " << F(r.q) << ", p-val "
      << (r.q_pval < 1e-4 ? "" : "= ") << P(r.q_pval) << "\n\n";
  if (r.mh_cmh && r.mh_cmh_pval) {
    out << "Cochran-Mantel-Haenszel Test:    CMH = " << F(*r.mh_cmh) << ", df = 1, p-val "
        << P(*r.mh_cmh_pval) << "\n\n";
  }
  out << "Model Results" << (ratio ? " (log scale)" : "") << ":\n\n";
  const char* stat = r.test == evidence::Test::kKnha ? "tval" : "zval";
  std::vector<std::string> head = {"estimate", "se", stat};
  if (r.df) head.push_back("df");
  for (const char* h : {"pval", "ci.lb", "ci.ub"}) head.push_back(h);
  std::vector<std::string> row = {F(r.estimate), F(r.se), F(r.statistic)};
  if (r.df) row.push_back(F(*r.df, 0));
  for (const std::string& s : {P(r.pval), F(r.ci_lb), F(r.ci_ub)}) row.push_back(s);
  for (size_t i = 0; i < head.size(); ++i) {
    size_t w = std::max(head[i].size(), row[i].size());
    out << Pad(head[i], w) << "  ";
    row[i] = Pad(row[i], w);
  }
  out << "\n";
  for (const std::string& s : row) out << s << "  ";
  out << Stars(r.pval) << "\n\n";
  out << "---\nSignif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1\n";
  if (ratio || r.pi_lb) {
    out << "\nPredicted pooled effect" << (ratio ? " (" + measure + " scale, exp)" : "") << ":\n\n";
    auto t = [&](double v) { return F(ratio ? std::exp(v) : v); };
    out << "   pred   ci.lb   ci.ub";
    if (r.pi_lb) out << "   pi.lb   pi.ub";
    out << "\n " << t(r.estimate) << "  " << t(r.ci_lb) << "  " << t(r.ci_ub);
    if (r.pi_lb && r.pi_ub) out << "  " << t(*r.pi_lb) << "  " << t(*r.pi_ub);
    out << "\n";
  }
  if (r.egger) {
    out << "\nRegression Test for Funnel Plot Asymmetry (Egger; predictor: standard error):\n";
    out << "Test for funnel plot asymmetry: " << (r.egger->df ? "t = " : "z = ")
        << F(r.egger->statistic) << (r.egger->df ? ", df = " + F(*r.egger->df, 0) : std::string())
        << ", p = " << F(r.egger->pval) << "\n";
    out << "Limit estimate (as sei -> 0):   b = " << F(r.egger->limit_estimate) << "\n";
  }
  if (r.trimfill) {
    out << "\nTrim-and-fill (estimator L0): " << r.trimfill->k0 << " studies filled on the "
        << r.trimfill->side << " side; adjusted estimate " << F(r.trimfill->estimate) << " (" << lvl
        << "% CI: " << F(r.trimfill->ci_lb) << ", " << F(r.trimfill->ci_ub) << ")\n";
  }
  if (!r.leave1out.empty()) {
    out << "\nLeave-one-out:\n";
    size_t w = 7;
    for (const auto& l : r.leave1out) w = std::max(w, l.omitted.size());
    out << std::string(w, ' ') << "  estimate    ci.lb    ci.ub     tau2       I2\n";
    for (const auto& l : r.leave1out) {
      out << l.omitted << std::string(w - l.omitted.size(), ' ') << "  " << Pad(F(l.estimate), 8)
          << " " << Pad(F(l.ci_lb), 8) << " " << Pad(F(l.ci_ub), 8) << " " << Pad(F(l.tau2), 8)
          << " " << Pad(F(l.i2, 2), 8) << "\n";
    }
  }
  for (const std::string& n : r.notes) out << "\nNote: " << n << "\n";
}

// ---- the command ----

struct Args {
  std::string file;
  std::string measure, method = "REML", test = "z", by, each, to = "only0", format = "text", forest;
  double level = 95;
  double add = 0.5;
  bool drop00 = false;
  bool sensitivity = false;
};

void PrintDiagnostics(Diagnostics& diags, const std::string& path) {
  for (const Diagnostic& d : diags.items()) {
    Diagnostic copy = d;
    if (copy.location.path.empty()) copy.location.path = path;
    std::cerr << FormatDiagnostic(copy) << "\n";
  }
}

}  // namespace

int RunAnalyse(int argc, char** argv) {
  CLI::App app{"Meta-analysis of a study table (CSV), computed as R's metafor computes it",
               "evidoc analyse"};
  Args a;
  app.add_option("file", a.file, "CSV study table (columns as metafor's escalc)")->required();
  app.add_option("--measure", a.measure, "RR|OR|RD|MD|SMD|ROM|GEN (default: from the columns)");
  app.add_option("--method", a.method, "EE|FE|MH|PETO|DL|REML|ML|PM|HS|SJ|HE|EB (default REML)");
  app.add_option("--test", a.test, "z|knha (default z)");
  app.add_option("--level", a.level, "confidence level in percent (default 95)");
  app.add_option("--by", a.by, "column: subgroups with a test for subgroup differences");
  app.add_option("--each", a.each,
                 "column: one independent analysis per value (JSON: one object per line)");
  app.add_option("--add", a.add, "continuity correction added to cells (default 0.5)");
  app.add_option("--to", a.to,
                 "only0|all|if0all|none: which studies get the correction (default only0)");
  app.add_flag("--drop00", a.drop00,
               "leave out studies with no events (or only events) in both arms");
  app.add_option("--format", a.format, "text|json (default text)");
  app.add_option("--forest", a.forest, "write a forest plot (SVG) to this file");
  app.add_flag("--sensitivity", a.sensitivity,
               "with --each: also compute Egger's test, trim-and-fill and leave-one-out (always on "
               "otherwise)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }

  auto usage = [](const std::string& msg) {
    std::cerr << "evidoc analyse: " << msg << "\n";
    return 2;
  };
  evidence::EffectSizeOptions es;
  if (!a.measure.empty()) {
    es.measure = evidence::ParseMeasure(a.measure);
    if (!es.measure)
      return usage("unknown --measure '" + a.measure + "' (RR|OR|RD|MD|SMD|ROM|GEN)");
  }
  auto to = evidence::ParseAddTo(a.to);
  if (!to) return usage("unknown --to '" + a.to + "' (only0|all|if0all|none)");
  es.to = *to;
  es.add = a.add;
  es.drop00 = a.drop00;
  if (!(a.add >= 0) || !std::isfinite(a.add)) return usage("--add must be a number >= 0");
  evidence::PoolingOptions po;
  auto method = evidence::ParseMethod(a.method);
  if (!method) return usage("unknown --method '" + a.method + "'");
  po.method = *method;
  auto test = evidence::ParseTest(a.test);
  if (!test) return usage("unknown --test '" + a.test + "' (z|knha)");
  po.test = *test;
  if (!(a.level > 0 && a.level < 100)) return usage("--level must be between 0 and 100");
  po.level = a.level;
  if (a.format != "text" && a.format != "json")
    return usage("unknown --format '" + a.format + "' (text|json)");
  if (!a.by.empty() && !a.each.empty()) return usage("--by and --each cannot be combined");
  if (!a.forest.empty() && !a.each.empty()) return usage("--forest cannot be combined with --each");
  const bool json = a.format == "json";

  std::ifstream in(a.file, std::ios::binary);
  if (!in) {
    std::cerr << a.file << ": error: cannot read the file\n";
    return 1;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();

  Diagnostics diags;
  evidence::StudyTable table = evidence::ReadStudyCsv(text, a.file, diags);
  if (diags.has_errors()) {
    PrintDiagnostics(diags, a.file);
    return 1;
  }

  std::string out;
  out.reserve(1 << 16);

  if (!a.each.empty()) {
    auto parts = evidence::SplitTable(std::move(table), a.each);
    if (!parts) {
      diags.Error({a.file, 1, 0}, "no column '" + a.each + "' for --each");
      PrintDiagnostics(diags, a.file);
      return 1;
    }
    po.egger = po.trimfill = po.leave1out = a.sensitivity;
    bool failed = false;
    std::ostringstream text_out;
    for (const auto& [name, part] : *parts) {
      Diagnostics d;
      auto data = evidence::ComputeEffectSizes(part, es, d);
      std::optional<MetaAnalysisResult> r;
      if (data) r = evidence::Pool(*data, po, d);
      PrintDiagnostics(d, a.file);
      if (!r) {
        if (d.empty()) std::cerr << a.file << ": error: analysis '" << name << "' failed\n";
        failed = true;
        continue;
      }
      if (json) {
        JsonWriter j(out);
        j.BeginObject();
        j.Field("analysis", name);
        WriteResultFields(j, *r);
        j.EndObject();
        out += '\n';
        if (out.size() > (1 << 16)) {  // stream: a batch's output can be large
          std::fwrite(out.data(), 1, out.size(), stdout);
          out.clear();
        }
      } else {
        text_out << "== analysis: " << name << " ==\n";
        WriteText(text_out, *r);
        text_out << "\n";
      }
    }
    if (!json) out = text_out.str();
    std::fwrite(out.data(), 1, out.size(), stdout);
    return failed ? 1 : 0;
  }

  auto data = evidence::ComputeEffectSizes(table, es, diags);
  std::optional<MetaAnalysisResult> r;
  if (data) r = evidence::Pool(*data, po, diags);
  std::optional<evidence::SubgroupAnalysis> sub;
  if (r && !a.by.empty()) {
    es.measure = data->measure;
    sub = evidence::PoolSubgroups(table, a.by, es, po, diags);
  }
  PrintDiagnostics(diags, a.file);
  if (!r || diags.has_errors()) return 1;

  if (json) {
    JsonWriter j(out);
    j.BeginObject();
    WriteResultFields(j, *r);
    if (sub) {
      j.Key("subgroups");
      j.BeginArray();
      for (const auto& [name, g] : sub->groups) {
        j.BeginObject();
        j.Field("group", name);
        WriteResultFields(j, g);
        j.EndObject();
      }
      j.EndArray();
      j.Key("test_between");
      j.BeginObject();
      j.Field("column", sub->column);
      j.Field("q", sub->q_between);
      j.Key("df");
      j.Int(sub->df_between);
      j.Field("pval", sub->pval_between);
      j.EndObject();
    }
    j.EndObject();
    out += '\n';
  } else {
    std::ostringstream t;
    WriteText(t, *r);
    if (sub) {
      for (const auto& [name, g] : sub->groups) {
        t << "\n== subgroup " << sub->column << " = " << name << " ==\n";
        WriteText(t, g);
      }
      t << "\nTest for Subgroup Differences: Q(df = " << sub->df_between
        << ") = " << F(sub->q_between) << ", p-val " << P(sub->pval_between) << "\n";
    }
    out = t.str();
  }
  std::fwrite(out.data(), 1, out.size(), stdout);

  if (!a.forest.empty()) {
    std::string svg = evidence::RenderForestSvg(*r);
    std::ofstream f(a.forest, std::ios::binary);
    f << svg;
    if (!f) {
      std::cerr << a.forest << ": error: cannot write the forest plot\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace evidoc::cli
