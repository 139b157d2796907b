#include "tools/symptom_check.h"

#include <algorithm>
#include <map>

namespace evidoc::tools {
namespace {

using content::Urgency;

bool KnownUrgency(Urgency u) {
  switch (u) {
    case Urgency::kEmergency:
    case Urgency::kSameDay:
    case Urgency::kSeeDoctor:
    case Urgency::kSelfCare:
      return true;
  }
  return false;
}

bool NonBlank(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c != ' ' && c != '\n' && c != '\t'; });
}

// Rules as bit masks over the questions; a rule naming an unknown question can
// never match (the id cannot be answered yes).
struct CompiledRule {
  const content::SymptomRule* rule;
  std::uint64_t mask;
  bool satisfiable;
};

std::vector<CompiledRule> Compile(const content::SymptomChecker& checker) {
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < checker.questions.size() && i < 64; ++i) {
    index.emplace(checker.questions[i].id, i);
  }
  std::vector<CompiledRule> out;
  for (const auto& rule : checker.rules) {
    CompiledRule c{&rule, 0, true};
    for (const auto& id : rule.all_of) {
      auto it = index.find(id);
      if (it == index.end()) {
        c.satisfiable = false;
      } else {
        c.mask |= std::uint64_t{1} << it->second;
      }
    }
    out.push_back(c);
  }
  return out;
}

SymptomCheckResult Evaluate(const content::SymptomChecker& checker,
                            const std::vector<CompiledRule>& rules, std::uint64_t yes) {
  SymptomCheckResult r;
  for (const auto& c : rules) {
    if (c.satisfiable && (c.mask & yes) == c.mask) r.matched.push_back(c.rule);
  }
  // Urgency enum is ordered most urgent first; stable keeps content order.
  std::stable_sort(r.matched.begin(), r.matched.end(),
                   [](const auto* a, const auto* b) { return a->urgency < b->urgency; });
  if (r.matched.empty()) {
    r.urgency = Urgency::kSelfCare;
    r.advice = checker.default_advice;
    r.used_default = true;
  } else {
    r.urgency = r.matched.front()->urgency;
    r.advice = r.matched.front()->advice;
    r.used_default = false;
  }
  for (std::size_t i = 0; i < checker.questions.size() && i < 64; ++i) {
    if ((yes >> i & 1) && checker.questions[i].red_flag) {
      r.red_flags_answered.push_back(&checker.questions[i]);
    }
  }
  return r;
}

std::string Describe(const content::SymptomChecker& checker, std::uint64_t yes) {
  std::string s;
  for (std::size_t i = 0; i < checker.questions.size() && i < 64; ++i) {
    if (yes >> i & 1) {
      if (!s.empty()) s += ", ";
      s += checker.questions[i].id;
    }
  }
  return s.empty() ? "no question" : s;
}

}  // namespace

std::string_view UrgencyLabel(Urgency u) {
  switch (u) {
    case Urgency::kEmergency:
      return "Emergency: get help now";
    case Urgency::kSameDay:
      return "See a doctor today";
    case Urgency::kSeeDoctor:
      return "See a doctor soon";
    case Urgency::kSelfCare:
      return "You can look after this yourself";
  }
  return "See a doctor";
}

std::string_view UrgencyCode(Urgency u) {
  switch (u) {
    case Urgency::kEmergency:
      return "emergency";
    case Urgency::kSameDay:
      return "same_day";
    case Urgency::kSeeDoctor:
      return "see_doctor";
    case Urgency::kSelfCare:
      return "self_care";
  }
  return "see_doctor";
}

SymptomCheckResult CheckSymptoms(const content::SymptomChecker& checker, std::uint64_t yes_mask) {
  return Evaluate(checker, Compile(checker), yes_mask);
}

SymptomCheckResult CheckSymptoms(const content::SymptomChecker& checker,
                                 const std::set<std::string>& yes) {
  std::uint64_t mask = 0;
  for (std::size_t i = 0; i < checker.questions.size() && i < 64; ++i) {
    if (yes.count(checker.questions[i].id)) mask |= std::uint64_t{1} << i;
  }
  return Evaluate(checker, Compile(checker), mask);
}

