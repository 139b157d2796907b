#include "server/app.h"

#include <ctime>
#include <nlohmann/json.hpp>
#include <set>

#include "render/decision_aid_page.h"
#include "render/escape.h"
#include "render/html.h"
#include "render/json_writer.h"
#include "render/layout.h"
#include "render/medicines_page.h"
#include "render/symptom_page.h"
#include "render/treatment_json.h"
#include "server/api_json.h"
#include "server/infobutton.h"
#include "server/query_string.h"
#include "tools/medicines_check.h"
#include "tools/symptom_check.h"

namespace evidoc::server {
namespace {

constexpr std::string_view kJson = "application/json; charset=utf-8";

std::string SystemNow() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Response JsonResponse(int status, std::string body, std::string_view cache = "no-cache") {
  Response r;
  r.status = status;
  r.content_type = std::string(kJson);
  r.body = std::move(body);
  r.SetHeader("Cache-Control", std::string(cache));
  return r;
}

Response HtmlResponse(int status, std::string body, std::string_view cache = "no-cache") {
  Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(body);
  r.SetHeader("Cache-Control", std::string(cache));
  return r;
}

bool IsGetOrHead(const Request& r) { return r.method == "GET" || r.method == "HEAD"; }

Response MethodNotAllowed(std::string_view allow) {
  Response r = JsonError(405, "method not allowed; use " + std::string(allow));
  r.SetHeader("Allow", std::string(allow));
  return r;
}

size_t ParseSize(std::string_view s, size_t fallback, size_t max) {
  if (s.empty() || s.size() > 6) return fallback;
  size_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return fallback;
    v = v * 10 + static_cast<size_t>(c - '0');
  }
  return std::min(v, max);
}

bool IsJsonBody(const Request& r) {
  return r.Header("content-type").starts_with("application/json");
}
bool IsFormBody(const Request& r) {
  return r.Header("content-type").starts_with("application/x-www-form-urlencoded");
}

// Reads POST parameters from a form body or a flat JSON object into the same
// shape as a query string; `list_keys` may hold arrays of strings (joined
// with ','). nlohmann throws on bad JSON: caught here, at the edge.
std::optional<QueryParams> PostParams(const Request& r, std::string* error) {
  if (IsFormBody(r)) return QueryParams(r.body);
  if (!IsJsonBody(r)) {
    *error = "send application/json or application/x-www-form-urlencoded";
    return std::nullopt;
  }
  try {
    auto j = nlohmann::json::parse(r.body, nullptr, true, false);
    if (!j.is_object()) {
      *error = "the body must be a JSON object";
      return std::nullopt;
    }
    std::string q;
    for (auto it = j.begin(); it != j.end(); ++it) {
      std::string value;
      if (it->is_string()) {
        value = it->get<std::string>();
      } else if (it->is_boolean()) {
        value = it->get<bool>() ? "yes" : "no";
      } else if (it->is_array()) {
        for (const auto& e : *it) {
          if (!e.is_string()) continue;
          if (!value.empty()) value += ',';
          value += e.get<std::string>();
        }
      } else {
        continue;
      }
      if (!q.empty()) q += '&';
      q += render::EscapeUrlComponent(it.key()) + "=" + render::EscapeUrlComponent(value);
    }
    return QueryParams(q);
  } catch (const std::exception&) {
    *error = "the body is not valid JSON";
    return std::nullopt;
  }
}

// Paths whose query strings hold what a reader typed into a check: logged
// without their query. Feedback is POST-only, but its path is here too.
bool IsPrivateRoute(std::string_view path) {
  RouteClass c = ClassifyPath(path);
  return c == RouteClass::kCheck || c == RouteClass::kFeedback;
}

}  // namespace

Response JsonError(int status, std::string_view message) {
  render::JsonWriter w;
  w.BeginObject().Key("status").Int(status).Key("message").String(message).EndObject();
  return JsonResponse(status, w.Take(), "no-store");
}

void AddSecurityHeaders(Response& r) {
  for (const auto& [name, value] : SecurityHeaders()) {
    r.SetHeader(std::string(name), std::string(value));
  }
}

App::App(SnapshotHolder& snapshots, Metrics& metrics, AppOptions options)
    : snapshots_(snapshots),
      metrics_(metrics),
      options_(std::move(options)),
      feedback_limiter_(options_.feedback_burst, options_.feedback_per_minute) {
  if (!options_.now) options_.now = SystemNow;
}

