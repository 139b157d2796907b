#include "tools/decision_aid.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace evidoc::tools {
namespace {

const knowledge::TreatmentResult* FindResult(const knowledge::Knowledge& k, const std::string& id) {
  // Linear: a condition has a handful of treatments; keeps tools independent
  // of the knowledge library's lookup helpers.
  for (const auto& t : k.treatments) {
    if (t.treatment && t.treatment->id == id) return &t;
  }
  return nullptr;
}

const content::Article* FindArticle(const content::Content& c, std::string_view slug) {
  for (const auto& a : c.articles) {
    if (a.slug == slug) return &a;
  }
  return nullptr;
}

// "9", "8.5", "-1.2": at most one decimal, no trailing ".0".
std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.ends_with(".0")) s.resize(s.size() - 2);
  if (s == "-0") s = "0";
  return s;
}

std::string PeopleText(int n) {
  return "about " + std::to_string(n) + " out of " + std::to_string(kDenominator) +
         (n == 1 ? " person" : " people");
}

std::string Timeframe(const content::Outcome* o) {
  if (!o || o->timeframe.empty()) return "over the time the studies lasted";
  return "over " + o->timeframe;
}

DecisionRow Row(const knowledge::OutcomeResult& r) {
  DecisionRow row;
  const content::Outcome* o = r.outcome;
  row.outcome_id = o ? o->id : "";
  row.outcome_name = r.name;
  row.kind = r.kind;
  row.timeframe = Timeframe(o);
  row.unit = o ? o->unit : "";
  row.main = o && o->main;
  row.certainty = r.certainty;
  row.statement = r.statement;
  if (!r.absolute) {
    row.without.dichotomous = row.with.dichotomous = !(o && o->type == "continuous");
    row.without.text = row.with.text = "not known";
    return row;
  }
  const knowledge::AbsoluteEffect& a = *r.absolute;
  row.difference = a.text;
  row.without.dichotomous = row.with.dichotomous = a.dichotomous;
  if (a.dichotomous) {
    const IconCounts counts = IconCountsPer100(a.comparator, a.intervention);
    const int without = counts.without, with = counts.with;
    row.without.per_100 = without;
    row.with.per_100 = with;
    row.without.text = PeopleText(without);
    row.with.text = PeopleText(with);
    row.difference_per_100 = Per1000ToPer100(a.difference);
    row.difference_per_100_lb = Per1000ToPer100(a.difference_lb);
    row.difference_per_100_ub = Per1000ToPer100(a.difference_ub);
  } else {
    row.without.value = a.comparator;
    row.with.value = a.intervention;
    std::string unit = row.unit.empty() ? "" : " " + row.unit;
    row.without.text = "about " + Number(a.comparator) + unit;
    row.with.text = "about " + Number(a.intervention) + unit;
  }
  return row;
}

std::vector<std::string> ValuesQuestions(const DecisionAid& aid) {
  std::vector<std::string> q;
  auto add = [&q](std::string s) {
    if (std::find(q.begin(), q.end(), s) == q.end()) q.push_back(std::move(s));
  };
  // One question per main outcome, benefits first, then harms: these are
  // what the options trade against each other.
  for (const char* kind : {"benefit", "harm"}) {
    for (const auto& opt : aid.options) {
      for (const auto& row : opt.rows) {
        if (!row.main || row.kind != kind) continue;
        if (row.kind == "benefit") {
          add("How much does a change in " + row.outcome_name + " matter to you?");
        } else {
          add("How much would a risk of " + row.outcome_name + " worry you?");
        }
        if (q.size() >= 4) break;
      }
    }
  }
  add("How do you feel about taking something every day, perhaps for a long time?");
  add("How sure do you want to be that a treatment works before you try it?");
  add("Do cost and the time a treatment takes matter to you?");
  return q;
}

}  // namespace

int Per1000ToPer100(double per_1000) { return static_cast<int>(std::lround(per_1000 / 10.0)); }