SymptomVerification VerifySymptomChecker(const content::SymptomChecker& checker) {
  SymptomVerification v;
  const auto& qs = checker.questions;
  std::map<std::string, int> seen;
  for (const auto& q : qs) {
    if (++seen[q.id] == 2) {
      v.problems.Error(q.location, "symptom checker '" + checker.id + "': question id '" + q.id +
                                       "' is used more than once");
    }
  }
  if (qs.size() > 63) {
    v.problems.Error(checker.location, "symptom checker '" + checker.id + "' has " +
                                           std::to_string(qs.size()) +
                                           " questions; at most 63 are supported");
    return v;
  }
  for (const auto& rule : checker.rules) {
    for (const auto& id : rule.all_of) {
      if (!seen.count(id)) {
        v.problems.Error(rule.location, "symptom checker '" + checker.id + "': rule '" + rule.id +
                                            "' names unknown question '" + id + "'");
      }
    }
  }
  const auto rules = Compile(checker);

  // Reports the first failing combination for each property (one error per
  // property keeps `evidoc check` readable; fixing it reveals the next).
  bool undefined_reported = false, self_care_reported = false;
  std::uint64_t red_mask = 0;
  for (std::size_t i = 0; i < qs.size(); ++i) {
    if (qs[i].red_flag) red_mask |= std::uint64_t{1} << i;
  }
  auto check = [&](std::uint64_t yes) {
    ++v.combinations_checked;
    // Fast path without allocation (up to 2^20 calls): the winning rule is
    // the first most urgent match, exactly as Evaluate picks it.
    const CompiledRule* winner = nullptr;
    for (const auto& c : rules) {
      if (c.satisfiable && (c.mask & yes) == c.mask &&
          (!winner || c.rule->urgency < winner->rule->urgency)) {
        winner = &c;
      }
    }
    const std::string& advice = winner ? winner->rule->advice : checker.default_advice;
    const Urgency urgency = winner ? winner->rule->urgency : Urgency::kSelfCare;
    if (NonBlank(advice) && KnownUrgency(urgency) &&
        ((yes & red_mask) == 0 || urgency != Urgency::kSelfCare)) {
      return;
    }
    SymptomCheckResult r = Evaluate(checker, rules, yes);
    if (!undefined_reported && (!KnownUrgency(r.urgency) || !NonBlank(r.advice))) {
      undefined_reported = true;
      Location where = r.used_default ? checker.location : r.matched.front()->location;
      v.problems.Error(where, "symptom checker '" + checker.id + "': answering yes to " +
                                  Describe(checker, yes) + " gives no advice");
    }
    if (!self_care_reported && !r.red_flags_answered.empty() && r.urgency == Urgency::kSelfCare) {
      self_care_reported = true;
      const auto* q = r.red_flags_answered.front();
      v.problems.Error(q->location, "symptom checker '" + checker.id + "': answering yes to " +
                                        Describe(checker, yes) + " ends in self-care although '" +
                                        q->id + "' is a red flag");
    }
  };

  if (qs.size() <= kMaxExhaustiveQuestions) {
    v.exhaustive = true;
    const std::uint64_t n = std::uint64_t{1} << qs.size();
    for (std::uint64_t yes = 0; yes < n; ++yes) check(yes);
  } else {
    // Sound per-question check (see the header): all no, each question alone,
    // and everything yes (the most-matching case, for defined advice).
    check(0);
    for (std::size_t i = 0; i < qs.size(); ++i) check(std::uint64_t{1} << i);
    check((std::uint64_t{1} << qs.size()) - 1);
    // Defined advice for every combination: every rule's advice and the
    // default must be non-blank, since each can be the winner.
    for (const auto& rule : checker.rules) {
      if (!NonBlank(rule.advice)) {
        v.problems.Error(rule.location, "symptom checker '" + checker.id + "': rule '" + rule.id +
                                            "' has no advice");
      }
    }
    if (!NonBlank(checker.default_advice)) {
      v.problems.Error(checker.location,
                       "symptom checker '" + checker.id + "' has no default advice");
    }
  }
  return v;
}

}  // namespace evidoc::tools
