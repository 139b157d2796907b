#include "knowledge/knowledge.h"

#include <cmath>
#include <set>

#include "evidence/effect_size.h"
#include "evidence/forest_plot.h"
#include "evidence/meta_analysis.h"
#include "evidence/study_table.h"
#include "knowledge/category.h"
#include "knowledge/effects.h"
#include "knowledge/grade.h"

namespace evidoc::knowledge {
namespace {

// A relative effect read from study rows or a published review, on the
// analysis scale (log for ratio measures) for the GRADE rules.
struct Pooled {
  std::string measure;
  bool ratio = false;
  double est = 0, lb = 0, ub = 0;  // analysis scale
  std::optional<double> i2, tau, pi_lb, pi_ub;
  std::optional<double> egger_p;
  int trimfill_k0 = 0;
  bool filled_excludes_null = false;
  int k = 0;
  int participants = 0;
  std::optional<int> events;
  std::optional<double> control_risk;  // pooled control-arm risk from 2x2 rows
};

double Cell(const content::StudyRow& row, const std::string& col) {
  auto it = row.cells.find(col);
  if (it == row.cells.end() || it->second.empty()) return 0;
  char* end = nullptr;
  double v = std::strtod(it->second.c_str(), &end);
  return std::isfinite(v) ? v : 0;
}

bool HasColumn(const content::Outcome& o, const std::string& col) {
  return !o.studies.empty() && o.studies.front().cells.count(col) > 0;
}

// Pools the study rows with the evidence engine. nullopt (with warnings) when
// the rows cannot be pooled; the loader normally reports those as errors.
std::optional<Pooled> PoolRows(const content::Outcome& o, OutcomeResult& r, Diagnostics& diags) {
  std::vector<std::pair<int, std::map<std::string, std::string>>> rows;
  for (const content::StudyRow& row : o.studies) rows.emplace_back(row.line, row.cells);
  evidence::StudyTable table = evidence::TableFromCellMaps(o.data_path, rows);
  evidence::EffectSizeOptions es;
  if (!o.measure.empty()) es.measure = evidence::ParseMeasure(o.measure);
  Diagnostics local;
  auto data = evidence::ComputeEffectSizes(table, es, local);
  if (!data) {
    diags.Warning(o.location, "outcome '" + o.id + "': the study rows could not be pooled");
    return std::nullopt;
  }
  evidence::PoolingOptions po;
  if (auto m = evidence::ParseMethod(o.method)) po.method = *m;
  if (auto t = evidence::ParseTest(o.test)) po.test = *t;
  auto res = evidence::Pool(*data, po, local);
  if (!res) {
    diags.Warning(o.location, "outcome '" + o.id + "': the study rows could not be pooled");
    return std::nullopt;
  }
  Pooled p;
  p.measure = std::string(evidence::MeasureName(res->measure));
  p.ratio = evidence::IsRatioMeasure(res->measure);
  p.est = res->estimate;
  p.lb = res->ci_lb;
  p.ub = res->ci_ub;
  p.k = res->k;
  if (res->k >= 2) {
    p.i2 = res->i2;
    p.tau = res->tau;
    p.pi_lb = res->pi_lb;
    p.pi_ub = res->pi_ub;
  }
  if (res->egger) p.egger_p = res->egger->pval;
  if (res->trimfill) {
    p.trimfill_k0 = res->trimfill->k0;
    p.filled_excludes_null = res->trimfill->ci_lb > 0 || res->trimfill->ci_ub < 0;
  }
  double events = 0, control_events = 0, control_n = 0;
  bool two_by_two = HasColumn(o, "ai");
  for (const content::StudyRow& row : o.studies) {
    if (HasColumn(o, "n1i") && HasColumn(o, "n2i")) {
      p.participants += static_cast<int>(Cell(row, "n1i") + Cell(row, "n2i"));
    } else if (HasColumn(o, "bi") && HasColumn(o, "di")) {
      p.participants +=
          static_cast<int>(Cell(row, "ai") + Cell(row, "bi") + Cell(row, "ci") + Cell(row, "di"));
    } else if (HasColumn(o, "ni")) {
      p.participants += static_cast<int>(Cell(row, "ni"));
    }
    if (two_by_two) {
      events += Cell(row, "ai") + Cell(row, "ci");
      control_events += Cell(row, "ci");
      control_n += HasColumn(o, "n2i") ? Cell(row, "n2i") : Cell(row, "ci") + Cell(row, "di");
    }
    auto c = row.cells.find("citation");
    if (c != row.cells.end() && !c->second.empty()) r.study_citations.push_back(c->second);
  }
  if (two_by_two) {
    p.events = static_cast<int>(events);
    if (control_n > 0) p.control_risk = control_events / control_n;
  }
  r.analysis = std::move(*res);
  // Warnings from effect sizes (crossover rows) are worth showing in weigh's
  // diagnostics too, at the CSV row.
  for (const Diagnostic& d : local.items()) {
    if (d.severity != Severity::kError) diags.Add(d);
  }
  return p;
}

Pooled FromPublished(const content::PublishedPooledResult& pub, OutcomeResult& r) {
  Pooled p;
  p.measure = pub.measure;
  auto m = evidence::ParseMeasure(pub.measure);
  p.ratio = m && evidence::IsRatioMeasure(*m);
  auto scale = [&](double v) { return p.ratio ? std::log(v) : v; };
  p.est = scale(pub.estimate);
  p.lb = scale(pub.ci_lb);
  p.ub = scale(pub.ci_ub);
  p.k = pub.k;
  p.participants = pub.participants;
  p.events = pub.events;
  p.i2 = pub.i2;
  if (!pub.citation.empty()) r.study_citations.push_back(pub.citation);
  return p;
}

OutcomeResult WeighOutcome(const content::Treatment& t, const content::Outcome& o,
                           Diagnostics& diags) {
  OutcomeResult r;
  r.outcome = &o;
  r.name = o.name;
  r.kind = o.kind;
  if (o.no_studies || (o.studies.empty() && !o.published)) {
    r.source = "none";
    r.certainty = Certainty::kVeryLow;
    r.statement = NoStudiesStatement(o.name);
    return r;
  }
  std::optional<Pooled> pooled;
  if (o.published) {
    r.source = "review";
    pooled = FromPublished(*o.published, r);
    r.randomised = o.published->design != "observational";
  } else {
    r.source = "studies";
    pooled = PoolRows(o, r, diags);
    std::set<std::string> designs;
    for (const content::StudyRow& row : o.studies) {
      auto d = row.cells.find("design");
      if (d != row.cells.end()) designs.insert(d->second);
    }
    r.randomised = !designs.count("observational");
    if (designs.count("observational") && designs.size() > 1) {
      diags.Warning(o.location,
                    "outcome '" + o.id +
                        "' mixes randomised and observational studies: certainty starts at low; "
                        "consider separate outcomes");
    }
  }
  if (!pooled) {
    r.source = "none";
    r.statement = NoStudiesStatement(o.name);
    return r;
  }
  const Pooled& p = *pooled;
  if (r.analysis) {
    // Lower values sit on the left of the axis: which side favours the
    // treatment depends on the outcome's better direction.
    evidence::ForestOptions fo;
    fo.title = t.name + ": " + o.name;
    fo.id = "forest-" + t.id + "-" + o.id;
    const std::string favours_t = "Favours " + t.name, favours_c = "Favours " + t.comparison;
    fo.favours_left = o.better == "higher" ? favours_c : favours_t;
    fo.favours_right = o.better == "higher" ? favours_t : favours_c;
    r.forest_svg = evidence::RenderForestSvg(*r.analysis, fo);
  }
  r.k = p.k;
  r.participants = p.participants;
  auto natural = [&](double v) { return p.ratio ? std::exp(v) : v; };
  r.relative = RelativeEffect{p.measure, natural(p.est), natural(p.lb), natural(p.ub)};

  const bool dichotomous = o.type == "dichotomous";
  const bool higher_better = o.better == "higher";
  // The absolute (difference) scale on which the MID applies; "no effect" = 0.
  double d_est = p.est, d_lb = p.lb, d_ub = p.ub;
  double tau_mid = o.mid;
  std::string unit = o.unit;
  bool absolute_scale = true;
  if (dichotomous) {
    std::optional<double> p0 = o.comparator_risk;
    if (!p0 && p.control_risk && *p.control_risk > 0 && *p.control_risk < 1) p0 = p.control_risk;
    if (p0 && (p.measure == "RR" || p.measure == "OR" || p.measure == "RD")) {
      AbsoluteEffect a = AbsoluteDichotomous({.measure = p.measure,
                                              .estimate = r.relative->estimate,
                                              .ci_lb = r.relative->ci_lb,
                                              .ci_ub = r.relative->ci_ub,
                                              .comparator_risk = *p0,
                                              .higher_is_better = higher_better,
                                              .unit = o.unit.empty() ? "people" : o.unit});
      if (!o.comparator_risk) {
        diags.Warning(
            o.location,
            "outcome '" + o.id +
                "' has no comparator risk: absolute effects use the control groups' risk (" +
                FormatNumber(*p0 * 1000) + " per 1,000)");
      }
      d_est = a.difference / 1000;
      d_lb = a.difference_lb / 1000;
      d_ub = a.difference_ub / 1000;
      if (p.ratio) tau_mid = std::fabs(std::log((*p0 + o.mid) / *p0));
      r.absolute = a;
    } else {
      // Relative effect only: GRADE's default thresholds for appreciable
      // benefit or harm, a relative change of 25% (docs/grade.md).
      absolute_scale = false;
      tau_mid = std::log(1.25);
      unit = "on the log scale";
    }
  } else {
    double md = p.est, lb = p.lb, ub = p.ub;
    if (p.ratio && o.comparator_mean) {  // ROM: a ratio of means becomes a difference
      md = *o.comparator_mean * (std::exp(p.est) - 1);
      lb = *o.comparator_mean * (std::exp(p.lb) - 1);
      ub = *o.comparator_mean * (std::exp(p.ub) - 1);
      tau_mid = std::fabs(std::log((*o.comparator_mean + o.mid) / *o.comparator_mean));
    }
    d_est = md;
    d_lb = lb;
    d_ub = ub;
    if (o.comparator_mean) {
      r.absolute = AbsoluteContinuous({.md = md,
                                       .ci_lb = lb,
                                       .ci_ub = ub,
                                       .comparator_mean = *o.comparator_mean,
                                       .higher_is_better = higher_better,
                                       .unit = o.unit,
                                       .less_word = o.less_word,
                                       .more_word = o.more_word});
    }
  }
  r.direction = d_est > 0 ? 1 : (d_est < 0 ? -1 : 0);

  // GRADE domains, in GRADE's order.
  auto judgement = [&](const char* name) -> const content::Judgement* {
    auto it = o.judgements.find(name);
    return it == o.judgements.end() ? nullptr : &it->second;
  };
  r.domains.push_back(ReviewerDomain(kRiskOfBias, judgement(kRiskOfBias)));
  r.domains.push_back(ApplyOverride(ProposeInconsistency({.k = p.k,
                                                          .i2 = p.i2,
                                                          .tau = p.tau,
                                                          .tau_mid = tau_mid,
                                                          .pi_lb = p.pi_lb,
                                                          .pi_ub = p.pi_ub,
                                                          .ci_lb = p.lb,
                                                          .ci_ub = p.ub}),
                                    judgement(kInconsistency)));
  r.domains.push_back(ReviewerDomain(kIndirectness, judgement(kIndirectness)));
  double mid = absolute_scale ? o.mid : std::log(1.25);
  r.domains.push_back(
      ApplyOverride(ProposeImprecision({.dichotomous = dichotomous && absolute_scale,
                                        .estimate = d_est,
                                        .ci_lb = d_lb,
                                        .ci_ub = d_ub,
                                        .mid = mid,
                                        .participants = p.participants,
                                        .events = p.events,
                                        .unit = dichotomous && absolute_scale ? "" : unit}),
                    judgement(kImprecision)));
  r.domains.push_back(
      ApplyOverride(ProposePublicationBias({.k = p.k,
                                            .egger_p = p.egger_p,
                                            .trimfill_k0 = p.trimfill_k0,
                                            .ci_excludes_null = p.lb > 0 || p.ub < 0,
                                            .filled_ci_excludes_null = p.filled_excludes_null}),
                    judgement(kPublicationBias)));
  for (const char* reviewer_only : {kRiskOfBias, kIndirectness}) {
    if (!judgement(reviewer_only)) {
      diags.Warning(o.location,
                    "outcome '" + o.id + "': " + reviewer_only + " not judged by the reviewer");
    }
  }
  r.certainty = CombineCertainty(r.randomised, r.domains);
  if (o.published && !o.published->certainty.empty()) {
    auto theirs = ParseCertainty(o.published->certainty);
    if (theirs && *theirs != r.certainty) {
      diags.Warning(o.published->location, "outcome '" + o.id + "': certainty computed as " +
                                               std::string(CertaintyCode(r.certainty)) +
                                               ", but the review rated it " +
                                               std::string(CertaintyCode(*theirs)) +
                                               ": add the review's judgements with reasons");
    }
  }

  // Size and statement.
  SizeThresholds th = ThresholdsFor(o);
  if (!absolute_scale) th = {std::log(1.25), std::log(1.5), std::log(2.0)};
  r.size = ClassifySize(d_est, th);
  bool important_not_excluded = r.size == "trivial" && (d_lb <= -th.small || d_ub >= th.small);
  r.statement = Statement({.certainty = r.certainty,
                           .size = r.size,
                           .direction = r.direction,
                           .subject = t.name,
                           .outcome = o.name,
                           .important_not_excluded = important_not_excluded});
  return r;
}

}  // namespace

const TreatmentResult* Knowledge::FindTreatment(const std::string& id) const {
  for (const TreatmentResult& t : treatments) {
    if (t.treatment && t.treatment->id == id) return &t;
  }
  return nullptr;
}

std::string_view CategoryCode(Category c) {
  switch (c) {
    case Category::kWork:
      return "treatments-that-work";
    case Category::kLikelyToWork:
      return "treatments-that-are-likely-to-work";
    case Category::kTradeOff:
      return "treatments-that-work-but-whose-harms-may-outweigh-benefits";
    case Category::kNeedFurtherStudy:
      return "treatments-that-need-further-study";
    case Category::kUnlikelyToWork:
      return "treatments-that-are-unlikely-to-work";
    case Category::kIneffectiveOrHarmful:
      return "treatments-that-are-likely-to-be-ineffective-or-harmful";
  }
  return "treatments-that-need-further-study";
}

std::string_view CategoryLabel(Category c) {
  switch (c) {
    case Category::kWork:
      return "Treatments that work";
    case Category::kLikelyToWork:
      return "Treatments that are likely to work";
    case Category::kTradeOff:
      return "Treatments that work, but whose harms may outweigh benefits";
    case Category::kNeedFurtherStudy:
      return "Treatments that need further study";
    case Category::kUnlikelyToWork:
      return "Treatments that are unlikely to work";
    case Category::kIneffectiveOrHarmful:
      return "Treatments that are likely to be ineffective or harmful";
  }
  return "Treatments that need further study";
}

std::string_view CertaintyCode(Certainty c) {
  switch (c) {
    case Certainty::kHigh:
      return "high";
    case Certainty::kModerate:
      return "moderate";
    case Certainty::kLow:
      return "low";
    case Certainty::kVeryLow:
      return "very_low";
  }
  return "very_low";
}

std::shared_ptr<const Knowledge> Weigh(std::shared_ptr<const content::Content> content) {
  auto k = std::make_shared<Knowledge>();
  k->content = content;
  if (!content) return k;
  for (const content::Treatment& t : content->treatments) {
    TreatmentResult tr;
    tr.treatment = &t;
    for (const content::Outcome& o : t.outcomes)
      tr.outcomes.push_back(WeighOutcome(t, o, k->diagnostics));
    CategoryDecision d = ApplyCategoryOverride(DecideCategory(tr.outcomes), t.category_override,
                                               t.category_override_reason);
    tr.category = d.category;
    tr.category_reason = d.reason;
    tr.category_overridden = d.overridden;
    // The verdict for lists: the first main benefit's statement, else the first outcome's.
    for (const OutcomeResult& r : tr.outcomes) {
      if (r.outcome->main && r.kind == "benefit") {
        tr.verdict = r.statement;
        break;
      }
    }
    if (tr.verdict.empty() && !tr.outcomes.empty()) tr.verdict = tr.outcomes.front().statement;
    k->treatments.push_back(std::move(tr));
  }
  return k;
}

}  // namespace evidoc::knowledge
