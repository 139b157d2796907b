#include "server/infobutton.h"

#include <set>

#include "render/escape.h"
#include "render/json_writer.h"

namespace evidoc::server {
namespace {

constexpr InfobuttonCodeSystem kSystems[] = {
    {"2.16.840.1.113883.6.90", "ICD10CM", "ICD-10-CM"},
    {"2.16.840.1.113883.6.96", "SNOMEDCT", "SNOMED CT"},
    {"2.16.840.1.113883.6.103", "ICD9CM", "ICD-9-CM"},
    {"2.16.840.1.113883.6.88", "RXCUI", "RxNorm"},
    {"2.16.840.1.113883.6.1", "LOINC", "LOINC"},
    {"2.16.840.1.113883.6.69", "NDC", "NDC"},
};

struct Entry {
  std::string title;
  std::string url;      // absolute
  std::string id;       // "tag: host, date:/path"
  std::string summary;  // HTML
  std::string updated;  // "YYYY-MM-DDT00:00:00Z"
};

std::string HostOf(std::string_view base_url) {
  size_t s = base_url.find("://");
  std::string_view rest = s == std::string_view::npos ? base_url : base_url.substr(s + 3);
  return std::string(rest.substr(0, rest.find('/')));
}

Entry ArticleEntry(const Snapshot& snap, const content::Article& a, std::string_view extra_html) {
  const auto& site = snap.content().site;
  Entry e;
  e.title = a.title;
  e.url = site.base_url + "/" + a.slug + "/";
  std::string date = a.last_reviewed.year > 0 ? a.last_reviewed.ToIso() : "1970-01-01";
  e.id = "tag: " + HostOf(site.base_url) + ", " + date + ":/" + a.slug + "/";
  e.updated = date + "T00:00:00Z";
  // The summary is HTML (type="html"); its text is escaped here, once; the
  // feed writer escapes the whole again for XML or JSON.
  e.summary = "<p>" + render::EscapeHtmlText(a.summary) + "</p>";
  if (!a.synonyms.empty()) {
    e.summary += "<p class=\"NLMalsoCalled\">Also called: ";
    for (size_t i = 0; i < a.synonyms.size(); ++i) {
      if (i) e.summary += ", ";
      e.summary += render::EscapeHtmlText(a.synonyms[i]);
    }
    e.summary += "</p>";
  }
  e.summary += extra_html;
  e.summary += "<p class=\"NLMattribution\">" + render::EscapeHtmlText(site.publisher) + "</p>";
  return e;
}

void AddArticle(const Snapshot& snap, const std::string& slug, std::string_view extra,
                std::vector<Entry>& out, std::set<std::string>& seen) {
  if (out.size() >= kMaxInfobuttonEntries || !seen.insert(slug).second) return;
  if (const content::Article* a = snap.FindArticle(slug))
    out.push_back(ArticleEntry(snap, *a, extra));
}

std::vector<Entry> Resolve(const Snapshot& snap, const InfobuttonCodeSystem* system,
                           std::string_view code) {
  std::vector<Entry> out;
  std::set<std::string> seen;
  if (system == nullptr || code.empty()) return out;
  if (system->symbol == "ICD10CM") {
    std::string want = NormaliseIcd10(code);
    // 1. exact; 2. the longest article code that is a prefix of the request
    // (a more specific code in the same family); 3. article codes inside the
    // requested family (the request is a category such as I82).
    if (auto it = snap.icd10.find(want); it != snap.icd10.end()) {
      for (const auto& s : it->second) AddArticle(snap, s, "", out, seen);
    }
    if (out.empty()) {
      for (size_t len = want.size(); len >= 3 && out.empty(); --len) {
        auto it = snap.icd10.find(want.substr(0, len));
        if (it != snap.icd10.end()) {
          for (const auto& s : it->second) AddArticle(snap, s, "", out, seen);
        }
      }
    }
    if (out.empty() && want.size() >= 3) {
      for (auto it = snap.icd10.lower_bound(want);
           it != snap.icd10.end() && it->first.starts_with(want); ++it) {
        for (const auto& s : it->second) AddArticle(snap, s, "", out, seen);
      }
    }
  } else if (system->symbol == "SNOMEDCT") {
    if (auto it = snap.snomed.find(std::string(code)); it != snap.snomed.end()) {
      for (const auto& s : it->second) AddArticle(snap, s, "", out, seen);
    }
  } else if (system->symbol == "RXCUI") {
    if (auto it = snap.rxnorm.find(std::string(code)); it != snap.rxnorm.end()) {
      for (const content::MedicineClass* mc : it->second) {
        for (const auto& eff : mc->may_cause) {
          std::string extra = "<p class=\"NLMrelatedLinks\">" + render::EscapeHtmlText(mc->name) +
                              " may cause this: " + render::EscapeHtmlText(eff.explanation) +
                              "</p>";
          AddArticle(snap, eff.condition, extra, out, seen);
        }
      }
    }
  }
  return out;
}

std::vector<Entry> SearchFallback(const Snapshot& snap, std::string_view text) {
  std::vector<Entry> out;
  std::set<std::string> seen;
  // A display name names one concept: the best article only, not the
  // weaker matches that share a word with it.
  auto results = snap.search->Search(text, 0, 10);
  for (const auto& hit : results.hits) {
    if (hit.kind != search::DocKind::kArticle) continue;
    AddArticle(snap, hit.id, "", out, seen);
    break;
  }
  return out;
}

bool ValidCallback(std::string_view cb) {
  if (cb.empty() || cb.size() > 64) return false;
  for (char c : cb) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '$') {
      return false;
    }
  }
  return true;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

const InfobuttonCodeSystem* FindCodeSystem(std::string_view oid) {
  for (const auto& s : kSystems) {
    if (s.oid == oid) return &s;
  }
  return nullptr;
}

Response Infobutton(const Snapshot& snap, const QueryParams& params, std::string_view now) {
  const auto& site = snap.content().site;
  std::string code(params.GetOr("mainSearchCriteria.v.c", ""));
  std::string cs(params.GetOr("mainSearchCriteria.v.cs", ""));
  std::string dn(params.GetOr("mainSearchCriteria.v.dn", ""));
  std::string ot(params.GetOr("mainSearchCriteria.v.ot", ""));
  std::string recipient(params.GetOr("informationRecipient", "PAT"));
  if (recipient != "PAT" && recipient != "PROV" && recipient != "PAYOR") recipient = "PAT";
  std::string lang = Lower(params.GetOr("informationRecipient.languageCode.c", "en"));
  std::string type = Lower(params.GetOr("knowledgeResponseType", "text/xml"));
  // Bound what is echoed: these come back in the feed.
  for (std::string* s : {&code, &cs, &dn, &ot}) {
    if (s->size() > 200) s->resize(200);
  }

  const InfobuttonCodeSystem* system = FindCodeSystem(cs);
  std::vector<Entry> entries;
  bool english = lang == "en" || lang.starts_with("en-");
  if (english) {
    entries = Resolve(snap, system, code);
    if (entries.empty() && !dn.empty()) entries = SearchFallback(snap, dn);
    if (entries.empty() && !ot.empty()) entries = SearchFallback(snap, ot);
  }

  std::string title = site.title + " Connect";
  std::string subtitle =
      site.title + " Connect results for " +
      (system ? std::string(system->name) + " " + code : (code.empty() ? dn : code));
  std::vector<std::pair<std::string, std::string>> categories = {
      {"mainSearchCriteria.v.c", code},
      {"mainSearchCriteria.v.cs", system ? std::string(system->symbol) : cs},
      {"mainSearchCriteria.v.dn", dn},
      {"informationRecipient", recipient},
  };
  std::string feed_lang = english ? "en" : lang;
  Response r;
  r.SetHeader("Cache-Control", "public, max-age=300");
  r.SetHeader("Access-Control-Allow-Origin", "*");

  if (type == "application/json" || type == "application/javascript") {
    render::JsonWriter w;
    w.BeginObject().Key("feed").BeginObject();
    w.Key("base").String(site.base_url + "/");
    w.Key("lang").String(feed_lang);
    w.Key("xsi").String("http://www.w3.org/2001/XMLSchema-instance");
    w.Key("title").BeginObject().Key("type").String("text").Key("_value").String(title).EndObject();
    w.Key("updated").BeginObject().Key("_value").String(now).EndObject();
    w.Key("id").BeginObject().Key("_value").String("").EndObject();
    w.Key("author").BeginObject();
    w.Key("name").BeginObject().Key("_value").String(site.publisher).EndObject();
    w.Key("uri").BeginObject().Key("_value").String(site.base_url).EndObject();
    w.EndObject();
    w.Key("subtitle")
        .BeginObject()
        .Key("type")
        .String("text")
        .Key("_value")
        .String(subtitle)
        .EndObject();
    w.Key("category").BeginArray();
    for (const auto& [scheme, term] : categories) {
      w.BeginObject().Key("scheme").String(scheme).Key("term").String(term).EndObject();
    }
    w.EndArray();
    w.Key("entry").BeginArray();
    for (const auto& e : entries) {
      w.BeginObject();
      w.Key("title")
          .BeginObject()
          .Key("_value")
          .String(e.title)
          .Key("type")
          .String("text")
          .EndObject();
      w.Key("link")
          .BeginArray()
          .BeginObject()
          .Key("href")
          .String(e.url)
          .Key("rel")
          .String("alternate")
          .EndObject()
          .EndArray();
      w.Key("id").BeginObject().Key("_value").String(e.id).EndObject();
      w.Key("summary")
          .BeginObject()
          .Key("type")
          .String("html")
          .Key("_value")
          .String(e.summary)
          .EndObject();
      w.Key("updated").BeginObject().Key("_value").String(e.updated).EndObject();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject().EndObject();
    std::string json = w.Take();
    std::string callback(params.GetOr("callback", ""));
    if (type == "application/javascript" && ValidCallback(callback)) {
      r.content_type = "application/javascript; charset=utf-8";
      r.body = callback + "(" + json + ");";
    } else {
      r.content_type = "application/json; charset=utf-8";
      r.body = std::move(json);
    }
    return r;
  }

  std::string& x = r.body;
  r.content_type = "text/xml; charset=utf-8";
  auto esc = [](std::string_view s) { return render::EscapeXmlText(s); };
  x += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"" + esc(site.base_url + "/") +
       "\" xml:lang=\"" + esc(feed_lang) + "\">\n";
  x += "<title type=\"text\">" + esc(title) + "</title>\n";
  x += "<subtitle type=\"text\">" + esc(subtitle) + "</subtitle>\n";
  x += "<author><name>" + esc(site.publisher) + "</name><uri>" + esc(site.base_url) +
       "</uri></author>\n";
  x += "<updated>" + esc(now) + "</updated>\n";
  for (const auto& [scheme, term] : categories) {
    x += "<category scheme=\"" + esc(scheme) + "\" term=\"" + esc(term) + "\"/>\n";
  }
  x += "<id>" + esc(site.base_url + "/infobutton") + "</id>\n";
  for (const auto& e : entries) {
    x += "<entry>\n<title type=\"text\">" + esc(e.title) + "</title>\n";
    x += "<link href=\"" + esc(e.url) + "\" rel=\"alternate\"/>\n";
    x += "<id>" + esc(e.id) + "</id>\n";
    x += "<updated>" + esc(e.updated) + "</updated>\n";
    x += "<summary type=\"html\">" + esc(e.summary) + "</summary>\n</entry>\n";
  }
  x += "</feed>\n";
  return r;
}

}  // namespace evidoc::server
