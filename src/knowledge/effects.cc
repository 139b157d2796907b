#include "knowledge/effects.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "knowledge/grade.h"

namespace evidoc::knowledge {
namespace {

double RiskWith(const std::string& measure, double effect, double p0) {
  double p1;
  if (measure == "OR") {
    p1 = effect * p0 / (1 - p0 + effect * p0);
  } else if (measure == "RD") {
    p1 = p0 + effect;
  } else {  // RR
    p1 = effect * p0;
  }
  return std::clamp(p1, 0.0, 1.0);
}

std::string LowerFirst(const std::string& s) {
  // "Magnesium" -> "magnesium", but "NSAIDs" and "B vitamins" keep their case.
  if (s.size() >= 2 && std::isupper(static_cast<unsigned char>(s[0])) &&
      std::islower(static_cast<unsigned char>(s[1]))) {
    std::string out = s;
    out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
    return out;
  }
  return s;
}

std::string UpperFirst(const std::string& s) {
  std::string out = s;
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

}  // namespace

std::string FriendlyNumber(double value) {
  double a = std::fabs(value);
  if (a >= 2) return FormatNumber(std::round(a) * (value < 0 ? -1 : 1));
  if (a >= 0.1) return FormatNumber(std::round(value * 10) / 10);
  return FormatNumber(value, 2);
}

AbsoluteEffect AbsoluteDichotomous(const DichotomousEffectInput& in) {
  AbsoluteEffect a;
  a.dichotomous = true;
  const double p0 = in.comparator_risk;
  const double p1 = RiskWith(in.measure, in.estimate, p0);
  const double p1_lb = RiskWith(in.measure, in.ci_lb, p0);
  const double p1_ub = RiskWith(in.measure, in.ci_ub, p0);
  a.comparator = p0 * 1000;
  a.intervention = p1 * 1000;
  a.intervention_lb = std::min(p1_lb, p1_ub) * 1000;
  a.intervention_ub = std::max(p1_lb, p1_ub) * 1000;
  a.difference = (p1 - p0) * 1000;
  a.difference_lb = a.intervention_lb - a.comparator;
  a.difference_ub = a.intervention_ub - a.comparator;
  a.favourable = (a.difference > 0) == in.higher_is_better && a.difference != 0;
  if (a.difference_lb > 0 || a.difference_ub < 0) {
    a.nnt = std::ceil(1000 / std::fabs(a.difference));
    a.nnt_is_harm = !a.favourable;
  }
  // Per 100 from the per-1,000 numbers as shown (605 -> 60.5 -> 61), so the
  // two never disagree by a rounding step.
  const long c1000 = std::lround(p0 * 1000), t1000 = std::lround(p1 * 1000);
  a.comparator_per_100 = static_cast<int>(std::lround(static_cast<double>(c1000) / 10));
  a.intervention_per_100 = static_cast<int>(std::lround(static_cast<double>(t1000) / 10));

  // Natural frequencies per 100 (what an icon array shows); per 1,000 when
  // both risks are below 5 in 100, where whole people per 100 hide the change.
  int base = 100;
  long c = a.comparator_per_100, t = a.intervention_per_100;
  if (c < 5 && t < 5) {
    base = 1000;
    c = c1000;
    t = t1000;
  }
  std::string per = " out of " + std::string(base == 100 ? "100" : "1,000");
  if (t == c) {
    a.text = "about the same number of " + in.unit + per + " (" + std::to_string(c) +
             " with or without it)";
  } else {
    a.text = "about " + std::to_string(std::labs(t - c)) + (t > c ? " more " : " fewer ") +
             in.unit + per + " (" + std::to_string(t) + " instead of " + std::to_string(c) + ")";
  }
  return a;
}

AbsoluteEffect AbsoluteContinuous(const ContinuousEffectInput& in) {
  AbsoluteEffect a;
  a.dichotomous = false;
  a.comparator = in.comparator_mean;
  a.intervention = in.comparator_mean + in.md;
  a.intervention_lb = in.comparator_mean + in.ci_lb;
  a.intervention_ub = in.comparator_mean + in.ci_ub;
  a.difference = in.md;
  a.difference_lb = in.ci_lb;
  a.difference_ub = in.ci_ub;
  a.favourable = (in.md > 0) == in.higher_is_better && in.md != 0;
  std::string n = FriendlyNumber(std::fabs(in.md));
  std::string unit = in.unit.empty() ? "" : " " + in.unit;
  std::string base = FriendlyNumber(in.comparator_mean);
  std::string tail =
      (in.less_word == "fewer" ? ", out of about " : ", compared with about ") + base;
  if (n == "0") {
    a.text = "about the same" + unit + tail;
  } else {
    a.text = "about " + n + " " + (in.md < 0 ? in.less_word : in.more_word) + unit + tail;
  }
  return a;
}

SizeThresholds ThresholdsFor(const content::Outcome& o) {
  SizeThresholds t{o.mid, 2 * o.mid, 3 * o.mid};
  if (o.size_small) t.small = *o.size_small;
  if (o.size_moderate) t.moderate = *o.size_moderate;
  if (o.size_large) t.large = *o.size_large;
  return t;
}

std::string ClassifySize(double absolute_effect, const SizeThresholds& t) {
  double a = std::fabs(absolute_effect);
  if (a >= t.large) return "large";
  if (a >= t.moderate) return "moderate";
  if (a >= t.small) return "small";
  return "trivial";
}

std::string Statement(const StatementInput& in) {
  const std::string s = UpperFirst(in.subject);
  const std::string& o = in.outcome;
  if (in.certainty == Certainty::kVeryLow) {
    return "The evidence is very uncertain about the effect of " + LowerFirst(in.subject) + " on " +
           o + ".";
  }
  const bool up = in.direction > 0;
  std::string out;
  if (in.size == "trivial" || in.direction == 0) {
    switch (in.certainty) {
      case Certainty::kHigh:
        out = s + " makes little or no difference to " + o;
        break;
      case Certainty::kModerate:
        out = s + " probably makes little or no difference to " + o;
        break;
      default:
        out = s + " may make little or no difference to " + o;
        break;
    }
    if (in.important_not_excluded) out += ", but an important effect cannot be ruled out";
    return out + ".";
  }
  const std::string verb3 = up ? "increases" : "reduces";  // high: "X reduces"
  const std::string verb = up ? "increase" : "reduce";     // low: "X may reduce"
  const std::string noun = up ? "increase" : "reduction";
  const std::string hedge3 = in.certainty == Certainty::kHigh ? "" : "probably ";
  if (in.size == "large") {
    switch (in.certainty) {
      case Certainty::kHigh:
        out = s + " results in a large " + noun + " in " + o;
        break;
      case Certainty::kModerate:
        out = s + " probably results in a large " + noun + " in " + o;
        break;
      default:
        out = s + " may result in a large " + noun + " in " + o;
        break;
    }
  } else {
    const std::string tail = in.size == "small" ? " slightly" : "";
    if (in.certainty == Certainty::kLow) {
      out = s + " may " + verb + " " + o + tail;
    } else {
      out = s + " " + hedge3 + verb3 + " " + o + tail;
    }
  }
  return out + ".";
}

std::string NoStudiesStatement(const std::string& outcome) {
  return "No studies measured " + outcome + ".";
}

}  // namespace evidoc::knowledge
