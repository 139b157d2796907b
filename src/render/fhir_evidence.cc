#include "render/fhir_evidence.h"

#include <cctype>
#include <cmath>

#include "render/json_writer.h"
#include "render/summary_of_findings.h"

namespace evidoc::render {
namespace {

constexpr const char* kStatisticType = "http://terminology.hl7.org/CodeSystem/statistic-type";
constexpr const char* kAttributeType =
    "http://terminology.hl7.org/CodeSystem/attribute-estimate-type";
constexpr const char* kModelCode = "http://hl7.org/fhir/statistic-model-code";
constexpr const char* kCertaintyType = "http://hl7.org/fhir/certainty-type";
constexpr const char* kCertaintyRating = "http://hl7.org/fhir/certainty-rating";
constexpr const char* kVariableRole = "http://terminology.hl7.org/CodeSystem/variable-role";
constexpr const char* kSynthesisType = "http://terminology.hl7.org/CodeSystem/synthesis-type";
constexpr const char* kUcum = "http://unitsofmeasure.org";

void Coding(JsonWriter& w, const char* system, std::string_view code, std::string_view display) {
  w.BeginObject().Key("coding").BeginArray().BeginObject();
  w.Key("system").String(system).Key("code").String(code);
  if (!display.empty()) w.Key("display").String(display);
  w.EndObject().EndArray().EndObject();
}

void Variable(JsonWriter& w, const std::string& description, const char* role,
              const char* display) {
  w.BeginObject();
  w.Key("description").String(description);
  w.Key("variableRole");
  Coding(w, kVariableRole, role, display);
  w.EndObject();
}

// Statistic types (HL7 terminology statistic-type, NCI thesaurus / STATO codes).
void StatisticType(JsonWriter& w, const std::string& measure) {
  if (measure == "RR") return Coding(w, kStatisticType, "C93152", "Relative Risk");
  if (measure == "OR") return Coding(w, kStatisticType, "C16932", "Odds Ratio");
  if (measure == "RD") return Coding(w, kStatisticType, "0000424", "Risk Difference");
  if (measure == "MD") return Coding(w, kStatisticType, "0000457", "Mean Difference");
  if (measure == "SMD") return Coding(w, kStatisticType, "0000100", "Standardized Mean Difference");
  w.BeginObject().Key("text").String(measure).EndObject();
}

void Ci(JsonWriter& w, double lb, double ub) {
  w.BeginObject();
  w.Key("description").String("95% confidence interval");
  w.Key("type");
  Coding(w, kAttributeType, "C53324", "Confidence interval");
  w.Key("level").Number(0.95);
  w.Key("range").BeginObject();
  w.Key("low").BeginObject().Key("value").Number(lb).EndObject();
  w.Key("high").BeginObject().Key("value").Number(ub).EndObject();
  w.EndObject();
  w.EndObject();
}

void Model(JsonWriter& w, const char* code, const char* display) {
  w.BeginObject().Key("code");
  Coding(w, kModelCode, code, display);
  w.EndObject();
}

void ModelCharacteristics(JsonWriter& w, const knowledge::OutcomeResult& r) {
  w.Key("modelCharacteristic").BeginArray();
  if (r.k > 1) Model(w, "metaAnalysis", "Meta-analysis");
  if (r.analysis) {
    using evidence::Method;
    switch (r.analysis->method) {
      case Method::kEE:
        Model(w, "effectsFixed", "Fixed-effects");
        Model(w, "inverseVariance", "Inverse variance method");
        break;
      case Method::kMH:
        Model(w, "effectsFixed", "Fixed-effects");
        Model(w, "manteHaenszelMethod", "Mantel-Haenszel method");
        break;
      case Method::kPeto:
        Model(w, "effectsFixed", "Fixed-effects");
        Model(w, "petoMethod", "Peto method");
        break;
      default: {
        Model(w, "effectsRandom", "Random-effects");
        static const std::pair<Method, std::pair<const char*, const char*>> kTau[] = {
            {Method::kDL, {"tauDersimonianLaird", "Dersimonian-Laird method"}},
            {Method::kREML,
             {"tauRestrictedMaximumLikelihood", "Restricted Maximum Likelihood method"}},
            {Method::kML, {"tauMaximumLikelihood", "Maximum Likelihood method"}},
            {Method::kPM, {"tauPauleMandel", "Paule-Mandel method"}},
            {Method::kHS, {"tauHunterSchmidt", "Hunter-Schmidt method"}},
            {Method::kSJ, {"tauSidikJonkman", "Sidik-Jonkman method"}},
            {Method::kHE, {"tauHedges", "Hedges method"}},
            {Method::kEB, {"tauEmpiricalBayes", "Empirical Bayes method"}},
        };
        for (const auto& [m, code] : kTau) {
          if (m == r.analysis->method) Model(w, code.first, code.second);
        }
        break;
      }
    }
    if (r.analysis->test == evidence::Test::kKnha)
      Model(w, "hartungKnapp", "Hartung-Knapp adjustment");
  }
  w.EndArray();
}

const char* ConcernCode(int downgrade) {
  switch (downgrade) {
    case 0:
      return "no-concern";
    case 1:
      return "serious-concern";
    default:
      return "very-serious-concern";
  }
}
const char* ConcernDisplay(int downgrade) {
  switch (downgrade) {
    case 0:
      return "no serious concern";
    case 1:
      return "serious concern";
    default:
      return "very serious concern";
  }
}

void DomainType(JsonWriter& w, const std::string& domain) {
  static const std::pair<const char*, std::pair<const char*, const char*>> kTypes[] = {
      {"risk_of_bias", {"RiskOfBias", "Risk of bias"}},
      {"inconsistency", {"Inconsistency", "Inconsistency"}},
      {"indirectness", {"Indirectness", "Indirectness"}},
      {"imprecision", {"Imprecision", "Imprecision"}},
      {"publication_bias", {"PublicationBias", "Publication bias"}},
  };
  for (const auto& [name, code] : kTypes) {
    if (domain == name) return Coding(w, kCertaintyType, code.first, code.second);
  }
  w.BeginObject().Key("text").String(domain).EndObject();
}

std::string PascalName(const std::string& id) {
  std::string out;
  bool up = true;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      up = true;
      continue;
    }
    out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    up = false;
  }
  if (out.empty() || !std::isupper(static_cast<unsigned char>(out[0]))) out = "E" + out;
  return out;
}

}  // namespace

