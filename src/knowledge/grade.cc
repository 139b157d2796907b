#include "knowledge/grade.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace evidoc::knowledge {
namespace {

std::string Join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

std::string Levels(int n) { return n == 1 ? "1 level" : std::to_string(n) + " levels"; }

std::string Severity(int downgrade) {
  switch (downgrade) {
    case 0:
      return "No serious";
    case 1:
      return "Serious";
    default:
      return "Very serious";
  }
}

// "(-1.32 to 4.92 cramps in 2 weeks)" or, for risks, "(52 to 395 per 1,000)".
std::string Interval(const ImprecisionInput& in) {
  if (in.dichotomous) {
    return "(" + FormatNumber(std::round(in.ci_lb * 1000)) + " to " +
           FormatNumber(std::round(in.ci_ub * 1000)) + " per 1,000)";
  }
  std::string unit = in.unit.empty() ? "" : " " + in.unit;
  return "(" + FormatNumber(in.ci_lb) + " to " + FormatNumber(in.ci_ub) + unit + ")";
}

std::string MidText(const ImprecisionInput& in) {
  if (in.dichotomous) return FormatNumber(in.mid * 1000) + " per 1,000";
  return FormatNumber(in.mid) + (in.unit.empty() ? "" : " " + in.unit);
}

}  // namespace

std::string FormatNumber(double value, int digits) {
  if (!std::isfinite(value)) return "n/a";
  if (value == 0) return "0";
  // Significant digits, but fixed notation and never fewer than the integer
  // digits (1349.6 -> "1350", not "1.35e+03"): readers compare with papers.
  int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(value)))) + 1;
  int decimals = std::max(0, digits - magnitude);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

DomainRating ProposeInconsistency(const InconsistencyInput& in) {
  DomainRating r{.domain = kInconsistency};
  if (in.k < 2) {
    r.reason = "A single study: inconsistency cannot be assessed; not rated down.";
    return r;
  }
  std::vector<std::string> concerns, fine;
  bool i2_very = false;
  if (in.i2) {
    std::string t = "I\u00b2 = " + FormatNumber(std::round(*in.i2)) + "%";
    if (*in.i2 >= kI2Serious) {
      concerns.push_back(t);
      i2_very = *in.i2 >= kI2VerySerious;
    } else {
      fine.push_back(t);
    }
  }
  if (in.tau && in.tau_mid && *in.tau_mid > 0) {
    if (*in.tau > *in.tau_mid) {
      concerns.push_back("\u03c4 (" + FormatNumber(*in.tau) + ") exceeds the MID (" +
                         FormatNumber(*in.tau_mid) + ")");
    } else {
      fine.push_back("\u03c4 (" + FormatNumber(*in.tau) + ") is below the MID (" +
                     FormatNumber(*in.tau_mid) + ")");
    }
  }
  if (in.pi_lb && in.pi_ub) {
    bool ci_excludes = in.ci_lb > 0 || in.ci_ub < 0;
    bool pi_includes = *in.pi_lb <= 0 && *in.pi_ub >= 0;
    std::string t = "the 95% prediction interval (" + FormatNumber(*in.pi_lb) + " to " +
                    FormatNumber(*in.pi_ub) + ")";
    if (ci_excludes && pi_includes) {
      concerns.push_back(t + " includes no effect although the CI excludes it");
    } else if (ci_excludes) {
      fine.push_back(t + " excludes no effect");
    }
  }
  if (concerns.empty() && fine.empty()) {
    r.reason = "Heterogeneity was not reported: inconsistency not assessed; not rated down.";
    return r;
  }
  if (concerns.empty()) {
    r.reason = "No serious inconsistency: " + Join(fine, "; ") + ".";
    return r;
  }
  r.downgrade = (i2_very && concerns.size() >= 2) ? 2 : 1;
  r.reason = Severity(r.downgrade) + " inconsistency (" + Levels(r.downgrade) +
             "): " + Join(concerns, "; ") + ".";
  return r;
}

