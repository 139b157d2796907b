#include "render/treatment_json.h"

#include "render/json_writer.h"
#include "render/summary_of_findings.h"

namespace evidoc::render {
namespace {

void WriteTreatment(JsonWriter& w, const knowledge::TreatmentResult& t) {
  const content::Treatment& tr = *t.treatment;
  w.BeginObject();
  w.Key("id").String(tr.id);
  w.Key("name").String(tr.name);
  w.Key("condition").String(tr.condition);
  w.Key("population").String(tr.population);
  w.Key("comparison").String(tr.comparison);
  w.Key("category").String(knowledge::CategoryCode(t.category));
  w.Key("category_label").String(knowledge::CategoryLabel(t.category));
  w.Key("category_reason").String(t.category_reason);
  w.Key("category_overridden").Bool(t.category_overridden);
  w.Key("verdict").String(t.verdict);
  w.Key("outcomes").BeginArray();
  for (const knowledge::OutcomeResult& r : t.outcomes) {
    w.BeginObject();
    w.Key("id").String(r.outcome ? r.outcome->id : "");
    w.Key("name").String(r.name);
    w.Key("kind").String(r.kind);
    w.Key("main").Bool(r.outcome && r.outcome->main);
    if (r.source == "none") {
      w.Key("certainty").Null();
    } else {
      w.Key("certainty").String(knowledge::CertaintyCode(r.certainty));
    }
    w.Key("certainty_reasons").BeginArray();
    for (const knowledge::DomainRating& d : r.domains) {
      w.BeginObject();
      w.Key("domain").String(d.domain);
      w.Key("downgrade").Int(d.downgrade);
      w.Key("proposed").Bool(d.proposed);
      w.Key("overridden").Bool(d.overridden);
      w.Key("reason").String(d.reason);
      w.EndObject();
    }
    w.EndArray();
    w.Key("size").String(r.size);
    w.Key("statement").String(r.statement);
    if (r.relative) {
      w.Key("relative").BeginObject();
      w.Key("measure").String(r.relative->measure);
      w.Key("estimate").Number(r.relative->estimate);
      w.Key("ci_lb").Number(r.relative->ci_lb);
      w.Key("ci_ub").Number(r.relative->ci_ub);
      w.EndObject();
    } else {
      w.Key("relative").Null();
    }
    if (r.absolute) {
      const knowledge::AbsoluteEffect& a = *r.absolute;
      w.Key("absolute").BeginObject();
      w.Key("type").String(a.dichotomous ? "per_1000" : "mean");
      if (!a.dichotomous) w.Key("unit").String(r.outcome ? r.outcome->unit : "");
      w.Key("comparator").Number(a.comparator);
      w.Key("intervention").Number(a.intervention);
      w.Key("intervention_lb").Number(a.intervention_lb);
      w.Key("intervention_ub").Number(a.intervention_ub);
      w.Key("difference").Number(a.difference);
      w.Key("difference_lb").Number(a.difference_lb);
      w.Key("difference_ub").Number(a.difference_ub);
      if (a.dichotomous) {
        w.Key("per_100").BeginObject();
        w.Key("comparator").Int(a.comparator_per_100);
        w.Key("intervention").Int(a.intervention_per_100);
        w.EndObject();
      }
      if (a.nnt) {
        w.Key(a.nnt_is_harm ? "nnh" : "nnt").Number(*a.nnt);
      }
      w.Key("favourable").Bool(a.favourable);
      w.Key("text").String(a.text);
      w.Key("difference_text").String(DifferenceText(r));
      w.EndObject();
    } else {
      w.Key("absolute").Null();
    }
    w.Key("k").Int(r.k);
    w.Key("participants").Int(r.participants);
    w.Key("source").String(r.source);
    w.Key("citations").StringArray(r.study_citations);
    w.Key("note").String(r.outcome ? r.outcome->note : "");
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

}  // namespace

std::string TreatmentJson(const knowledge::TreatmentResult& t) {
  JsonWriter w(2);
  WriteTreatment(w, t);
  return w.Take();
}

std::string TreatmentsJson(const knowledge::Knowledge& k) {
  JsonWriter w(2);
  w.BeginObject().Key("treatments").BeginArray();
  for (const knowledge::TreatmentResult& t : k.treatments) WriteTreatment(w, t);
  w.EndArray().EndObject();
  return w.Take();
}

}  // namespace evidoc::render