IconCounts IconCountsPer100(double comparator_per_1000, double intervention_per_1000) {
  IconCounts counts;
  counts.without = std::clamp(Per1000ToPer100(comparator_per_1000), 0, 100);
  counts.with = std::clamp(
      counts.without + Per1000ToPer100(intervention_per_1000 - comparator_per_1000), 0, 100);
  return counts;
}

std::vector<std::string> DecisionAidConditions(const knowledge::Knowledge& knowledge) {
  std::vector<std::string> out;
  if (!knowledge.content) return out;
  for (const auto& a : knowledge.content->articles) {
    bool any = std::any_of(a.treatments.begin(), a.treatments.end(),
                           [&](const std::string& id) { return FindResult(knowledge, id); });
    if (any) out.push_back(a.slug);
  }
  return out;
}

std::optional<DecisionAid> BuildDecisionAid(const knowledge::Knowledge& knowledge,
                                            std::string_view condition) {
  if (!knowledge.content) return std::nullopt;
  const content::Article* article = FindArticle(*knowledge.content, condition);
  if (!article) return std::nullopt;

  DecisionAid aid;
  aid.condition = article->slug;
  aid.condition_title = article->title;

  DecisionOption nothing;
  nothing.id = std::string(kDoingNothingId);
  nothing.name = "Doing nothing";
  nothing.doing_nothing = true;
  nothing.how_taken = "Nothing to take or do. You can change your mind later.";
  nothing.side_effects = "No side effects from a treatment.";
  nothing.cost = "Free.";
  aid.options.push_back(std::move(nothing));

  std::vector<std::string> comparisons;
  for (const auto& id : article->treatments) {
    const knowledge::TreatmentResult* r = FindResult(knowledge, id);
    if (!r) continue;
    const content::Treatment& t = *r->treatment;
    DecisionOption opt;
    opt.id = t.id;
    opt.name = t.name;
    opt.result = r;
    opt.comparison = t.comparison;
    opt.how_taken = t.how_taken;
    opt.side_effects = t.side_effects_summary;
    opt.cost = t.cost;
    for (const auto& o : r->outcomes) opt.rows.push_back(Row(o));
    // Benefits before harms, main outcomes first within each (stable keeps
    // the evidence file's order otherwise).
    std::stable_sort(opt.rows.begin(), opt.rows.end(), [](const auto& a, const auto& b) {
      if ((a.kind == "benefit") != (b.kind == "benefit")) return a.kind == "benefit";
      return a.main && !b.main;
    });
    if (!t.comparison.empty() &&
        std::find(comparisons.begin(), comparisons.end(), t.comparison) == comparisons.end()) {
      comparisons.push_back(t.comparison);
    }
    aid.options.push_back(std::move(opt));
  }
  if (aid.options.size() == 1) return std::nullopt;

  // Two options with one name ("Magnesium" for older adults and in
  // pregnancy) must be told apart wherever they are listed.
  for (auto& opt : aid.options) {
    if (opt.doing_nothing) continue;
    int same = 0;
    for (const auto& other : aid.options)
      same += other.result && other.result->treatment->name == opt.result->treatment->name;
    if (same > 1) {
      const auto& pop = opt.result->treatment->population;
      opt.name += " (" + (pop.empty() ? opt.id : "for " + pop) + ")";
    }
  }

  // What "doing nothing" was in the trials, said plainly so the reader knows
  // where its numbers come from.
  std::string what;
  for (std::size_t i = 0; i < comparisons.size(); ++i) {
    if (i) what += i + 1 == comparisons.size() ? " or " : ", ";
    what += comparisons[i];
  }
  aid.options.front().comparison = what;
  aid.values_questions = ValuesQuestions(aid);
  return aid;
}

DecisionAid SelectOptions(const DecisionAid& aid, const std::set<std::string>& chosen) {
  DecisionAid out = aid;
  std::erase_if(out.options, [&](const DecisionOption& o) { return !chosen.count(o.id); });
  if (out.options.empty()) return aid;
  return out;
}

}  // namespace evidoc::tools