DomainRating ProposeImprecision(const ImprecisionInput& in) {
  DomainRating r{.domain = kImprecision};
  const bool includes_null = in.ci_lb <= 0 && in.ci_ub >= 0;
  const bool within_mid = in.ci_lb > -in.mid && in.ci_ub < in.mid;
  const bool both_important = in.ci_lb <= -in.mid && in.ci_ub >= in.mid;
  const bool null_concern = includes_null && !within_mid;

  bool ois_met;
  std::string ois_text;
  if (in.dichotomous && in.events) {
    ois_met = *in.events >= kOisEvents;
    ois_text = std::to_string(*in.events) + " events" +
               (ois_met ? " meet" : ", fewer than the " + std::to_string(kOisEvents) + " of") +
               " the optimal information size";
  } else {
    ois_met = in.participants >= kOisParticipants;
    ois_text =
        std::to_string(in.participants) + " participants" +
        (ois_met ? " meet" : ", fewer than the " + std::to_string(kOisParticipants) + " of") +
        " the optimal information size";
  }

  std::string ci = "the 95% CI " + Interval(in);
  std::vector<std::string> concerns, fine;
  if (both_important) {
    concerns.push_back(ci + " includes both an important benefit and an important harm (MID " +
                       MidText(in) + ")");
  } else if (null_concern) {
    concerns.push_back(ci + " includes no effect");
  } else if (within_mid) {
    fine.push_back(ci + " lies within the MID (" + MidText(in) + ") on both sides");
  } else {
    fine.push_back(ci + " excludes no effect");
  }
  (ois_met ? fine : concerns).push_back(ois_text);

  if (both_important || (null_concern && !ois_met)) {
    r.downgrade = 2;
  } else {
    r.downgrade = static_cast<int>(concerns.size());
  }
  if (r.downgrade == 0) {
    r.reason = "No serious imprecision: " + Join(fine, "; ") + ".";
  } else {
    r.reason = Severity(r.downgrade) + " imprecision (" + Levels(r.downgrade) +
               "): " + Join(concerns, "; ") + ".";
  }
  return r;
}

DomainRating ProposePublicationBias(const PublicationBiasInput& in) {
  DomainRating r{.domain = kPublicationBias};
  if (in.k < kSmallStudyMinK) {
    r.reason = "Fewer than " + std::to_string(kSmallStudyMinK) + " studies (" +
               std::to_string(in.k) +
               "): small-study tests are not informative; not rated down unless the reviewer knows "
               "of unpublished "
               "data.";
    return r;
  }
  std::vector<std::string> concerns, fine;
  if (in.egger_p) {
    std::string t = "Egger's test p = " + FormatNumber(*in.egger_p, 2);
    (*in.egger_p < kEggerAlpha ? concerns : fine).push_back(t);
  }
  if (in.trimfill_k0 > 0 && in.ci_excludes_null && !in.filled_ci_excludes_null) {
    concerns.push_back("trim-and-fill adds " + std::to_string(in.trimfill_k0) +
                       " missing studies and the adjusted CI includes no effect");
  } else {
    fine.push_back("trim-and-fill adds " + std::to_string(in.trimfill_k0) + " studies" +
                   (in.trimfill_k0 > 0 ? " without changing the conclusion" : ""));
  }
  if (concerns.empty()) {
    r.reason = "Not suspected: " + Join(fine, "; ") + ".";
    return r;
  }
  r.downgrade = 1;
  r.reason = "Suspected (1 level): " + Join(concerns, "; ") + ".";
  return r;
}

DomainRating ReviewerDomain(const std::string& domain, const content::Judgement* judgement) {
  DomainRating r{.domain = domain, .proposed = false};
  if (!judgement) {
    r.reason = "Not judged by the reviewer; not rated down.";
    return r;
  }
  r.downgrade = std::clamp(judgement->downgrade, 0, 2);
  r.reason = judgement->reason;
  return r;
}

DomainRating ApplyOverride(DomainRating proposal, const content::Judgement* judgement) {
  if (!judgement || !judgement->overrides) return proposal;
  DomainRating r = proposal;
  r.proposed = false;
  r.overridden = true;
  r.downgrade = std::clamp(judgement->downgrade, 0, 2);
  std::string computed = proposal.downgrade == 0 ? "not rated down" : Levels(proposal.downgrade);
  r.reason =
      "Reviewer: " + judgement->reason + " (computed: " + computed + ". " + proposal.reason + ")";
  return r;
}

Certainty CombineCertainty(bool randomised, const std::vector<DomainRating>& domains) {
  int level = randomised ? 4 : 2;  // 4 high, 3 moderate, 2 low, 1 very low
  for (const DomainRating& d : domains) level -= d.downgrade;
  level = std::max(level, 1);
  switch (level) {
    case 4:
      return Certainty::kHigh;
    case 3:
      return Certainty::kModerate;
    case 2:
      return Certainty::kLow;
    default:
      return Certainty::kVeryLow;
  }
}

std::optional<Certainty> ParseCertainty(const std::string& text) {
  if (text == "high") return Certainty::kHigh;
  if (text == "moderate") return Certainty::kModerate;
  if (text == "low") return Certainty::kLow;
  if (text == "very_low" || text == "very low" || text == "very-low") return Certainty::kVeryLow;
  return std::nullopt;
}

}  // namespace evidoc::knowledge
