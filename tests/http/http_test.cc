// `evidoc serve`'s routes over real HTTP on 127.0.0.1 (an ephemeral port):
// the server and the App run in this process on the fixture content, so
// every route, HEAD, 304, gzip, malformed and oversize requests, path
// traversal, both feedback stores and the graceful stop are exercised
// through the same Beast transport the binary uses.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <span>
#include <thread>

#include "http_client.h"
#include "render/treatment_json.h"
#include "search/test_fixture.h"
#include "server/app.h"
#include "server/http_server.h"
#include "server/missed_search_writer.h"
#include "server/static_files.h"

namespace evidoc::server {
namespace {

using evidoc::testing::HttpClient;
using evidoc::testing::HttpReply;
using json = nlohmann::json;

const std::string kHome = "<!doctype html><title>Home</title><p>Welcome</p>";
const std::string kCramps = [] {
  std::string s = "<!doctype html><title>Leg cramps</title>";
  for (int i = 0; i < 100; ++i) s += "<p>Leg cramps are painful and common at night.</p>";
  return s;
}();
const std::string k404 = "<!doctype html><title>Not found</title><p>Sorry, no such page.</p>";

std::vector<site::SiteFile> FixtureFiles() {
  return {
      {"index.html", "text/html; charset=utf-8", kHome},
      {"leg-cramps/index.html", "text/html; charset=utf-8", kCramps},
      {"404.html", "text/html; charset=utf-8", k404},
      {"assets/site.css", "text/css; charset=utf-8", std::string(600, ' ') + "body{}"},
      {"api/v1/articles.json", "application/json", "{\"static\":true}"},
  };
}

std::shared_ptr<const Snapshot> FixtureSnapshot(uint64_t generation, std::string home = kHome) {
  auto files = FixtureFiles();
  files[0].bytes = std::move(home);
  auto s = BuildSnapshot(evidoc::testing::MakeFixtureKnowledge(), std::move(files), generation);
  EXPECT_TRUE(s) << s.error();
  return *s;
}

// One server on an ephemeral port with a SQLite store in a temp dir.
class ServerFixture {
 public:
  explicit ServerFixture(std::string db_url = "", ServerOptions options = {}) {
    dir_ = std::filesystem::temp_directory_path() /
           ("evidoc-http-test-" + std::to_string(getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::create_directories(dir_);
    if (db_url.empty()) db_url = "sqlite:" + (dir_ / "feedback.db").string();
    auto store = OpenFeedbackStore(db_url);
    EXPECT_TRUE(store) << store.error();
    Start(store ? std::move(*store) : nullptr, MissedSearchWriter::kDefaultMaxQueued,
          std::move(options));
  }
  // With `inner` (a test double) behind the missed-search writer, whose
  // queue holds at most `max_queued` queries.
  ServerFixture(std::unique_ptr<FeedbackStore> inner, size_t max_queued) {
    Start(std::move(inner), max_queued, {});
  }
  void Start(std::unique_ptr<FeedbackStore> inner, size_t max_queued, ServerOptions options) {
    // As `evidoc serve` does: missed searches are written in the background;
    // store() reads through the writer, so it sees every earlier search; the
    // writer's dropped and failed counts are in /metrics.
    if (inner) {
      auto writer = std::make_unique<MissedSearchWriter>(std::move(inner), max_queued);
      metrics_.SetMissedSearchWriter(writer.get());
      store_ = std::move(writer);
    }
    holder_.Set(FixtureSnapshot(1));
    AppOptions app_options;
    app_options.store = store_.get();
    app_options.access_log = nullptr;
    app_options.now = [] { return std::string("2026-11-29T10:00:00Z"); };
    app_ = std::make_unique<App>(holder_, metrics_, app_options);
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 2;
    server_ = std::make_unique<HttpServer>(
        options, [this](const Request& r) { return app_->Handle(r); },
        [this](const Request& r, int s, size_t b, std::chrono::microseconds e) {
          app_->Log(r, s, b, e);
        });
    auto port = server_->Start();
    EXPECT_TRUE(port) << port.error();
    port_ = port ? *port : 0;
  }
  ~ServerFixture() {
    server_->Stop();
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }
  HttpReply Get(const std::string& target,
                std::vector<std::pair<std::string, std::string>> headers = {}) {
    return HttpClient(port_).Send("GET", target, std::move(headers));
  }
  HttpReply Post(const std::string& target, const std::string& type, const std::string& body) {
    return HttpClient(port_).Send("POST", target, {{"Content-Type", type}}, body);
  }
  unsigned short port() const { return port_; }
  FeedbackStore& store() { return *store_; }
  SnapshotHolder& holder() { return holder_; }
  HttpServer& server() { return *server_; }

 private:
  static inline int counter_ = 0;
  std::filesystem::path dir_;
  std::unique_ptr<FeedbackStore> store_;
  SnapshotHolder holder_;
  Metrics metrics_;
  std::unique_ptr<App> app_;
  std::unique_ptr<HttpServer> server_;
  unsigned short port_ = 0;
};

class HttpTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new ServerFixture(); }
  static void TearDownTestSuite() { delete server_; }
  static inline ServerFixture* server_ = nullptr;
};

void ExpectSecurityHeaders(const HttpReply& r) {
  EXPECT_EQ(r.Header("content-security-policy"),
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'none'");
  EXPECT_EQ(r.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(r.Header("referrer-policy"), "no-referrer");
  EXPECT_EQ(r.Header("x-frame-options"), "DENY");
  EXPECT_NE(r.Header("permissions-policy"), "");
}

// ---- static site -----------------------------------------------------------

TEST_F(HttpTest, ServesPagesWithEtagAndSecurityHeaders) {
  HttpReply r = server_->Get("/");
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, kHome);
  EXPECT_EQ(r.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(r.Header("etag"), MakeEtag(kHome));
  EXPECT_EQ(r.Header("cache-control"), "no-cache");
  ExpectSecurityHeaders(r);
  HttpReply page = server_->Get("/leg-cramps/");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body, kCramps);
  EXPECT_EQ(page.Header("vary"), "Accept-Encoding");
}

TEST_F(HttpTest, HeadHasTheLengthButNoBody) {
  HttpReply r = HttpClient(server_->port()).Send("HEAD", "/leg-cramps/");
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-length"), std::to_string(kCramps.size()));
  EXPECT_EQ(r.body, "");
}

TEST_F(HttpTest, IfNoneMatchGives304) {
  HttpReply r = server_->Get("/leg-cramps/", {{"If-None-Match", MakeEtag(kCramps)}});
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.status, 304);
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(r.Header("etag"), MakeEtag(kCramps));
  EXPECT_EQ(server_->Get("/leg-cramps/", {{"If-None-Match", "\"other\""}}).status, 200);
}

TEST_F(HttpTest, GzipWhenAccepted) {
  HttpReply r = server_->Get("/leg-cramps/", {{"Accept-Encoding", "gzip, br"}});
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.Header("content-encoding"), "gzip");
  EXPECT_LT(r.body.size(), kCramps.size() / 5);
  EXPECT_EQ(GzipDecompress(r.body), kCramps);
  EXPECT_EQ(r.Header("etag"), MakeEtag(kCramps, "-gz"));
  HttpReply z = server_->Get(
      "/leg-cramps/", {{"Accept-Encoding", "gzip"}, {"If-None-Match", MakeEtag(kCramps, "-gz")}});
  EXPECT_EQ(z.status, 304);
  EXPECT_EQ(server_->Get("/leg-cramps/", {{"Accept-Encoding", "gzip;q=0"}}).body, kCramps);
}

TEST_F(HttpTest, AssetsAreCacheable) {
  HttpReply r = server_->Get("/assets/site.css");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type"), "text/css; charset=utf-8");
  EXPECT_EQ(r.Header("cache-control"), "public, max-age=86400");
}

TEST_F(HttpTest, DirectoryWithoutSlashRedirects) {
  HttpReply r = server_->Get("/leg-cramps");
  EXPECT_EQ(r.status, 301);
  EXPECT_EQ(r.Header("location"), "/leg-cramps/");
}

TEST_F(HttpTest, UnknownPageIsThe404Page) {
  HttpReply r = server_->Get("/no-such-page/");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, k404);
  ExpectSecurityHeaders(r);
}

