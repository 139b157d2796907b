// evidoc analyse FILE.csv: a meta-analysis of a study table, without a site.
// Output: text (like metafor's print.rma) or JSON (docs/analyse.md; field
// names are a stable interface). Exit 0 on success, 1 for data errors (all
// listed on stderr), 2 for usage errors.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

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
#include "evidence/batch.h"
#include "evidence/forest_plot.h"
#include "evidence/meta_analysis.h"
#include "evidence/result_json.h"

namespace evidoc::cli {

namespace {

using evidence::JsonWriter;
using evidence::MetaAnalysisResult;
using evidence::WriteResultFields;

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
  unsigned threads = 0;
};

// The bytes of the input file. A regular file is mapped rather than read:
// on the virtual machines we run on, every fresh page of memory costs about
// 20 microseconds, so copying a large batch file into a new buffer costs
// more than parsing it, while mapping shares the page cache's copy.
// Anything else (a pipe, /dev/stdin) is read.
class InputFile {
 public:
  InputFile() = default;
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;
  ~InputFile() {
    if (map_ != nullptr) munmap(map_, size_);
  }

  // False if the file cannot be opened or read.
  bool Open(const std::string& path) {
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st {};
    bool ok = fstat(fd, &st) == 0;
    if (ok && S_ISREG(st.st_mode) && st.st_size > 0) {
      size_ = static_cast<size_t>(st.st_size);
      void* p = mmap(nullptr, size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
      if (p != MAP_FAILED) {
        map_ = p;
        text_ = std::string_view(static_cast<const char*>(p), size_);
        close(fd);
        return true;
      }
    }
    if (ok) {
      char buf[1 << 16];
      ssize_t got;
      while ((got = read(fd, buf, sizeof buf)) > 0) owned_.append(buf, static_cast<size_t>(got));
      ok = got == 0;
      text_ = owned_;
    }
    close(fd);
    return ok;
  }

  std::string_view text() const { return text_; }

 private:
  void* map_ = nullptr;
  size_t size_ = 0;
  std::string owned_;
  std::string_view text_;
};

void PrintDiagnostics(const Diagnostics& diags, const std::string& path) {
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
  app.add_option("--threads", a.threads,
                 "with --each: analyses run on this many threads (default: one per core; the "
                 "output is the same for any number)")
      ->check(CLI::Range(1u, 1024u));
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

  InputFile input;
  if (!input.Open(a.file)) {
    std::cerr << a.file << ": error: cannot read the file\n";
    return 1;
  }
  const std::string_view text = input.text();
  Diagnostics diags;

  if (!a.each.empty()) {
    po.egger = po.trimfill = po.leave1out = a.sensitivity;
    evidence::BatchOptions batch;
    batch.column = a.each;
    batch.effect_sizes = es;
    batch.pooling = po;
    batch.threads = a.threads;
    evidence::BatchCallbacks cb;
    if (json) {
      cb.format = evidence::AppendJsonLine;
    } else {
      cb.format = [](std::string_view name, const MetaAnalysisResult& r, std::string& out) {
        std::ostringstream t;
        t << "== analysis: " << name << " ==\n";
        WriteText(t, r);
        t << "\n";
        out += t.str();
      };
    }
    cb.report = [&](const evidence::BatchAnalysis& item) {
      PrintDiagnostics(*item.diagnostics, a.file);
      if (!item.ok && item.diagnostics->empty())
        std::cerr << a.file << ": error: analysis '" << item.name << "' failed\n";
    };
    cb.write = [](std::string_view bytes) { std::fwrite(bytes.data(), 1, bytes.size(), stdout); };
    std::optional<evidence::BatchSummary> summary =
        evidence::RunBatch(text, a.file, batch, cb, diags);
    std::fflush(stdout);
    if (!summary) {
      PrintDiagnostics(diags, a.file);
      return 1;
    }
    return summary->failed > 0 ? 1 : 0;
  }

  evidence::StudyTable table = evidence::ReadStudyCsv(text, a.file, diags);
  if (diags.has_errors()) {
    PrintDiagnostics(diags, a.file);
    return 1;
  }

  std::string out;

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
