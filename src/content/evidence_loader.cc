#include "content/evidence_loader.h"

#include <algorithm>
#include <set>

#include "content/yaml_reader.h"
#include "evidence/effect_size.h"
#include "evidence/study_table.h"

namespace evidoc::content {
namespace {

const std::vector<std::string> kTreatmentKeys = {
    "id",        "name",         "condition", "population", "comparison", "description",
    "how_taken", "side_effects", "cost",      "citations",  "category",   "outcomes"};
const std::vector<std::string> kOutcomeKeys = {
    "id",        "name",      "kind",  "type",       "better",  "unit",      "words",
    "timeframe", "mid",       "sizes", "comparator", "measure", "method",    "test",
    "data",      "published", "main",  "judgements", "note",    "no_studies"};
const std::vector<std::string> kPublishedKeys = {"measure",      "estimate", "ci", "k",
                                                 "participants", "events",   "i2", "design",
                                                 "certainty",    "citation"};
const std::vector<std::string> kDomains = {"risk_of_bias", "inconsistency", "indirectness",
                                           "imprecision", "publication_bias"};
const std::set<std::string> kComputedDomains = {"inconsistency", "imprecision", "publication_bias"};
const std::vector<std::string> kCategoryCodes = {
    "treatments-that-work",
    "treatments-that-are-likely-to-work",
    "treatments-that-work-but-whose-harms-may-outweigh-benefits",
    "treatments-that-need-further-study",
    "treatments-that-are-unlikely-to-work",
    "treatments-that-are-likely-to-be-ineffective-or-harmful"};
const std::set<std::string> kDesigns = {"parallel", "crossover", "paired", "cluster",
                                        "observational"};

std::string Dir(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

std::string Quoted(const std::vector<std::string>& values) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) {
    out += (i ? (i + 1 == values.size() ? " or " : ", ") : "") + values[i];
  }
  return out;
}

class EvidenceFileLoader {
 public:
  EvidenceFileLoader(const FileSystem& fs, const std::string& root, const Content& content,
                     Diagnostics& diags)
      : fs_(fs), root_(root), diags_(diags) {
    for (const Reference& r : content.references) keys_.insert(r.key);
  }

  Treatment Load(const std::string& rel_path, const std::string& id, const std::string& text) {
    Treatment t;
    t.id = id;
    t.path = rel_path;
    display_ = JoinPath(root_, rel_path);
    t.location = {display_, 1, 1};
    auto doc = ParseYaml(display_, text, 1, diags_);
    if (!doc) return t;
    YamlReader y(display_, 1, diags_);
    const YAML::Node node = *doc;
    if (!y.CheckMap(node, kTreatmentKeys, "an evidence file")) return t;
    if (auto file_id = y.Text(node, "id", false); file_id && *file_id != id) {
      diags_.Error(y.At(node["id"]),
                   "id '" + *file_id + "' must match the file name ('" + id + "')");
    }
    t.name = y.Text(node, "name", true).value_or("");
    t.condition = y.Text(node, "condition", true).value_or("");
    t.population = y.Text(node, "population", true).value_or("");
    t.comparison = y.Text(node, "comparison", true).value_or("");
    t.description = y.Text(node, "description", true).value_or("");
    t.how_taken = y.Text(node, "how_taken", false).value_or("");
    t.side_effects_summary = y.Text(node, "side_effects", false).value_or("");
    t.cost = y.Text(node, "cost", false).value_or("");
    for (const YamlReader::Located& c : y.LocatedTextList(node, "citations")) {
      CheckKey(c.text, c.location);
      t.citations.push_back(c.text);
    }
    if (node["category"]) {
      const YAML::Node cat = node["category"];
      if (y.CheckMap(cat, {"code", "reason"}, "category")) {
        auto code = y.Text(cat, "code", true);
        auto reason = y.Text(cat, "reason", true);
        if (code && std::find(kCategoryCodes.begin(), kCategoryCodes.end(), *code) ==
                        kCategoryCodes.end()) {
          diags_.Error(y.At(cat["code"]),
                       "unknown category '" + *code + "': expected " + Quoted(kCategoryCodes));
        } else if (code) {
          t.category_override = *code;
        }
        t.category_override_reason = reason.value_or("");
      }
    }
    const YAML::Node outcomes = node["outcomes"];
    if (!outcomes) {
      diags_.Error(t.location, "missing required field 'outcomes'");
    } else if (y.CheckList(outcomes, "outcomes")) {
      if (outcomes.size() == 0)
        diags_.Error(y.At(outcomes), "'outcomes' must list at least one outcome");
      if (outcomes.size() > kMaxOutcomesPerTreatment) {
        diags_.Error(y.At(outcomes),
                     "more than " + std::to_string(kMaxOutcomesPerTreatment) + " outcomes");
        return t;
      }
      std::set<std::string> ids;
      bool any_main_benefit = false;
      for (const YAML::Node& o : outcomes) {
        Outcome out = LoadOutcome(y, o, rel_path);
        if (!out.id.empty() && !ids.insert(out.id).second) {
          diags_.Error(out.location, "duplicate outcome id '" + out.id + "'");
        }
        any_main_benefit |= out.main && out.kind == "benefit";
        t.outcomes.push_back(std::move(out));
      }
      if (!t.outcomes.empty() && !any_main_benefit) {
        diags_.Warning(y.At(outcomes),
                       "no outcome is marked 'main: true' with kind 'benefit': the category uses "
                       "every benefit outcome");
      }
    }
    return t;
  }