TEST_F(HttpTest, NoPathEscapesTheSite) {
  for (const char* t : {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                        "/leg-cramps/..%2f..%2f..%2fetc%2fpasswd", "/%2E%2E%2F%2E%2E%2Fetc/passwd",
                        "/a/./b", "/a%00.html", "/..%5c..%5cwindows", "//etc/passwd"}) {
    HttpReply r = server_->Get(t);
    ASSERT_TRUE(r.ok) << t;
    EXPECT_EQ(r.status, 400) << t;
    EXPECT_EQ(r.body.find("root:"), std::string::npos) << t;
  }
}

TEST_F(HttpTest, MethodsOtherThanGetAndHeadAreRefused) {
  HttpReply r = HttpClient(server_->port()).Send("DELETE", "/");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.Header("allow"), "GET, HEAD");
  EXPECT_EQ(json::parse(r.body),
            json::parse(R"({"status":405,"message":"method not allowed; use GET, HEAD"})"));
}

TEST_F(HttpTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  HttpClient c(server_->port());
  for (int i = 0; i < 5; ++i) {
    HttpReply r = c.Send("GET", i % 2 ? "/" : "/leg-cramps/");
    ASSERT_TRUE(r.ok) << i;
    EXPECT_EQ(r.status, 200);
  }
}