bool IsDynamicPath(std::string_view path) {
  return path == "/healthz" || path == "/metrics" || path == "/search" || path == "/search/" ||
         path == "/feedback" || path == "/infobutton" || path.starts_with("/fhir/") ||
         path == "/api" || path.starts_with("/api/");
}

std::optional<Response> App::Prepared(const Request& req,
                                      const std::shared_ptr<const Snapshot>& snap) {
  // Only what Route would answer with ServeFile(200) unchanged: GET or HEAD
  // of a file's own URL, no query (the checks and the decision aid answer
  // some paths with a query), no route of its own (see IsDynamicPath).
  if (req.method != "GET" && req.method != "HEAD") return std::nullopt;
  if (req.target.find('?') != std::string::npos) return std::nullopt;
  std::string_view path = req.target;
  auto it = snap->by_url.find(path);
  if (it == snap->by_url.end() || IsDynamicPath(path)) return std::nullopt;
  const StaticFile& f = *it->second;
  bool gz = !f.gzip.empty() && AcceptsGzip(req.Header("accept-encoding"));
  Response r;
  r.keep_alive = snap;
  if (EtagMatches(req.Header("if-none-match"), gz ? f.etag_gzip : f.etag)) {
    r.status = 304;
    r.prepared_head = gz ? f.head_304_gzip : f.head_304;
    return r;
  }
  r.prepared_head = gz ? f.head_gzip : f.head;
  r.shared_body = gz ? std::string_view(f.gzip) : std::string_view(f.bytes);
  r.use_shared = true;
  return r;
}

Response App::Handle(const Request& request) {
  std::shared_ptr<const Snapshot> snap = snapshots_.Get();
  if (snap) {
    // The prepared head already carries the security headers.
    if (auto prepared = Prepared(request, snap)) return std::move(*prepared);
    std::string_view path = request.Path();
    if (IsGetOrHead(request)) {
      if (path == "/search" || path == "/search/") return Search(request, snap, false);
      if (path == "/api/v1/search") return Search(request, snap, true);
    }
  }
  Response r;
  if (!snap) {
    r = JsonError(503, "the site is starting");
  } else {
    r = Route(request, snap);
  }
  AddSecurityHeaders(r);
  return r;
}

void App::Log(const Request& request, int status, size_t bytes, std::chrono::microseconds elapsed) {
  std::string_view path = request.Path();
  metrics_.CountRequest(ClassifyPath(path), status, elapsed);
  if (options_.access_log == nullptr) return;
  std::string_view shown = IsPrivateRoute(path) ? path : std::string_view(request.target);
  // Control characters in a target would forge log lines; show them as '?'.
  std::string safe;
  safe.reserve(std::min<size_t>(shown.size(), 512));
  for (char c : shown.substr(0, 512)) {
    safe.push_back(static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '"' ? '?' : c);
  }
  std::string method = request.method.substr(0, 16);
  char line[700];
  int n = std::snprintf(line, sizeof line, "%s \"%s %s\" %d %zu %.6f\n", options_.now().c_str(),
                        method.c_str(), safe.c_str(), status, bytes,
                        static_cast<double>(elapsed.count()) / 1e6);
  std::lock_guard<std::mutex> lock(log_mutex_);
  std::fwrite(line, 1, static_cast<size_t>(std::min<int>(n, sizeof line - 1)), options_.access_log);
}