 private:
  void CheckKey(const std::string& key, const Location& where) {
    if (!keys_.empty() && !keys_.count(key))
      diags_.Error(where, "unknown citation key '" + key + "'");
  }

  std::string Choice(YamlReader& y, const YAML::Node& map, const char* key,
                     const std::vector<std::string>& allowed, bool required) {
    auto v = y.Text(map, key, required);
    if (!v) return "";
    if (std::find(allowed.begin(), allowed.end(), *v) == allowed.end()) {
      diags_.Error(y.At(map[key]), "field '" + std::string(key) + "' must be " + Quoted(allowed) +
                                       ", not '" + *v + "'");
      return "";
    }
    return *v;
  }

  Outcome LoadOutcome(YamlReader& y, const YAML::Node& o, const std::string& rel_path) {
    Outcome out;
    out.location = y.At(o);
    if (!y.CheckMap(o, kOutcomeKeys, "an outcome")) return out;
    out.id = y.Text(o, "id", true).value_or("");
    out.name = y.Text(o, "name", true).value_or("");
    out.kind = Choice(y, o, "kind", {"benefit", "harm"}, true);
    out.type = Choice(y, o, "type", {"dichotomous", "continuous"}, true);
    out.better = Choice(y, o, "better", {"lower", "higher"}, true);
    out.unit = y.Text(o, "unit", true).value_or("");
    out.timeframe = y.Text(o, "timeframe", false).value_or("");
    out.note = y.Text(o, "note", false).value_or("");
    out.main = y.Bool(o, "main").value_or(false);
    out.no_studies = y.Bool(o, "no_studies").value_or(false);
    if (o["words"] && y.CheckMap(o["words"], {"less", "more"}, "words")) {
      out.less_word = y.Text(o["words"], "less", true).value_or(out.less_word);
      out.more_word = y.Text(o["words"], "more", true).value_or(out.more_word);
    }
    if (auto mid = y.Number(o, "mid")) {
      if (*mid <= 0) diags_.Error(y.At(o["mid"]), "field 'mid' must be greater than 0");
      out.mid = *mid;
    } else if (!o["mid"]) {
      diags_.Error(out.location, "missing required field 'mid' (the minimal important difference)");
    }
    if (o["sizes"] && y.CheckMap(o["sizes"], {"small", "moderate", "large"}, "sizes")) {
      out.size_small = y.Number(o["sizes"], "small");
      out.size_moderate = y.Number(o["sizes"], "moderate");
      out.size_large = y.Number(o["sizes"], "large");
    }
    if (o["comparator"]) {
      const YAML::Node c = o["comparator"];
      if (y.CheckMap(c, {"risk", "mean", "source", "unknown"}, "comparator")) {
        // An honest gap: the trials published no comparator result. Said
        // with a reason, it replaces the warning below.
        if (c["unknown"]) {
          out.comparator_unknown = y.Text(c, "unknown", true).value_or("");
          if (out.comparator_unknown.empty()) {
            diags_.Error(y.At(c["unknown"]), "comparator 'unknown' needs a reason");
          }
          if (c["risk"] || c["mean"]) {
            diags_.Error(y.At(c), "a comparator is either 'unknown' or has a 'risk' or 'mean'");
          }
        } else if (out.type == "dichotomous") {
          out.comparator_risk = y.Number(c, "risk");
          if (!out.comparator_risk) {
            diags_.Error(
                y.At(c),
                "a dichotomous outcome's comparator needs 'risk' (per 1, between 0 and 1)");
          } else if (*out.comparator_risk <= 0 || *out.comparator_risk >= 1) {
            diags_.Error(y.At(c["risk"]),
                         "comparator 'risk' must be between 0 and 1 (per 1, not per 1,000)");
            out.comparator_risk.reset();
          }
        } else if (out.type == "continuous") {
          out.comparator_mean = y.Number(c, "mean");
          if (!out.comparator_mean)
            diags_.Error(y.At(c), "a continuous outcome's comparator needs 'mean'");
        }
        if (!c["unknown"]) out.comparator_source = y.Text(c, "source", true).value_or("");
      }
    } else if (!out.no_studies) {
      diags_.Warning(
          out.location,
          "outcome '" + out.id + "' has no 'comparator': only the relative effect can be shown");
    }
    out.measure = Choice(y, o, "measure", {"RR", "OR", "RD", "MD", "SMD", "ROM", "GEN"}, false);
    if (auto m = y.Text(o, "method", false)) out.method = *m;
    if (auto t = y.Text(o, "test", false)) out.test = *t;

    const bool has_data = static_cast<bool>(o["data"]);
    const bool has_pub = static_cast<bool>(o["published"]);
    if (has_data && has_pub) {
      diags_.Error(out.location,
                   "outcome '" + out.id + "' gives both 'data' and 'published': choose one");
    } else if (!has_data && !has_pub && !out.no_studies) {
      diags_.Error(out.location,
                   "outcome '" + out.id +
                       "' needs 'data' (study rows) or 'published' (a review's result), or "
                       "'no_studies: true'");
    }
    if (has_pub) LoadPublished(y, o["published"], out);
    if (has_data) {
      if (auto data = y.Text(o, "data", true)) LoadStudies(*data, y.At(o["data"]), rel_path, out);
    }
    LoadJudgements(y, o, out);
    return out;
  }