int StatusOf(const std::string& raw);  // below, with the malformed requests

// A file's own URL is answered from the head prepared with the snapshot; the
// same file behind a query string takes the general route (ServeFile). Both
// must answer with the same status, headers and body.
TEST_F(HttpTest, PreparedAnswersEqualTheGeneralRoute) {
  const std::vector<std::vector<std::pair<std::string, std::string>>> variants = {
      {},
      {{"Accept-Encoding", "gzip"}},
      {{"If-None-Match", MakeEtag(kCramps)}},
      {{"Accept-Encoding", "gzip"}, {"If-None-Match", MakeEtag(kCramps, "-gz")}},
  };
  for (const auto& headers : variants) {
    HttpReply fast = server_->Get("/leg-cramps/", headers);
    HttpReply general = server_->Get("/leg-cramps/?from=test", headers);
    ASSERT_TRUE(fast.ok);
    ASSERT_TRUE(general.ok);
    EXPECT_EQ(fast.status, general.status);
    EXPECT_EQ(fast.headers, general.headers);
    EXPECT_EQ(fast.body, general.body);
  }
  for (const char* method : {"GET", "HEAD"}) {
    HttpReply fast = HttpClient(server_->port()).Send(method, "/leg-cramps/index.html");
    HttpReply general = HttpClient(server_->port()).Send(method, "/leg-cramps/index.html?x");
    EXPECT_EQ(fast.status, 200);
    EXPECT_EQ(fast.headers, general.headers) << method;
    EXPECT_EQ(fast.body, general.body) << method;
  }
}