Response App::Route(const Request& req, const std::shared_ptr<const Snapshot>& snap) {
  std::string_view path = req.Path();
  if (path == "/healthz") {
    if (!IsGetOrHead(req)) return MethodNotAllowed("GET, HEAD");
    render::JsonWriter w;
    w.BeginObject()
        .Key("status")
        .String("ok")
        .Key("generation")
        .Int(static_cast<long long>(snap->generation))
        .Key("articles")
        .Int(static_cast<long long>(snap->content().articles.size()))
        .Key("files")
        .Int(static_cast<long long>(snap->files.size()))
        .EndObject();
    return JsonResponse(200, w.Take(), "no-store");
  }
  if (path == "/metrics") {
    if (!IsGetOrHead(req)) return MethodNotAllowed("GET, HEAD");
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = metrics_.Render();
    r.SetHeader("Cache-Control", "no-store");
    return r;
  }
  if (path == "/search" || path == "/search/") {
    if (!IsGetOrHead(req)) return MethodNotAllowed("GET, HEAD");
    return Search(req, snap, false);
  }
  if (path == "/feedback") {
    if (req.method != "POST") return MethodNotAllowed("POST");
    return FeedbackPost(req, *snap, /*form=*/true);
  }
  if (path == "/infobutton") {
    if (!IsGetOrHead(req)) return MethodNotAllowed("GET, HEAD");
    return Infobutton(*snap, QueryParams(req.Query()), options_.now());
  }
  if (path.starts_with("/fhir/")) {
    if (!IsGetOrHead(req)) return MethodNotAllowed("GET, HEAD");
    return Fhir(req, *snap);
  }
  if (path.starts_with("/api/v1/")) return Api(req, snap, path.substr(8));
  if (path == "/api" || path == "/api/" || path == "/api/v1")
    return JsonError(404, "no such route; see /api/v1/");

  if (!IsGetOrHead(req)) return MethodNotAllowed("GET, HEAD");
  // The checks' result pages: what the reader typed is answered, escaped,
  // and never stored, logged (see Log) or cached.
  if (path == "/medicines-check/" && !req.Query().empty()) {
    QueryParams params(req.Query());
    if (auto text = params.Get("medicines")) {
      return HtmlResponse(200, render::RenderMedicinesCheckResult(*snap->knowledge, *text),
                          "no-store");
    }
  }
  if (path.starts_with("/symptom-check/") && path.size() > 15 && path.ends_with("/") &&
      !req.Query().empty()) {
    std::string id(path.substr(15, path.size() - 16));
    if (id.find('/') == std::string::npos) {
      QueryParams params(req.Query());
      auto page = render::RenderSymptomCheckResult(*snap->knowledge, id,
                                                   render::YesAnswers(params.items()));
      if (page) return HtmlResponse(200, std::move(*page), "no-store");
    }
  }
  // The decision aid with the reader's chosen options (?option=a&option=b):
  // the static page shows every option; this answers the plain HTML form.
  if (path.starts_with("/decision-aid/") && path.size() > 14 && path.ends_with("/") &&
      !req.Query().empty()) {
    std::string condition(path.substr(14, path.size() - 15));
    if (condition.find('/') == std::string::npos) {
      std::set<std::string> chosen;
      const QueryParams params(req.Query());  // outlives the loop (a temporary would not)
      for (const auto& [name, value] : params.items()) {
        if (name == render::kDecisionAidOptionParam) chosen.insert(value);
      }
      auto page = render::RenderDecisionAidPage(*snap->knowledge, condition, chosen);
      if (page) return HtmlResponse(200, std::move(*page), "no-store");
    }
  }
  auto site_path = SitePathFor(path);
  if (!site_path) {
    Response r = HtmlResponse(400, "<!doctype html><title>Bad request</title><p>Bad request.</p>\n",
                              "no-store");
    return r;
  }
  if (const StaticFile* f = snap->Find(*site_path)) return ServeFile(req, snap, *f);
  // "/leg-cramps" → "/leg-cramps/" when that is a page: one URL per page.
  if (!path.ends_with("/") && snap->Find(*site_path + "/index.html") != nullptr) {
    Response r;
    r.status = 301;
    r.content_type = "text/plain; charset=utf-8";
    r.SetHeader("Location", std::string(path) + "/");
    r.body = "Moved to " + std::string(path) + "/\n";
    return r;
  }
  return NotFound(req, snap);
}

Response App::ServeFile(const Request& req, const std::shared_ptr<const Snapshot>& snap,
                        const StaticFile& f, int status) {
  Response r;
  r.status = status;
  r.content_type = f.content_type;
  bool gz = !f.gzip.empty() && AcceptsGzip(req.Header("accept-encoding"));
  const std::string& etag = gz ? f.etag_gzip : f.etag;
  if (status == 200) {
    r.SetHeader("ETag", etag);
    r.SetHeader("Cache-Control", f.cache_control);
  } else {
    r.SetHeader("Cache-Control", "no-cache");
  }
  if (!f.gzip.empty()) r.SetHeader("Vary", "Accept-Encoding");
  if (status == 200 && EtagMatches(req.Header("if-none-match"), etag)) {
    r.status = 304;
    return r;
  }
  if (gz) r.SetHeader("Content-Encoding", "gzip");
  // The body stays in the snapshot; the response only keeps the snapshot alive.
  r.keep_alive = snap;
  r.shared_body = gz ? std::string_view(f.gzip) : std::string_view(f.bytes);
  r.use_shared = true;
  return r;
}