  void LoadPublished(YamlReader& y, const YAML::Node& p, Outcome& out) {
    if (!y.CheckMap(p, kPublishedKeys, "published")) return;
    PublishedPooledResult r;
    r.location = y.At(p);
    r.measure = Choice(y, p, "measure", {"RR", "OR", "RD", "MD", "SMD", "ROM"}, true);
    auto est = y.Number(p, "estimate");
    if (!est && !p["estimate"]) diags_.Error(r.location, "missing required field 'estimate'");
    r.estimate = est.value_or(0);
    const YAML::Node ci = p["ci"];
    if (!ci || !ci.IsSequence() || ci.size() != 2) {
      diags_.Error(ci ? y.At(ci) : r.location, "'ci' must be [lower, upper]");
    } else {
      try {
        r.ci_lb = ci[0].as<double>();
        r.ci_ub = ci[1].as<double>();
        if (r.ci_lb > r.ci_ub) {
          diags_.Error(y.At(ci), "'ci' lower bound is above the upper bound");
        } else if (est && (r.estimate < r.ci_lb || r.estimate > r.ci_ub)) {
          diags_.Error(y.At(ci), "'ci' does not contain the estimate");
        }
      } catch (const YAML::Exception&) {
        diags_.Error(y.At(ci), "'ci' must hold two numbers");
      }
    }
    const bool ratio = r.measure == "RR" || r.measure == "OR" || r.measure == "ROM";
    if (ratio && (r.estimate <= 0 || r.ci_lb <= 0)) {
      diags_.Error(r.location,
                   "a " + r.measure + " and its CI must be above 0 (give the ratio, not its log)");
    }
    auto k = y.Integer(p, "k");
    if (!k && !p["k"]) diags_.Error(r.location, "missing required field 'k'");
    r.k = k.value_or(0);
    auto n = y.Integer(p, "participants");
    if (!n && !p["participants"]) diags_.Error(r.location, "missing required field 'participants'");
    r.participants = n.value_or(0);
    r.events = y.Integer(p, "events");
    r.i2 = y.Number(p, "i2");
    if (p["design"]) r.design = Choice(y, p, "design", {"randomised", "observational"}, false);
    if (p["certainty"])
      r.certainty = Choice(y, p, "certainty", {"high", "moderate", "low", "very_low"}, false);
    if (auto c = y.Text(p, "citation", true)) {
      CheckKey(*c, y.At(p["citation"]));
      r.citation = *c;
    }
    out.published = r;
  }

