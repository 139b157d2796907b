#include "server/api_json.h"

#include "render/fhir_evidence.h"
#include "render/json_writer.h"
#include "server/query_string.h"

namespace evidoc::server {
namespace {

using render::JsonWriter;

void Codes(JsonWriter& w, const std::vector<content::Code>& codes) {
  w.BeginArray();
  for (const auto& c : codes) {
    w.BeginObject().Key("system").String(c.system).Key("code").String(c.code);
    if (!c.display.empty()) w.Key("display").String(c.display);
    w.EndObject();
  }
  w.EndArray();
}

void ArticleSummary(JsonWriter& w, const content::Article& a) {
  w.Key("slug").String(a.slug);
  w.Key("title").String(a.title);
  w.Key("summary").String(a.summary);
  w.Key("url").String("/" + a.slug + "/");
}

std::string_view UrgencyName(content::Urgency u) { return tools::UrgencyCode(u); }

void Reference(JsonWriter& w, const content::Reference& r) {
  w.BeginObject().Key("key").String(r.key).Key("title").String(r.title);
  if (r.year) w.Key("year").Int(r.year);
  if (!r.doi.empty()) w.Key("doi").String(r.doi);
  if (!r.pmid.empty()) w.Key("pmid").String(r.pmid);
  w.EndObject();
}

// A treatment as an article lists it; the treatment's own document is
// render::TreatmentJson (the build's api/v1/treatments/{id}.json).
void TreatmentHead(JsonWriter& w, const knowledge::TreatmentResult& t) {
  const auto& tr = *t.treatment;
  w.Key("id").String(tr.id);
  w.Key("name").String(tr.name);
  w.Key("condition").String(tr.condition);
  w.Key("category").String(knowledge::CategoryCode(t.category));
  w.Key("category_label").String(knowledge::CategoryLabel(t.category));
  w.Key("verdict").String(t.verdict);
}

}  // namespace

std::string SearchResultsJson(const search::SearchResults& res) {
  JsonWriter w;
  w.BeginObject();
  w.Key("query").String(res.query);
  if (res.corrected.empty()) {
    w.Key("corrected").Null();
  } else {
    w.Key("corrected").String(res.corrected);
  }
  w.Key("used_corrected").Bool(res.used_corrected);
  w.Key("total").Int(static_cast<long long>(res.total));
  w.Key("results").BeginArray();
  for (const auto& h : res.hits) {
    w.BeginObject();
    w.Key("type").String(search::DocKindName(h.kind));
    w.Key("id").String(h.id);
    w.Key("url").String(h.url);
    w.Key("title").String(h.title);
    w.Key("summary").String(h.summary);
    w.Key("snippet_html").String(h.snippet_html);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

std::string SuggestionsJson(std::string_view query, const std::vector<search::Suggestion>& s) {
  JsonWriter w;
  w.BeginObject().Key("query").String(query).Key("suggestions").BeginArray();
  for (const auto& x : s) {
    w.BeginObject().Key("text").String(x.text).Key("title").String(x.title).Key("url").String(
        x.url);
    w.EndObject();
  }
  w.EndArray().EndObject();
  return w.Take();
}

std::string ArticlesJson(const Snapshot& snap) {
  JsonWriter w;
  w.BeginObject().Key("articles").BeginArray();
  for (const auto& a : snap.content().articles) {
    w.BeginObject();
    ArticleSummary(w, a);
    w.Key("codes");
    Codes(w, a.codes);
    w.EndObject();
  }
  w.EndArray().EndObject();
  return w.Take();
}

std::string ArticleJson(const Snapshot& snap, const content::Article& a) {
  JsonWriter w;
  w.BeginObject();
  ArticleSummary(w, a);
  w.Key("synonyms").StringArray(a.synonyms);
  w.Key("codes");
  Codes(w, a.codes);
  if (a.last_reviewed.year) w.Key("last_reviewed").String(a.last_reviewed.ToIso());
  if (a.next_review.year) w.Key("next_review").String(a.next_review.ToIso());
  w.Key("red_flags").BeginArray();
  for (const auto& rf : a.red_flags) {
    w.BeginObject().Key("sign").String(rf.sign).Key("urgency").String(UrgencyName(rf.urgency));
    w.Key("advice").String(rf.advice).Key("reason").String(rf.reason).EndObject();
  }
  w.EndArray();
  w.Key("treatments").BeginArray();
  for (const auto& id : a.treatments) {
    if (const auto* t = snap.FindTreatment(id)) {
      w.BeginObject();
      TreatmentHead(w, *t);
      w.EndObject();
    }
  }
  w.EndArray();
  w.Key("related").StringArray(a.related);
  w.EndObject();
  return w.Take();
}

std::string GlossaryJson(const Snapshot& snap) {
  JsonWriter w;
  w.BeginObject().Key("terms").BeginArray();
  for (const auto& g : snap.content().glossary) {
    w.BeginObject().Key("id").String(g.id).Key("term").String(g.term);
    w.Key("aliases").StringArray(g.aliases).Key("definition").String(g.definition);
    w.Key("url").String("/glossary/#" + g.id).EndObject();
  }
  w.EndArray().EndObject();
  return w.Take();
}

std::string MedicinesCheckJson(const tools::MedicinesCheckResult& result) {
  JsonWriter w;
  w.BeginObject();
  w.Key("matches").BeginArray();
  for (const auto& m : result.matches) {
    w.BeginObject();
    w.Key("input").String(m.input);
    w.Key("matched_name").String(m.matched_name);
    w.Key("via_brand").Bool(m.via_brand);
    w.Key("exact").Bool(m.exact);
    if (m.member) {
      w.Key("generic").String(m.member->generic);
      if (!m.member->rxnorm.empty()) w.Key("rxnorm").String(m.member->rxnorm);
    }
    if (m.medicine_class) {
      w.Key("class").BeginObject();
      w.Key("id").String(m.medicine_class->id).Key("name").String(m.medicine_class->name);
      w.Key("atc").String(m.medicine_class->atc).EndObject();
    }
    w.Key("may_cause").BeginArray();
    for (const auto& l : m.may_cause) {
      w.BeginObject();
      w.Key("condition").String(l.condition).Key("title").String(l.condition_title);
      w.Key("url").String("/" + l.condition + "/").Key("explanation").String(l.explanation);
      w.Key("citations").BeginArray();
      for (const auto* r : l.citations) {
        if (r) Reference(w, *r);
      }
      w.EndArray().EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("unmatched").BeginArray();
  for (const auto& u : result.unmatched) {
    w.BeginObject().Key("input").String(u.input).Key("suggestions").StringArray(u.suggestions);
    w.EndObject();
  }
  w.EndArray();
  w.Key("truncated").Bool(result.truncated);
  w.Key("safety_advice").String(result.safety_advice);
  w.EndObject();
  return w.Take();
}

std::string SymptomCheckersJson(const content::Content& content) {
  JsonWriter w;
  w.BeginObject().Key("checkers").BeginArray();
  for (const auto& c : content.symptom_checkers) {
    w.BeginObject().Key("id").String(c.id).Key("title").String(c.title);
    w.Key("condition").String(c.condition).Key("questions").BeginArray();
    for (const auto& q : c.questions) {
      w.BeginObject().Key("id").String(q.id).Key("text").String(q.text);
      if (!q.hint.empty()) w.Key("hint").String(q.hint);
      w.EndObject();
    }
    w.EndArray().EndObject();
  }
  w.EndArray().EndObject();
  return w.Take();
}

std::string SymptomCheckJson(const content::SymptomChecker& checker,
                             const tools::SymptomCheckResult& r) {
  JsonWriter w;
  w.BeginObject();
  w.Key("checker").String(checker.id);
  w.Key("urgency").String(tools::UrgencyCode(r.urgency));
  w.Key("urgency_label").String(tools::UrgencyLabel(r.urgency));
  w.Key("advice").String(r.advice);
  w.Key("used_default").Bool(r.used_default);
  w.Key("reasons").BeginArray();
  for (const auto* rule : r.matched) {
    w.BeginObject().Key("rule").String(rule->id).Key("urgency").String(
        tools::UrgencyCode(rule->urgency));
    w.Key("advice").String(rule->advice).Key("reason").String(rule->reason).EndObject();
  }
  w.EndArray();
  w.Key("red_flags_answered").BeginArray();
  for (const auto* q : r.red_flags_answered) w.String(q->id);
  w.EndArray();
  w.EndObject();
  return w.Take();
}

namespace {

Response FhirResponse(int status, std::string body) {
  Response r;
  r.status = status;
  r.content_type = "application/fhir+json; charset=utf-8";
  r.body = std::move(body);
  r.SetHeader("Cache-Control", "no-cache");
  r.SetHeader("Access-Control-Allow-Origin", "*");
  return r;
}

// FHIR's error resource.
Response OperationOutcome(int status, std::string_view code, std::string_view message) {
  JsonWriter w;
  w.BeginObject().Key("resourceType").String("OperationOutcome").Key("issue").BeginArray();
  w.BeginObject().Key("severity").String("error").Key("code").String(code);
  w.Key("diagnostics").String(message).EndObject();
  w.EndArray().EndObject();
  return FhirResponse(status, w.Take());
}

}  // namespace

Response FhirRoute(const Request& request, const Snapshot& snap) {
  const std::string& base = snap.content().site.base_url;
  std::string_view path = request.Path();
  if (path.starts_with("/fhir/Evidence/")) {
    auto id = PercentDecode(path.substr(15), false);
    if (!id || id->empty() || id->find('/') != std::string::npos) {
      return OperationOutcome(404, "not-found", "no such Evidence resource");
    }
    for (const auto& t : snap.knowledge->treatments) {
      if (t.treatment == nullptr) continue;
      for (const auto& o : t.outcomes) {
        if (render::FhirEvidenceId(t, o) == *id) {
          return FhirResponse(200, render::FhirEvidenceJson(t, o, base));
        }
      }
    }
    return OperationOutcome(404, "not-found", "no Evidence resource '" + *id + "'");
  }
  if (path == "/fhir/Evidence" || path == "/fhir/Evidence/") {
    QueryParams params(request.Query());
    auto condition = params.Get("condition");
    if (!condition) {
      return OperationOutcome(400, "required", "search Evidence by condition (an article slug)");
    }
    std::vector<std::pair<std::string, std::string>> found;  // full URL, resource JSON
    for (const auto& t : snap.knowledge->treatments) {
      if (t.treatment == nullptr || t.treatment->condition != *condition) continue;
      for (const auto& o : t.outcomes) {
        std::string id = render::FhirEvidenceId(t, o);
        found.emplace_back(base + "/fhir/Evidence/" + id, render::FhirEvidenceJson(t, o, base));
      }
    }
    JsonWriter w;
    w.BeginObject().Key("resourceType").String("Bundle").Key("type").String("searchset");
    w.Key("total").Int(static_cast<long long>(found.size()));
    w.Key("link").BeginArray().BeginObject().Key("relation").String("self");
    w.Key("url").String(base + "/fhir/Evidence?condition=" + std::string(*condition));
    w.EndObject().EndArray();
    w.Key("entry").BeginArray();
    for (const auto& [url, resource] : found) {
      w.BeginObject().Key("fullUrl").String(url).Key("resource").RawValue(resource);
      w.Key("search").BeginObject().Key("mode").String("match").EndObject().EndObject();
    }
    w.EndArray().EndObject();
    return FhirResponse(200, w.Take());
  }
  return OperationOutcome(404, "not-found", "this server has only Evidence resources");
}

}  // namespace evidoc::server