Response App::NotFound(const Request& req, const std::shared_ptr<const Snapshot>& snap) {
  if (const StaticFile* f = snap->Find("404.html")) return ServeFile(req, snap, *f, 404);
  render::Page page;
  page.site = &snap->content().site;
  page.url_path = "/404.html";
  page.title = "Page not found";
  page.noindex = true;
  render::HtmlWriter w;
  w.Element("h1", "Page not found");
  w.Open("p").Text("We could not find that page. Try searching, or go to the ");
  w.Element("a", {{"href", "/"}}, "home page").Text(".").Close("p");
  page.main = w.Take();
  return HtmlResponse(404, render::RenderPage(page));
}

void App::RecordSearch(const SearchRecord& record) {
  if (!record.record) return;
  metrics_.CountSearch(record.missed);
  if (record.missed && options_.store != nullptr) {
    // Only the text of a search that found nothing: it shows editors a gap.
    (void)options_.store->AddMissedSearch(NormaliseSearchQuery(record.query));
  }
}

static App::SearchRecord SearchRecordOf(const search::SearchResults& res, size_t offset) {
  return {offset == 0, res.hits.empty() && !res.query.empty(), res.query};
}

Response App::Search(const Request& req, const std::shared_ptr<const Snapshot>& snap, bool api) {
  // A repeat of a recent search target: the same answer (the snapshot has
  // not changed), counted and logged like a new search.
  if (auto hit = snap->search_answers.Get(req.target)) {
    RecordSearch(SearchRecord{hit->record, hit->missed, hit->query});
    Response r;
    r.status = 200;
    r.prepared_head = hit->head;
    r.shared_body = hit->body;
    r.use_shared = true;
    r.keep_alive = hit;
    return r;
  }
  SearchRecord record;
  Response r = api ? SearchApi(req, *snap, &record) : SearchPage(req, *snap, &record);
  RecordSearch(record);
  AddSecurityHeaders(r);
  if (r.status == 200 && !r.use_shared) {
    auto answer = std::make_shared<CachedAnswer>();
    answer->head = PreparedHeadOf(r);
    answer->body = r.body;
    answer->record = record.record;
    answer->missed = record.missed;
    answer->query = record.query;
    snap->search_answers.Put(req.target, std::move(answer));
  }
  return r;
}

Response App::SearchPage(const Request& req, const Snapshot& snap, SearchRecord* record) {
  QueryParams params(req.Query());
  std::string q(params.GetOr("q", ""));
  render::Page page;
  page.site = &snap.content().site;
  page.url_path = "/search/";
  page.search_query = q;
  page.noindex = true;
  page.breadcrumbs = {{"Home", "/"}};
  render::HtmlWriter w;
  if (q.empty()) {
    page.title = "Search";
    w.Element("h1", "Search");
    w.Element("p", "Type what you want to know about in the search box, in your own words.");
  } else {
    size_t offset = ParseSize(params.GetOr("offset", ""), 0, 1000);
    search::SearchResults res = snap.search->Search(q, offset, 10);
    *record = SearchRecordOf(res, offset);
    page.title = "Search results for " + res.query;
    w.Element("h1", "Search results for \u201c" + res.query + "\u201d");
    if (!res.corrected.empty()) {
      std::string href = "/search?q=" + render::EscapeUrlComponent(res.corrected);
      w.Open("p", {{"class", "did-you-mean"}});
      w.Text(res.used_corrected ? "Showing results for " : "Did you mean ");
      w.Open("a", {{"href", href}}).Element("strong", res.corrected).Close("a");
      w.Text(res.used_corrected ? "." : "?");
      w.Close("p");
    }
    if (res.hits.empty()) {
      w.Element("p", "We found nothing for your search. Try other words, or fewer words.");
    } else {
      w.Open("ol", {{"class", "search-results"}, {"start", std::to_string(offset + 1)}});
      for (const auto& hit : res.hits) {
        w.Open("li");
        w.Open("h2").Element("a", {{"href", hit.url}}, hit.title).Close("h2");
        if (hit.kind != search::DocKind::kArticle) {
          w.Element("p", {{"class", "search-kind"}},
                    hit.kind == search::DocKind::kTreatment ? "Treatment" : "Glossary");
        }
        // The snippet maker (search/snippet.h) HTML-escapes the text and adds
        // only <mark> tags.
        w.Open("p", {{"class", "snippet"}})
            .Append(render::Html::Trusted(hit.snippet_html))
            .Close("p");
        w.Close("li");
      }
      w.Close("ol");
      if (res.total > offset + res.hits.size() && res.hits.size() == 10) {
        std::string next = "/search?q=" + render::EscapeUrlComponent(res.query) +
                           "&offset=" + std::to_string(offset + 10);
        w.Open("p").Element("a", {{"href", next}, {"rel", "next"}}, "More results").Close("p");
      }
    }
  }
  page.main = w.Take();
  Response r = HtmlResponse(200, render::RenderPage(page), "no-cache");
  return r;
}