  void LoadJudgements(YamlReader& y, const YAML::Node& o, Outcome& out) {
    const YAML::Node js = o["judgements"];
    if (!js) return;
    if (!y.CheckMap(js, kDomains, "judgements")) return;
    for (const std::string& domain : kDomains) {
      const YAML::Node j = js[domain];
      if (!j) continue;
      if (!y.CheckMap(j, {"downgrade", "reason", "override"}, "a judgement")) continue;
      Judgement jd;
      jd.location = y.At(j);
      auto dg = y.Integer(j, "downgrade");
      if (!dg && !j["downgrade"])
        diags_.Error(jd.location, "judgement '" + domain + "' needs 'downgrade' (0, 1 or 2)");
      if (dg && *dg > 2) diags_.Error(y.At(j["downgrade"]), "'downgrade' must be 0, 1 or 2");
      jd.downgrade = std::min(dg.value_or(0), 2);
      jd.reason = y.Text(j, "reason", true).value_or("");
      jd.overrides = y.Bool(j, "override").value_or(false);
      if (kComputedDomains.count(domain) && !jd.overrides) {
        diags_.Error(jd.location,
                     "'" + domain +
                         "' is computed from the numbers: to replace the proposal, add 'override: "
                         "true' with the reason");
      }
      out.judgements[domain] = jd;
    }
  }

  void LoadStudies(const std::string& data, const Location& where, const std::string& rel_path,
                   Outcome& out) {
    std::string rel = JoinPath(Dir(rel_path), data);
    std::string path = JoinPath(root_, rel);
    out.data_path = rel;
    auto text = fs_.ReadFile(path, kMaxStudyCsvBytes);
    if (!text) {
      diags_.Error(where, "cannot read study rows '" + data + "': " + text.error().message);
      return;
    }
    Diagnostics csv_diags;
    evidence::StudyTable table = evidence::ReadStudyCsv(*text, path, csv_diags);
    diags_.Append(csv_diags);
    if (csv_diags.has_errors()) return;
    for (const char* col : {"study", "citation", "design"}) {
      if (!table.ColumnIndex(col)) {
        diags_.Error({path, 1, 1}, "study rows need a '" + std::string(col) + "' column");
      }
    }
    // Keep only this outcome's rows when the CSV serves several outcomes.
    auto outcome_col = table.ColumnIndex("outcome");
    if (outcome_col) {
      std::vector<evidence::StudyTable::Row> kept;
      for (auto& row : table.rows) {
        if (row.cells[*outcome_col] == out.id) kept.push_back(row);
      }
      table.rows = std::move(kept);
    }
    if (table.rows.empty()) {
      diags_.Error(where, "study rows '" + data + "' hold no row" +
                              (outcome_col ? " for outcome '" + out.id + "'" : std::string()));
      return;
    }
    auto design_col = table.ColumnIndex("design");
    auto citation_col = table.ColumnIndex("citation");
    for (size_t i = 0; i < table.rows.size(); ++i) {
      if (design_col && !kDesigns.count(table.rows[i].cells[*design_col])) {
        diags_.Error(table.CellLocation(i, *design_col),
                     "design must be parallel, crossover, paired, cluster or observational, not '" +
                         table.rows[i].cells[*design_col] + "'");
      }
      if (citation_col)
        CheckKey(table.rows[i].cells[*citation_col], table.CellLocation(i, *citation_col));
    }
    // The engine's own checks give every bad cell its row and column (and the
    // crossover warnings), so `check` reports what weigh would stumble on.
    evidence::EffectSizeOptions es;
    if (!out.measure.empty()) es.measure = evidence::ParseMeasure(out.measure);
    evidence::ComputeEffectSizes(table, es, diags_);
    for (const auto& row : table.rows) {
      StudyRow sr;
      sr.line = row.line;
      for (size_t c = 0; c < table.columns.size() && c < row.cells.size(); ++c)
        sr.cells[table.columns[c]] = row.cells[c];
      out.studies.push_back(std::move(sr));
    }
  }

  const FileSystem& fs_;
  std::string root_;
  Diagnostics& diags_;
  std::set<std::string> keys_;
  std::string display_;
};

}  // namespace

void LoadEvidence(const FileSystem& fs, const std::string& root, Content& content,
                  Diagnostics& diags) {
  const std::string dir = JoinPath(root, "evidence");
  if (!fs.IsDir(dir)) return;
  auto names = fs.ListDir(dir);
  if (!names) {
    diags.Error({dir, 0, 0}, "cannot list evidence folder: " + names.error().message);
    return;
  }
  EvidenceFileLoader loader(fs, root, content, diags);
  for (const std::string& name : *names) {
    if (name.size() <= 5 || name.substr(name.size() - 5) != ".yaml") continue;
    std::string rel = "evidence/" + name;
    auto text = fs.ReadFile(JoinPath(root, rel), kMaxEvidenceYamlBytes);
    if (!text) {
      diags.Error({JoinPath(root, rel), 0, 0},
                  "cannot read evidence file: " + text.error().message);
      continue;
    }
    content.treatments.push_back(loader.Load(rel, name.substr(0, name.size() - 5), *text));
  }
}

}  // namespace evidoc::content