TEST_F(HttpTest, PreparedAnswersSayConnectionCloseOrKeepAliveWhenNeeded) {
  // HTTP/1.1 asking to close: "Connection: close", then the server closes.
  std::string closed =
      HttpClient(server_->port())
          .Raw("GET /leg-cramps/ HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(closed), 200);
  EXPECT_NE(closed.find("\r\nConnection: close\r\n\r\n"), std::string::npos) << closed;
  EXPECT_TRUE(closed.ends_with(kCramps));
  // HTTP/1.0 without keep-alive: closed after the answer.
  std::string old = HttpClient(server_->port()).Raw("GET /leg-cramps/ HTTP/1.0\r\n\r\n");
  EXPECT_EQ(StatusOf(old), 200);
  EXPECT_TRUE(old.ends_with(kCramps));
  // HTTP/1.0 asking for keep-alive gets it, and says so.
  HttpClient c(server_->port());
  std::string first = c.Raw(
      "GET /leg-cramps/ HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
      "GET / HTTP/1.0\r\n\r\n");
  EXPECT_NE(first.find("\r\nConnection: keep-alive\r\n\r\n" + std::string(kCramps)),
            std::string::npos)
      << first;
  EXPECT_TRUE(first.ends_with(kHome)) << first;
}

// ---- search ----------------------------------------------------------------

TEST_F(HttpTest, SearchApi) {
  HttpReply r = server_->Get("/api/v1/search?q=charley+horse");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type"), "application/json; charset=utf-8");
  json j = json::parse(r.body);
  EXPECT_EQ(j["query"], "charley horse");
  ASSERT_FALSE(j["results"].empty());
  EXPECT_EQ(j["results"][0]["id"], "leg-cramps");
  EXPECT_EQ(j["results"][0]["url"], "/leg-cramps/");
  EXPECT_EQ(j["results"][0]["type"], "article");
  EXPECT_EQ(
      json::parse(server_->Get("/api/v1/search?q=swollen+painful+calf").body)["results"][0]["id"],
      "deep-vein-thrombosis");
  HttpReply missing = server_->Get("/api/v1/search");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(json::parse(missing.body),
            json::parse(R"({"status":400,"message":"missing parameter q"})"));
}

TEST_F(HttpTest, SearchPageWorksWithoutJavaScriptAndEscapes) {
  HttpReply r = server_->Get("/search?q=calf+cramp+at+night");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("<a href=\"/leg-cramps/\">Leg cramps</a>"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("<mark>"), std::string::npos);
  HttpReply x = server_->Get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  ASSERT_EQ(x.status, 200);
  EXPECT_EQ(x.body.find("<script>alert"), std::string::npos);
  EXPECT_NE(x.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  HttpReply dym = server_->Get("/search?q=charly+hrose");
  EXPECT_NE(dym.body.find("Showing results for <a "
                          "href=\"/search?q=charley%20horse\"><strong>charley horse</strong></a>"),
            std::string::npos)
      << dym.body;
  EXPECT_EQ(server_->Get("/search").status, 200);
  // A query that found its page gets no "did you mean".
  HttpReply good = server_->Get("/search?q=charley+horse");
  EXPECT_NE(good.body.find("<a href=\"/leg-cramps/\">Leg cramps</a>"), std::string::npos);
  EXPECT_EQ(good.body.find("did-you-mean"), std::string::npos) << good.body;
}

TEST_F(HttpTest, Suggest) {
  json j = json::parse(server_->Get("/api/v1/suggest?q=char").body);
  EXPECT_EQ(
      j,
      json::parse(
          R"({"query":"char","suggestions":[{"text":"charley horse","title":"Leg cramps","url":"/leg-cramps/"}]})"));
}

// A repeated search target is answered from the snapshot's cache of recent
// answers: the same bytes, and still counted and logged as a search.
TEST_F(HttpTest, RepeatedSearchesAnswerTheSameAndAreStillCounted) {
  for (const char* target :
       {"/api/v1/search?q=calf+cramp+at+night", "/search?q=calf+cramp+at+night"}) {
    HttpReply first = server_->Get(target);
    HttpReply again = server_->Get(target);
    ASSERT_EQ(first.status, 200);
    EXPECT_EQ(again.status, 200);
    EXPECT_EQ(again.headers, first.headers) << target;
    EXPECT_EQ(again.body, first.body) << target;
    ExpectSecurityHeaders(again);
    HttpReply head = HttpClient(server_->port()).Send("HEAD", target);
    EXPECT_EQ(head.Header("content-length"), std::to_string(first.body.size()));
    EXPECT_EQ(head.body, "");
  }
  server_->Get("/api/v1/search?q=qqzzxx+vvkk");
  server_->Get("/api/v1/search?q=qqzzxx+vvkk");
  server_->Get("/api/v1/search?q=qqzzxx+vvkk");
  auto missed = server_->store().MissedSearches();
  ASSERT_TRUE(missed);
  int count = 0;
  for (const auto& m : *missed) {
    if (m.query == "qqzzxx vvkk") count = m.count;
  }
  EXPECT_EQ(count, 3);
}

TEST_F(HttpTest, ZeroResultSearchesAreRecordedForEditors) {
  server_->Get("/search?q=Xylophone+QQQ");
  server_->Get("/api/v1/search?q=xylophone++qqq");
  auto missed = server_->store().MissedSearches();
  ASSERT_TRUE(missed);
  bool found = false;
  for (const auto& m : *missed) {
    if (m.query == "xylophone qqq") {
      found = true;
      EXPECT_EQ(m.count, 2);
    }
  }
  EXPECT_TRUE(found);
}

// ---- API ----------------------------------------------------------------------

TEST_F(HttpTest, ApiArticlesTreatmentsGlossary) {
  EXPECT_EQ(server_->Get("/api/v1/articles").body, "{\"static\":true}");  // the build's file
  json a = json::parse(server_->Get("/api/v1/articles/leg-cramps").body);
  EXPECT_EQ(a["title"], "Leg cramps");
  EXPECT_EQ(a["treatments"][0]["id"], "calf-stretching");
  EXPECT_EQ(a["treatments"][0]["category"], "treatments-that-need-further-study");
  // The fixture has no api/v1/treatments files: the server makes the same
  // documents as the build would (render/treatment_json.h).
  HttpReply treatments = server_->Get("/api/v1/treatments");
  EXPECT_EQ(treatments.body, render::TreatmentsJson(*server_->holder().Get()->knowledge));
  json ts = json::parse(treatments.body);
  ASSERT_EQ(ts["treatments"].size(), 1u);
  EXPECT_EQ(ts["treatments"][0]["verdict"],
            "Calf stretching may make little or no difference to how many cramps people have.");
  json t = json::parse(server_->Get("/api/v1/treatments/calf-stretching").body);
  EXPECT_EQ(t["comparison"], "no stretching");
  EXPECT_EQ(t["verdict"], ts["treatments"][0]["verdict"]);
  EXPECT_TRUE(t["outcomes"].is_array());
  json g = json::parse(server_->Get("/api/v1/glossary").body);
  EXPECT_EQ(g["terms"][0]["term"], "placebo");
  HttpReply missing = server_->Get("/api/v1/articles/nope");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(json::parse(missing.body),
            json::parse(R"({"status":404,"message":"no article 'nope'"})"));
  EXPECT_EQ(server_->Get("/api/v1/nothing").status, 404);
}

TEST_F(HttpTest, MedicinesCheck) {
  HttpReply r = server_->Get("/api/v1/medicines-check?medicines=Lipitor+20mg%2C+lasix%2C+xyz");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("cache-control"), "no-store");
  json j = json::parse(r.body);
  ASSERT_EQ(j["matches"].size(), 2u);
  EXPECT_EQ(j["matches"][0]["generic"], "atorvastatin");
  EXPECT_EQ(j["matches"][0]["class"]["id"], "statins");
  EXPECT_EQ(j["matches"][0]["may_cause"][0]["condition"], "leg-cramps");
  EXPECT_EQ(j["matches"][1]["generic"], "furosemide");
  EXPECT_EQ(j["unmatched"][0]["input"], "xyz");
  EXPECT_FALSE(j["safety_advice"].get<std::string>().empty());
  json post = json::parse(
      server_->Post("/api/v1/medicines-check", "application/json", R"({"medicines":"simvastatin"})")
          .body);
  EXPECT_EQ(post["matches"][0]["generic"], "simvastatin");
  EXPECT_EQ(server_->Post("/api/v1/medicines-check", "application/json", "{not json").status, 400);
  EXPECT_EQ(server_->Post("/api/v1/medicines-check", "text/plain", "x").status, 415);
  EXPECT_EQ(server_->Get("/api/v1/medicines-check").status, 400);
}

TEST_F(HttpTest, SymptomCheck) {
  json list = json::parse(server_->Get("/api/v1/symptom-check").body);
  EXPECT_EQ(list["checkers"][0]["id"], "leg-pain");
  json j = json::parse(server_->Get("/api/v1/symptom-check?checker=leg-pain&yes=swollen").body);
  EXPECT_EQ(j["urgency"], "same_day");
  EXPECT_EQ(j["advice"], "See a doctor today");
  json e = json::parse(server_
                           ->Post("/api/v1/symptom-check", "application/json",
                                  R"({"checker":"leg-pain","yes":["swollen","breathless"]})")
                           .body);
  EXPECT_EQ(e["urgency"], "emergency");
  EXPECT_EQ(e["reasons"].size(), 3u);
  json none = json::parse(server_->Get("/api/v1/symptom-check?checker=leg-pain").body);
  EXPECT_EQ(none["urgency"], "self_care");
  EXPECT_TRUE(none["used_default"].get<bool>());
  EXPECT_EQ(server_->Get("/api/v1/symptom-check?checker=nope").status, 404);
}

// The decision aid's plain HTML form: the server answers the reader's choice.
TEST_F(HttpTest, DecisionAidAnswersTheChosenOptions) {
  HttpReply both =
      server_->Get("/decision-aid/leg-cramps/?option=doing-nothing&option=calf-stretching");
  ASSERT_EQ(both.status, 200);
  EXPECT_EQ(both.Header("cache-control"), "no-store");
  EXPECT_NE(both.body.find("Compare treatments for"), std::string::npos);
  HttpReply one = server_->Get("/decision-aid/leg-cramps/?option=doing-nothing");
  ASSERT_EQ(one.status, 200);
  EXPECT_NE(one.body, both.body);  // the comparison follows the choice
  EXPECT_EQ(server_->Get("/decision-aid/no-such-condition/?option=x").status, 404);
}

// ---- feedback ----------------------------------------------------------------

TEST_F(HttpTest, FeedbackIsStoredBeforeTheReply) {
  HttpReply r =
      server_->Post("/api/v1/feedback", "application/json",
                    R"({"page":"/bakers-cyst/","helpful":false,"comment":"Needs pictures"})");
  ASSERT_EQ(r.status, 201);
  EXPECT_EQ(json::parse(r.body),
            json::parse(R"({"status":201,"message":"Thank you for your feedback"})"));
  auto pages = server_->store().FeedbackByPage();
  ASSERT_TRUE(pages);
  bool found = false;
  for (const auto& p : *pages) {
    if (p.page == "/bakers-cyst/") {
      found = true;
      EXPECT_EQ(p.no, 1);
      EXPECT_EQ(p.comments, std::vector<std::string>{"Needs pictures"});
    }
  }
  EXPECT_TRUE(found);
  HttpReply form = server_->Post("/feedback", "application/x-www-form-urlencoded",
                                 "page=%2Fleg-cramps%2F&helpful=yes&comment=");
  EXPECT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("<a href=\"/leg-cramps/\">Go back to the page</a>"), std::string::npos);
  HttpReply bad = server_->Post("/api/v1/feedback", "application/json",
                                R"J({"page":"javascript:alert(1)","helpful":true})J");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(server_->Get("/feedback").status, 405);
}