std::string FhirEvidenceId(const knowledge::TreatmentResult& t, const knowledge::OutcomeResult& r) {
  std::string id = t.treatment->id + "-" + (r.outcome ? r.outcome->id : "outcome");
  for (char& c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') c = '-';
  }
  if (id.size() > 64) id.resize(64);
  return id;
}

std::string FhirEvidenceJson(const knowledge::TreatmentResult& t, const knowledge::OutcomeResult& r,
                             const std::string& base_url) {
  const content::Treatment& tr = *t.treatment;
  const std::string id = FhirEvidenceId(t, r);
  JsonWriter w(2);
  w.BeginObject();
  w.Key("resourceType").String("Evidence");
  w.Key("id").String(id);
  if (!base_url.empty()) w.Key("url").String(base_url + "/fhir/Evidence/" + id);
  w.Key("name").String(PascalName(id));
  w.Key("title").String(tr.name + " compared with " + tr.comparison + " for " + tr.population +
                        ": " + r.name);
  w.Key("status").String("active");
  w.Key("description")
      .String(r.absolute && !r.absolute->text.empty() ? r.statement + " (" + r.absolute->text + ")"
                                                      : r.statement);
  w.Key("assertion").String(r.statement);
  if (r.outcome && !r.outcome->note.empty()) {
    w.Key("note")
        .BeginArray()
        .BeginObject()
        .Key("text")
        .String(r.outcome->note)
        .EndObject()
        .EndArray();
  }
  w.Key("variableDefinition").BeginArray();
  Variable(w, tr.population, "population", "population");
  Variable(w, tr.name, "exposure", "exposure");
  Variable(w, tr.comparison, "referenceExposure", "reference exposure");
  Variable(w,
           r.name + (r.outcome && !r.outcome->timeframe.empty() ? " (" + r.outcome->timeframe + ")"
                                                                : ""),
           "measuredVariable", "measured variable");
  w.EndArray();
  if (r.source == "none") {
    w.EndObject();
    return w.Take();
  }
  w.Key("synthesisType");
  if (r.k > 1) {
    Coding(w, kSynthesisType, "std-MA", "summary data meta-analysis");
  } else {
    Coding(w, kSynthesisType, "NotApplicable", "not applicable");
  }
  w.Key("studyDesign").BeginArray();
  w.BeginObject()
      .Key("text")
      .String(r.randomised ? "randomized controlled trial" : "observational study")
      .EndObject();
  w.EndArray();

  w.Key("statistic").BeginArray();
  if (r.relative) {
    w.BeginObject();
    w.Key("description").String(RelativeEffectText(r));
    w.Key("statisticType");
    StatisticType(w, r.relative->measure);
    w.Key("quantity").BeginObject().Key("value").Number(r.relative->estimate);
    if ((r.relative->measure == "MD") && r.outcome && !r.outcome->unit.empty())
      w.Key("unit").String(r.outcome->unit);
    w.EndObject();
    w.Key("sampleSize").BeginObject();
    w.Key("numberOfStudies").Int(r.k);
    w.Key("numberOfParticipants").Int(r.participants);
    w.EndObject();
    w.Key("attributeEstimate").BeginArray();
    Ci(w, r.relative->ci_lb, r.relative->ci_ub);
    if (r.analysis) {
      w.BeginObject();
      w.Key("description").String("p-value for the pooled effect");
      w.Key("type");
      Coding(w, kAttributeType, "C44185", "P-value");
      w.Key("quantity").BeginObject().Key("value").Number(r.analysis->pval).EndObject();
      w.EndObject();
      if (r.analysis->k > 1) {
        w.BeginObject();
        w.Key("description").String("I-squared (heterogeneity)");
        w.Key("type").BeginObject().Key("text").String("I-squared").EndObject();
        w.Key("quantity").BeginObject().Key("value").Number(r.analysis->i2).Key("unit").String("%");
        w.Key("system").String(kUcum).Key("code").String("%").EndObject();
        w.EndObject();
        w.BeginObject();
        w.Key("description").String("tau-squared (between-study variance)");
        w.Key("type").BeginObject().Key("text").String("tau-squared").EndObject();
        w.Key("quantity").BeginObject().Key("value").Number(r.analysis->tau2).EndObject();
        w.EndObject();
      }
    }
    w.EndArray();
    ModelCharacteristics(w, r);
    w.EndObject();
  }
  if (r.absolute && r.absolute->dichotomous) {
    const auto& a = *r.absolute;
    w.BeginObject();
    w.Key("description")
        .String(DifferenceText(r) + ", from an assumed risk of " + ComparatorText(r));
    w.Key("statisticType");
    Coding(w, kStatisticType, "0000424", "Risk Difference");
    w.Key("quantity").BeginObject().Key("value").Number(a.difference / 1000).EndObject();
    w.Key("sampleSize").BeginObject();
    w.Key("numberOfStudies").Int(r.k);
    w.Key("numberOfParticipants").Int(r.participants);
    w.EndObject();
    w.Key("attributeEstimate").BeginArray();
    Ci(w, a.difference_lb / 1000, a.difference_ub / 1000);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();

  w.Key("certainty").BeginArray().BeginObject();
  w.Key("description").String(CertaintyText(r));
  w.Key("type");
  Coding(w, kCertaintyType, "Overall", "Overall certainty");
  w.Key("rating");
  static const char* kRating[] = {"high", "moderate", "low", "very-low"};
  static const char* kRatingDisplay[] = {"High quality", "Moderate quality", "Low quality",
                                         "Very low quality"};
  int ri = static_cast<int>(r.certainty);
  Coding(w, kCertaintyRating, kRating[ri], kRatingDisplay[ri]);
  w.Key("rater").String("evidoc GRADE rules with the reviewer's judgements");
  w.Key("subcomponent").BeginArray();
  for (const knowledge::DomainRating& d : r.domains) {
    w.BeginObject();
    w.Key("description").String(d.reason);
    w.Key("type");
    DomainType(w, d.domain);
    w.Key("rating");
    Coding(w, kCertaintyRating, ConcernCode(d.downgrade), ConcernDisplay(d.downgrade));
    w.Key("rater").String(d.overridden || !d.proposed ? "reviewer" : "evidoc (computed)");
    w.EndObject();
  }
  w.EndArray();
  w.EndObject().EndArray();
  w.EndObject();
  return w.Take();
}

}  // namespace evidoc::render
