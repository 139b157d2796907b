#include "knowledge/category.h"

#include <array>
#include <cctype>

namespace evidoc::knowledge {
namespace {

int Rank(Certainty c) {  // higher is more certain
  switch (c) {
    case Certainty::kHigh:
      return 4;
    case Certainty::kModerate:
      return 3;
    case Certainty::kLow:
      return 2;
    default:
      return 1;
  }
}

std::string CertaintyWords(Certainty c) {
  switch (c) {
    case Certainty::kHigh:
      return "High";
    case Certainty::kModerate:
      return "Moderate";
    case Certainty::kLow:
      return "Low";
    default:
      return "Very low";
  }
}

bool Important(const OutcomeResult& r) {
  return r.size == "small" || r.size == "moderate" || r.size == "large";
}

bool HasEvidence(const OutcomeResult& r) { return r.source == "studies" || r.source == "review"; }

}  // namespace

bool IsFavourable(const OutcomeResult& r) {
  if (r.direction == 0) return false;
  return (r.direction > 0) == (r.outcome->better == "higher");
}

CategoryDecision DecideCategory(const std::vector<OutcomeResult>& outcomes) {
  std::vector<const OutcomeResult*> benefits, harms;
  bool any_main_benefit = false;
  for (const OutcomeResult& r : outcomes) {
    if (r.outcome && r.outcome->main && r.kind == "benefit") any_main_benefit = true;
  }
  for (const OutcomeResult& r : outcomes) {
    if (!r.outcome || !HasEvidence(r)) continue;
    if (r.kind == "benefit" && (r.outcome->main || !any_main_benefit)) benefits.push_back(&r);
    if (r.kind == "harm" && r.outcome->main) harms.push_back(&r);
  }
  CategoryDecision d;
  if (benefits.empty()) {
    d.reason = "No study measured a main benefit: it is not known whether it works.";
    return d;
  }
  // The best-established benefit decides (the first in file order among the
  // most certain): a weaker outcome must not hide a well-established one.
  const OutcomeResult* b = benefits.front();
  for (const OutcomeResult* r : benefits) {
    if (Rank(r->certainty) > Rank(b->certainty)) b = r;
  }
  const OutcomeResult* harm = nullptr;  // the most certain important harm
  for (const OutcomeResult* r : harms) {
    if (Important(*r) && !IsFavourable(*r) && r->direction != 0 &&
        Rank(r->certainty) >= Rank(Certainty::kLow) &&
        (!harm || Rank(r->certainty) > Rank(harm->certainty))) {
      harm = r;
    }
  }
  const int bc = Rank(b->certainty);
  const bool benefit = Important(*b) && IsFavourable(*b);
  const std::string on_b = " on " + b->name;
  const std::string harm_text = harm ? CertaintyWords(harm->certainty) +
                                           "-certainty evidence of an important harm on " +
                                           harm->name
                                     : "";

  if (benefit && bc >= 3) {
    if (harm) {
      d.category = Category::kTradeOff;
      std::string lower = harm_text;
      lower[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(lower[0])));
      d.reason = CertaintyWords(b->certainty) + "-certainty evidence of an important benefit" +
                 on_b + ", but " + lower + ".";
    } else {
      d.category = bc == 4 ? Category::kWork : Category::kLikelyToWork;
      d.reason = CertaintyWords(b->certainty) + "-certainty evidence of an important benefit" +
                 on_b + ", and no important harm among the main outcomes.";
    }
    return d;
  }
  if (harm && Rank(harm->certainty) >= 3) {
    d.category = Category::kIneffectiveOrHarmful;
    d.reason = harm_text + ", without an established benefit.";
    return d;
  }
  const bool worse = Important(*b) && !IsFavourable(*b) && b->direction != 0;
  if (worse && bc >= 3) {
    d.category = Category::kIneffectiveOrHarmful;
    d.reason =
        CertaintyWords(b->certainty) + "-certainty evidence that it makes " + b->name + " worse.";
    return d;
  }
  if (!Important(*b) && bc == 4) {
    d.category = Category::kIneffectiveOrHarmful;
    d.reason = "High-certainty evidence of little or no benefit" + on_b + ".";
    return d;
  }
  if (!Important(*b) && bc == 3) {
    d.category = Category::kUnlikelyToWork;
    d.reason = "Moderate-certainty evidence of little or no benefit" + on_b + ".";
    return d;
  }
  d.category = Category::kNeedFurtherStudy;
  std::string level = CertaintyWords(b->certainty);
  level[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(level[0])));
  d.reason = "The evidence" + on_b + " is of " + level +
             " certainty: too uncertain to say whether it works.";
  return d;
}

CategoryDecision ApplyCategoryOverride(CategoryDecision computed,
                                       const std::optional<std::string>& code,
                                       const std::string& reason) {
  if (!code) return computed;
  std::optional<Category> c = ParseCategory(*code);
  if (!c) return computed;
  CategoryDecision d;
  d.category = *c;
  d.overridden = true;
  d.reason = "Reviewer: " + reason + " (computed: " + std::string(CategoryCode(computed.category)) +
             ". " + computed.reason + ")";
  return d;
}

std::optional<Category> ParseCategory(const std::string& code) {
  static constexpr std::array kAll = {Category::kWork,           Category::kLikelyToWork,
                                      Category::kTradeOff,       Category::kNeedFurtherStudy,
                                      Category::kUnlikelyToWork, Category::kIneffectiveOrHarmful};
  for (Category c : kAll) {
    if (CategoryCode(c) == code) return c;
  }
  return std::nullopt;
}

}  // namespace evidoc::knowledge