TEST(FeedbackRateLimitTest, TooManyFromOneClientAre429) {
  ServerFixture s;
  int accepted = 0, limited = 0;
  for (int i = 0; i < 8; ++i) {
    HttpReply r = s.Post("/api/v1/feedback", "application/json", R"({"page":"/","helpful":true})");
    if (r.status == 201) ++accepted;
    if (r.status == 429) {
      ++limited;
      EXPECT_EQ(r.Header("retry-after"), "60");
    }
  }
  EXPECT_EQ(accepted, 5);  // the burst
  EXPECT_EQ(limited, 3);
}

TEST(PostgresHttpTest, FeedbackGoesToPostgres) {
  const char* url = std::getenv("EVIDOC_TEST_POSTGRES");
  if (url == nullptr || *url == '\0') GTEST_SKIP() << "EVIDOC_TEST_POSTGRES is not set";
  {
    pqxx::connection c(url);
    pqxx::work w(c);
    w.exec("DROP TABLE IF EXISTS feedback");
    w.exec("DROP TABLE IF EXISTS missed_search");
    w.commit();
  }
  ServerFixture s(url);
  EXPECT_EQ(s.Post("/api/v1/feedback", "application/json",
                   R"({"page":"/leg-cramps/","helpful":"yes","comment":"Good"})")
                .status,
            201);
  s.Get("/api/v1/search?q=qqqzzz");
  // The missed search is written in the background: reading through the
  // store waits for it, so the row is in PostgreSQL below.
  ASSERT_TRUE(s.store().MissedSearches());
  pqxx::connection c(url);
  pqxx::work w(c);
  auto rows = w.exec("SELECT page, helpful, comment FROM feedback");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0].as<std::string>(), "/leg-cramps/");
  EXPECT_TRUE(rows[0][1].as<bool>());
  EXPECT_EQ(rows[0][2].as<std::string>(), "Good");
  EXPECT_EQ(w.exec("SELECT query FROM missed_search")[0][0].as<std::string>(), "qqqzzz");
}

