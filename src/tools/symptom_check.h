// The symptom check: yes/no answers to a content-defined SymptomChecker give
// the most urgent matching advice (emergency / same day / see a doctor /
// self-care) and every reason that applies; and the verifier that proves, by
// enumerating every combination of answers, that the rules are safe.
//
// Pure functions: no I/O, no clock, no logging (nothing the reader answers is
// stored or written anywhere). Results borrow pointers into the checker.
// Thread-safe: no state.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "content/model.h"

namespace evidoc::tools {

struct SymptomCheckResult {
  content::Urgency urgency = content::Urgency::kSelfCare;
  std::string advice;  // the most urgent matching rule's advice, or the default advice
  // Every matching rule, most urgent first (content order among equals): the
  // reader sees all the reasons, not only the winning one.
  std::vector<const content::SymptomRule*> matched;
  bool used_default = true;  // no rule matched
  // Questions answered yes that are red flags, in question order.
  std::vector<const content::SymptomQuestion*> red_flags_answered;
};

// Evaluates the rules. `yes` holds the ids of the questions answered yes;
// anything else (no, unanswered, unknown ids) counts as no. A rule matches when
// every id in its all_of is in `yes`; the most urgent match wins, the first in
// content order among equally urgent ones. With no match the result is
// self-care with default_advice.
SymptomCheckResult CheckSymptoms(const content::SymptomChecker& checker,
                                 const std::set<std::string>& yes);

// The same with answers as a bit mask over checker.questions (bit i set:
// question i answered yes). REQUIRES: questions.size() <= 63.
SymptomCheckResult CheckSymptoms(const content::SymptomChecker& checker, std::uint64_t yes_mask);

// Up to this many questions, VerifySymptomChecker enumerates all 2^n answer
// combinations (2^20 = 1,048,576 evaluations: well under a second). Above it,
// it checks each red-flag question answered yes alone, which is sound because
// rules are conjunctions of "yes" answers: answering more questions yes can
// only add matching rules, so the result can only get more urgent. The single
// red-flag answer is therefore the least urgent case containing it.
inline constexpr std::size_t kMaxExhaustiveQuestions = 20;

struct SymptomVerification {
  std::uint64_t combinations_checked = 0;  // 2^n, or the number of single checks
  bool exhaustive = false;                 // every combination was enumerated
  Diagnostics problems;                    // errors located at the checker / rule / question
};

// Proves, for every combination of answers, that the result is defined (a
// known urgency and non-empty advice) and that no combination with any
// red-flag question answered yes ends in self-care. Also reports rules that
// name unknown questions and duplicate question ids. A checker passes when
// `problems` has no errors. Used by tests and by `evidoc check`.
SymptomVerification VerifySymptomChecker(const content::SymptomChecker& checker);

// "Emergency: call 999 or 112", ... short labels for the four urgencies,
// and a stable code ("emergency", "same_day", "see_doctor", "self_care").
std::string_view UrgencyLabel(content::Urgency u);
std::string_view UrgencyCode(content::Urgency u);

}  // namespace evidoc::tools