Response App::SearchApi(const Request& req, const Snapshot& snap, SearchRecord* record) {
  QueryParams params(req.Query());
  auto q = params.Get("q");
  if (!q || q->empty()) return JsonError(400, "missing parameter q");
  size_t offset = ParseSize(params.GetOr("offset", ""), 0, 1000);
  size_t limit = ParseSize(params.GetOr("limit", ""), 10, search::kMaxResults);
  search::SearchResults res = snap.search->Search(*q, offset, limit);
  *record = SearchRecordOf(res, offset);
  Response r = JsonResponse(200, SearchResultsJson(res));
  r.SetHeader("Access-Control-Allow-Origin", "*");
  return r;
}

Response App::SuggestApi(const Request& req, const Snapshot& snap) {
  QueryParams params(req.Query());
  std::string q(params.GetOr("q", ""));
  size_t limit = ParseSize(params.GetOr("limit", ""), 8, 20);
  Response r =
      JsonResponse(200, SuggestionsJson(q, snap.search->Suggest(q, limit)), "public, max-age=60");
  r.SetHeader("Access-Control-Allow-Origin", "*");
  return r;
}

Response App::Api(const Request& req, const std::shared_ptr<const Snapshot>& snap,
                  std::string_view rest) {
  if (rest == "medicines-check") {
    if (req.method != "GET" && req.method != "HEAD" && req.method != "POST") {
      return MethodNotAllowed("GET, HEAD, POST");
    }
    return MedicinesCheck(req, *snap);
  }
  if (rest == "symptom-check") {
    if (req.method != "GET" && req.method != "HEAD" && req.method != "POST") {
      return MethodNotAllowed("GET, HEAD, POST");
    }
    return SymptomCheck(req, *snap);
  }
  if (rest == "feedback") {
    if (req.method != "POST") return MethodNotAllowed("POST");
    return FeedbackPost(req, *snap, /*form=*/false);
  }
  if (!IsGetOrHead(req)) return MethodNotAllowed("GET, HEAD");
  Response r;
  if (rest == "search") {
    return Search(req, snap, true);
  } else if (rest == "suggest") {
    return SuggestApi(req, *snap);
  }
  // Static API files from the build when it wrote them; else generated here
  // (the treatments with the same functions as the build).
  std::string name(rest);
  if (name.ends_with(".json")) name.resize(name.size() - 5);
  if (name.empty() || name.find("..") != std::string::npos) return JsonError(404, "no such route");
  if (const StaticFile* f = snap->Find("api/v1/" + name + ".json")) {
    r = ServeFile(req, snap, *f);
  } else if (name == "articles") {
    r = JsonResponse(200, ArticlesJson(*snap));
  } else if (name.starts_with("articles/")) {
    const content::Article* a = snap->FindArticle(name.substr(9));
    if (a == nullptr) return JsonError(404, "no article '" + name.substr(9) + "'");
    r = JsonResponse(200, ArticleJson(*snap, *a));
  } else if (name == "treatments") {
    r = JsonResponse(200, render::TreatmentsJson(*snap->knowledge));
  } else if (name.starts_with("treatments/")) {
    const knowledge::TreatmentResult* t = snap->FindTreatment(name.substr(11));
    if (t == nullptr) return JsonError(404, "no treatment '" + name.substr(11) + "'");
    r = JsonResponse(200, render::TreatmentJson(*t));
  } else if (name == "glossary") {
    r = JsonResponse(200, GlossaryJson(*snap));
  } else {
    return JsonError(404, "no such route; see docs/api.md");
  }
  r.SetHeader("Access-Control-Allow-Origin", "*");
  return r;
}