// ---- Infobutton, FHIR, operations -----------------------------------------------

TEST_F(HttpTest, Infobutton) {
  HttpReply r = server_->Get(
      "/infobutton?mainSearchCriteria.v.cs=2.16.840.1.113883.6.90&mainSearchCriteria.v.c=R25.2");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type"), "text/xml; charset=utf-8");
  EXPECT_NE(r.body.find("<link href=\"http://127.0.0.1:8080/leg-cramps/\" rel=\"alternate\"/>"),
            std::string::npos)
      << r.body;
  HttpReply j = server_->Get(
      "/infobutton?mainSearchCriteria.v.cs=2.16.840.1.113883.6.90&mainSearchCriteria.v.c=Z00&"
      "knowledgeResponseType=application/json");
  EXPECT_EQ(j.status, 200);
  EXPECT_EQ(json::parse(j.body)["feed"]["entry"], json::array());
}

TEST_F(HttpTest, HealthAndMetrics) {
  HttpReply h = server_->Get("/healthz");
  EXPECT_EQ(h.status, 200);
  json j = json::parse(h.body);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["articles"], 3);
  server_->Get("/");
  HttpReply m = server_->Get("/metrics");
  EXPECT_EQ(m.status, 200);
  EXPECT_EQ(m.Header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(m.body.find("evidoc_http_requests_total{route=\"page\",status=\"200\"} "),
            std::string::npos);
  EXPECT_NE(m.body.find("evidoc_searches_total "), std::string::npos);
  EXPECT_NE(m.body.find("evidoc_http_request_duration_seconds_bucket{le=\"+Inf\"} "),
            std::string::npos);
}

// The missed-search writer's store for the test below: each batch waits at
// a gate, then fails.
struct Gate {
  std::mutex mu;
  std::condition_variable cv;
  bool open = false;
  int entered = 0;
};

