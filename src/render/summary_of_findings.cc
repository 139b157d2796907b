#include "render/summary_of_findings.h"

#include <cmath>
#include <cstdio>

#include "knowledge/grade.h"
#include "render/json_writer.h"

namespace evidoc::render {
namespace {

using knowledge::Certainty;
using knowledge::FormatNumber;
using knowledge::OutcomeResult;

std::string Fixed2(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  return s == "-0.00" ? "0.00" : s;
}

// 1000 -> "1,000": per-1,000 values never exceed 1,000, so one comma suffices.
std::string PerThousand(double v) {
  long n = std::lround(v);
  if (n >= 1000)
    return std::to_string(n / 1000) + "," + std::string(3 - std::to_string(n % 1000).size(), '0') +
           std::to_string(n % 1000);
  return std::to_string(n);
}

std::string Unit(const OutcomeResult& r) {
  return r.outcome && !r.outcome->unit.empty() ? " " + r.outcome->unit : "";
}

std::string Change(double v, const OutcomeResult& r, bool dichotomous) {
  std::string less = dichotomous ? "fewer" : r.outcome->less_word;
  std::string more = dichotomous ? "more" : r.outcome->more_word;
  if (dichotomous) {
    long n = std::lround(v);
    if (n == 0) return "0 more";
    return PerThousand(std::fabs(static_cast<double>(n))) + (n < 0 ? " " + less : " " + more);
  }
  if (v == 0) return "0";
  return FormatNumber(std::fabs(v)) + (v < 0 ? " " + less : " " + more);
}

}  // namespace

std::string CertaintyLabel(Certainty c) {
  switch (c) {
    case Certainty::kHigh:
      return "High";
    case Certainty::kModerate:
      return "Moderate";
    case Certainty::kLow:
      return "Low";
    case Certainty::kVeryLow:
      return "Very low";
  }
  return "Very low";
}

std::string RelativeEffectText(const OutcomeResult& r) {
  if (!r.relative) return "";
  return r.relative->measure + " " + Fixed2(r.relative->estimate) + " (" +
         Fixed2(r.relative->ci_lb) + " to " + Fixed2(r.relative->ci_ub) + ")";
}

std::string ParticipantsText(const OutcomeResult& r) {
  if (r.source == "none") return "No studies";
  return std::to_string(r.participants) + " (" + std::to_string(r.k) +
         (r.k == 1 ? " study)" : " studies)");
}

std::string ComparatorText(const OutcomeResult& r) {
  if (!r.absolute) return "";
  if (r.absolute->dichotomous) return PerThousand(r.absolute->comparator) + " per 1,000";
  return FormatNumber(r.absolute->comparator) + Unit(r);
}

std::string InterventionText(const OutcomeResult& r) {
  if (!r.absolute) return "";
  const auto& a = *r.absolute;
  if (a.dichotomous) {
    return PerThousand(a.intervention) + " per 1,000 (" + PerThousand(a.intervention_lb) + " to " +
           PerThousand(a.intervention_ub) + ")";
  }
  return FormatNumber(a.intervention) + Unit(r) + " (" + FormatNumber(a.intervention_lb) + " to " +
         FormatNumber(a.intervention_ub) + ")";
}

std::string DifferenceText(const OutcomeResult& r) {
  if (!r.absolute || !r.outcome) return "";
  const auto& a = *r.absolute;
  if (a.dichotomous) {
    return Change(a.difference, r, true) + " per 1,000 (" + Change(a.difference_lb, r, true) +
           " to " + Change(a.difference_ub, r, true) + ")";
  }
  return Change(a.difference, r, false) + Unit(r) + " (" + Change(a.difference_lb, r, false) +
         " to " + Change(a.difference_ub, r, false) + ")";
}

std::string CertaintyText(const OutcomeResult& r) {
  if (r.source == "none") return "";
  std::string out = CertaintyLabel(r.certainty);
  std::string downs;
  for (const auto& d : r.domains) {
    if (d.downgrade == 0) continue;
    std::string name = d.domain;
    for (char& c : name) c = c == '_' ? ' ' : c;
    downs += (downs.empty() ? "" : ", ") + name + " -" + std::to_string(d.downgrade);
  }
  if (!r.randomised)
    downs = "observational studies" + std::string(downs.empty() ? "" : ", ") + downs;
  if (!downs.empty()) out += " (" + downs + ")";
  return out;
}

std::string SummaryOfFindingsJson(const knowledge::TreatmentResult& t) {
  JsonWriter w(2);
  w.BeginObject();
  w.Key("treatment").String(t.treatment->id);
  w.Key("name").String(t.treatment->name);
  w.Key("population").String(t.treatment->population);
  w.Key("comparison").String(t.treatment->comparison);
  w.Key("rows").BeginArray();
  for (const OutcomeResult& r : t.outcomes) {
    w.BeginObject();
    w.Key("outcome").String(r.name);
    w.Key("timeframe").String(r.outcome ? r.outcome->timeframe : "");
    w.Key("kind").String(r.kind);
    w.Key("participants").Int(r.participants);
    w.Key("studies").Int(r.k);
    w.Key("participants_text").String(ParticipantsText(r));
    w.Key("certainty")
        .String(r.source == "none" ? "" : std::string(knowledge::CertaintyCode(r.certainty)));
    w.Key("certainty_text").String(CertaintyText(r));
    w.Key("relative").String(RelativeEffectText(r));
    w.Key("risk_with_comparator").String(ComparatorText(r));
    w.Key("risk_with_intervention").String(InterventionText(r));
    w.Key("difference").String(DifferenceText(r));
    w.Key("statement").String(r.statement);
    w.Key("natural_frequency").String(r.absolute ? r.absolute->text : "");
    w.Key("source").String(r.source);
    w.Key("note").String(r.outcome ? r.outcome->note : "");
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

Html SummaryOfFindingsHtml(const knowledge::TreatmentResult& t) {
  HtmlWriter h;
  h.Open("table", {{"class", "sof"}});
  h.Element("caption", "Summary of findings: " + t.treatment->name + " compared with " +
                           t.treatment->comparison + " for " + t.treatment->population);
  h.Open("thead").Open("tr");
  for (const char* col :
       {"What was measured", "People (studies)", "Certainty of the evidence",
        "Relative effect (95% CI)", "Without ", "Difference (95% CI)", "What this means"}) {
    std::string text = col;
    if (text == "Without ")
      text += t.treatment->comparison.empty() ? "treatment" : t.treatment->comparison;
    h.Element("th", {{"scope", "col"}}, text);
  }
  h.Close("tr").Close("thead").Newline();
  h.Open("tbody");
  for (const OutcomeResult& r : t.outcomes) {
    h.Open("tr");
    std::string outcome = r.name;
    if (r.outcome && !r.outcome->timeframe.empty()) outcome += " (" + r.outcome->timeframe + ")";
    h.Element("th", {{"scope", "row"}}, outcome);
    h.Element("td", ParticipantsText(r));
    std::string cls = "certainty certainty-" + std::string(knowledge::CertaintyCode(r.certainty));
    h.Open("td").Element("span", {{"class", cls}}, CertaintyText(r)).Close("td");
    h.Element("td", RelativeEffectText(r));
    h.Element("td", ComparatorText(r));
    h.Element("td", DifferenceText(r));
    h.Open("td").Text(r.statement);
    if (r.absolute && !r.absolute->text.empty()) {
      h.Void("br").Element("span", {{"class", "natural-frequency"}}, r.absolute->text);
    }
    h.Close("td");
    h.Close("tr").Newline();
  }
  h.Close("tbody").Close("table");
  return h.Take();
}

}  // namespace evidoc::render