Response App::MedicinesCheck(const Request& req, const Snapshot& snap) {
  QueryParams params;
  if (req.method == "POST") {
    std::string error;
    auto p = PostParams(req, &error);
    if (!p) return JsonError(IsJsonBody(req) || IsFormBody(req) ? 400 : 415, error);
    params = std::move(*p);
  } else {
    params = QueryParams(req.Query());
  }
  auto text = params.Get("medicines");
  if (!text) text = params.Get("q");
  if (!text || text->empty()) return JsonError(400, "missing parameter medicines");
  auto result = tools::CheckMedicines(snap.content(), *text);
  // What a reader typed is never cached anywhere on the way back.
  return JsonResponse(200, MedicinesCheckJson(result), "no-store");
}

Response App::SymptomCheck(const Request& req, const Snapshot& snap) {
  QueryParams params;
  if (req.method == "POST") {
    std::string error;
    auto p = PostParams(req, &error);
    if (!p) return JsonError(IsJsonBody(req) || IsFormBody(req) ? 400 : 415, error);
    params = std::move(*p);
  } else {
    params = QueryParams(req.Query());
  }
  auto checker_id = params.Get("checker");
  if (!checker_id) {
    return JsonResponse(200, SymptomCheckersJson(snap.content()), "no-cache");
  }
  const content::SymptomChecker* checker = nullptr;
  for (const auto& c : snap.content().symptom_checkers) {
    if (c.id == *checker_id) checker = &c;
  }
  if (checker == nullptr)
    return JsonError(404, "no symptom checker '" + std::string(*checker_id) + "'");
  std::set<std::string> yes;
  for (const auto& [k, v] : params.items()) {
    if (k == "yes") {
      size_t start = 0;
      while (start <= v.size()) {
        size_t comma = v.find(',', start);
        std::string id = v.substr(start, comma == std::string::npos ? comma : comma - start);
        if (!id.empty()) yes.insert(id);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    } else if (v == "yes") {
      yes.insert(k);  // form style: <question id>=yes
    }
  }
  auto result = tools::CheckSymptoms(*checker, yes);
  return JsonResponse(200, SymptomCheckJson(*checker, result), "no-store");
}

Response App::FeedbackPost(const Request& req, const Snapshot& snap, bool form) {
  auto fail = [&](int status, std::string_view message) {
    if (!form) return JsonError(status, message);
    render::Page page;
    page.site = &snap.content().site;
    page.url_path = "/feedback";
    page.title = "Feedback not sent";
    page.noindex = true;
    render::HtmlWriter w;
    w.Element("h1", "Your feedback was not sent");
    w.Element("p", message);
    page.main = w.Take();
    return HtmlResponse(status, render::RenderPage(page), "no-store");
  };
  if (!feedback_limiter_.Allow(req.client)) {
    Response r = fail(429, "too many feedback answers from you; try again in a minute");
    r.SetHeader("Retry-After", "60");
    return r;
  }
  std::string error;
  auto params = PostParams(req, &error);
  if (!params) return fail(IsJsonBody(req) || IsFormBody(req) ? 400 : 415, error);
  auto f = ValidateFeedback(params->GetOr("page", ""), params->GetOr("helpful", ""),
                            params->GetOr("comment", ""));
  if (!f) return fail(400, f.error());
  if (options_.store == nullptr) return fail(503, "feedback is not being collected");
  // Stored (committed) before we answer.
  if (auto stored = options_.store->AddFeedback(*f); !stored) {
    std::fprintf(stderr, "evidoc serve: feedback not stored: %s\n", stored.error().c_str());
    return fail(503, "feedback could not be stored; please try again later");
  }
  metrics_.CountFeedback();
  if (!form) {
    render::JsonWriter w;
    w.BeginObject()
        .Key("status")
        .Int(201)
        .Key("message")
        .String("Thank you for your feedback")
        .EndObject();
    return JsonResponse(201, w.Take(), "no-store");
  }
  render::Page page;
  page.site = &snap.content().site;
  page.url_path = "/feedback";
  page.title = "Thank you";
  page.noindex = true;
  render::HtmlWriter w;
  w.Element("h1", "Thank you for your feedback");
  w.Element("p", "It helps us improve this information.");
  w.Open("p").Element("a", {{"href", f->page}}, "Go back to the page").Close("p");
  page.main = w.Take();
  return HtmlResponse(200, render::RenderPage(page), "no-store");
}

Response App::Fhir(const Request& req, const Snapshot& snap) { return FhirRoute(req, snap); }

}  // namespace evidoc::server