class StuckFailingStore : public FeedbackStore {
 public:
  explicit StuckFailingStore(std::shared_ptr<Gate> g) : g_(std::move(g)) {}
  StoreResult AddFeedback(const Feedback&) override { return {}; }
  StoreResult AddMissedSearch(std::string_view q) override {
    const std::string one(q);
    return AddMissedSearches(std::span<const std::string>(&one, 1));
  }
  StoreResult AddMissedSearches(std::span<const std::string>) override {
    std::unique_lock<std::mutex> lock(g_->mu);
    ++g_->entered;
    g_->cv.notify_all();
    g_->cv.wait(lock, [&] { return g_->open; });
    return tl::unexpected(std::string("database is down"));
  }
  tl::expected<std::vector<PageFeedback>, std::string> FeedbackByPage() override {
    return std::vector<PageFeedback>{};
  }
  tl::expected<std::vector<MissedSearch>, std::string> MissedSearches() override {
    return std::vector<MissedSearch>{};
  }
  std::string Describe() const override { return "stuck:"; }

 private:
  std::shared_ptr<Gate> g_;
};

std::string MissedSearchMetrics(uint64_t dropped, uint64_t failed) {
  return "# HELP evidoc_missed_searches_dropped_total Searches that found nothing not logged for "
         "editors: the queue was full.\n"
         "# TYPE evidoc_missed_searches_dropped_total counter\n"
         "evidoc_missed_searches_dropped_total " +
         std::to_string(dropped) +
         "\n"
         "# HELP evidoc_missed_searches_failed_total Searches that found nothing not logged for "
         "editors: the database refused them.\n"
         "# TYPE evidoc_missed_searches_failed_total counter\n"
         "evidoc_missed_searches_failed_total " +
         std::to_string(failed) + "\n";
}

TEST(MissedSearchMetricsTest, DroppedAndFailedSearchesAreInMetrics) {
  auto gate = std::make_shared<Gate>();
  ServerFixture s(std::make_unique<StuckFailingStore>(gate), 2);
  auto open_gate = [&] {
    {
      std::lock_guard<std::mutex> lock(gate->mu);
      gate->open = true;
    }
    gate->cv.notify_all();
  };
  HttpReply m = s.Get("/metrics");
  ASSERT_EQ(m.status, 200);
  EXPECT_NE(m.body.find(MissedSearchMetrics(0, 0)), std::string::npos) << m.body;
  // The first search that finds nothing is taken by the writer, which then
  // waits at the gate; two more fill the queue; the last two are dropped.
  ASSERT_EQ(s.Get("/api/v1/search?q=qqzzxxa").status, 200);
  {
    std::unique_lock<std::mutex> lock(gate->mu);
    if (!gate->cv.wait_for(lock, std::chrono::seconds(10), [&] { return gate->entered >= 1; })) {
      lock.unlock();
      open_gate();
      FAIL() << "the writer never reached the store";
    }
  }
  for (const char* q : {"qqzzxxb", "qqzzxxc", "qqzzxxd", "qqzzxxe"}) {
    ASSERT_EQ(s.Get(std::string("/search?q=") + q).status, 200);
  }
  m = s.Get("/metrics");
  EXPECT_NE(m.body.find(MissedSearchMetrics(2, 0)), std::string::npos) << m.body;
  open_gate();
  ASSERT_TRUE(s.store().MissedSearches());  // waits until the queue is written
  m = s.Get("/metrics");
  // [qqzzxxa] failed, then [qqzzxxb, qqzzxxc] as one batch.
  EXPECT_NE(m.body.find(MissedSearchMetrics(2, 3)), std::string::npos) << m.body;
  EXPECT_NE(m.body.find("evidoc_searches_zero_results_total 5\n"), std::string::npos);
}

TEST_F(HttpTest, SnapshotSwapIsSeenByTheNextRequest) {
  ServerFixture s;
  EXPECT_EQ(s.Get("/").body, kHome);
  s.holder().Set(FixtureSnapshot(2, "<p>new home</p>"));
  EXPECT_EQ(s.Get("/").body, "<p>new home</p>");
  EXPECT_EQ(json::parse(s.Get("/healthz").body)["generation"], 2);
}

TEST_F(HttpTest, ConcurrentClients) {
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      HttpClient c(server_->port());
      for (int i = 0; i < 50; ++i) {
        HttpReply r = c.Send("GET", i % 3 ? "/leg-cramps/" : "/api/v1/search?q=calf");
        if (r.ok && r.status == 200) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 200);
}

// ---- malformed and hostile requests ------------------------------------------------

int StatusOf(const std::string& raw) {
  if (raw.rfind("HTTP/1.1 ", 0) != 0) return 0;
  return std::atoi(raw.c_str() + 9);
}

TEST_F(HttpTest, MalformedRequestsGet400AndAreClosed) {
  for (std::string bad : {std::string("GARBAGE\r\n\r\n"), std::string("GET / HTTP/9.9x\r\n\r\n"),
                          std::string("GET / HTTP/1.1\r\nBad Header\r\n\r\n"),
                          std::string("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: x\r\n\r\n"),
                          std::string("GET http://evil.example/ HTTP/1.1\r\nHost: a\r\n\r\n"),
                          std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11)}) {
    std::string reply = HttpClient(server_->port()).Raw(bad);
    EXPECT_EQ(StatusOf(reply), 400) << bad << "\n→ " << reply;
  }
}

TEST_F(HttpTest, OversizeRequestsAreRefused) {
  std::string long_url = "GET /" + std::string(3000, 'a') + " HTTP/1.1\r\nHost: a\r\n\r\n";
  EXPECT_EQ(StatusOf(HttpClient(server_->port()).Raw(long_url)), 414);
  std::string big_header =
      "GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + std::string(9000, 'b') + "\r\n\r\n";
  EXPECT_EQ(StatusOf(HttpClient(server_->port()).Raw(big_header)), 431);
  std::string many = "GET / HTTP/1.1\r\nHost: a\r\n";
  for (int i = 0; i < 80; ++i) many += "X-" + std::to_string(i) + ": 1\r\n";
  EXPECT_EQ(StatusOf(HttpClient(server_->port()).Raw(many + "\r\n")), 431);
  std::string big_body =
      "POST /api/v1/feedback HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
      "Content-Length: 1000000\r\n\r\n" +
      std::string(1000, 'x');
  EXPECT_EQ(StatusOf(HttpClient(server_->port()).Raw(big_body)), 413);
  std::string chunked =
      "POST /api/v1/feedback HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 20; ++i) chunked += "400\r\n" + std::string(1024, 'x') + "\r\n";
  EXPECT_EQ(StatusOf(HttpClient(server_->port()).Raw(chunked + "0\r\n\r\n")), 413);
}

TEST(SlowClientTest, SlowlorisIsCutOffAtTheHeaderTimeout) {
  ServerOptions o;
  o.header_timeout = std::chrono::milliseconds(300);
  ServerFixture s("", o);
  HttpClient c(s.port());
  auto start = std::chrono::steady_clock::now();
  // Trickle a header one line at a time, never finishing it.
  boost::beast::error_code ec;
  (void)ec;
  std::string reply = c.Raw("GET / HTTP/1.1\r\nHost: a\r\n");
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(reply, "");  // closed without an answer
  EXPECT_LT(elapsed, std::chrono::seconds(3));
  // An idle keep-alive connection is closed too.
  HttpClient idle(s.port());
  EXPECT_TRUE(idle.ClosedWithin(std::chrono::seconds(3)));
}

// ---- graceful stop ---------------------------------------------------------------------

TEST(GracefulStopTest, RequestsInFlightFinishAndIdleConnectionsClose) {
  std::atomic<bool> entered{false};
  ServerOptions o;
  o.port = 0;
  o.threads = 2;
  HttpServer server(o, [&](const Request&) {
    entered = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    Response r;
    r.body = "done";
    return r;
  });
  auto port = server.Start();
  ASSERT_TRUE(port);
  HttpClient idle(*port);
  HttpReply reply;
  std::thread slow([&] { reply = HttpClient(*port).Send("GET", "/slow"); });
  for (int i = 0; i < 200 && !entered; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_TRUE(entered.load());
  auto start = std::chrono::steady_clock::now();
  server.Stop(std::chrono::seconds(5));
  auto took = std::chrono::steady_clock::now() - start;
  slow.join();
  EXPECT_TRUE(reply.ok);
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "done");
  EXPECT_EQ(reply.Header("connection"), "close");
  EXPECT_LT(took, std::chrono::seconds(3));
  EXPECT_TRUE(idle.ClosedWithin(std::chrono::milliseconds(500)));
  // Nothing listens any more.
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::socket sock(ioc);
  boost::system::error_code ec;
  sock.connect({boost::asio::ip::make_address("127.0.0.1"), *port}, ec);
  EXPECT_TRUE(ec);
}

}  // namespace
}  // namespace evidoc::server
