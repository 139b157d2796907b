// Fuzzes the HTTP request path end to end, without sockets: Beast's request
// parser with the server's limits (as HttpServer configures it), then the
// App's routing over a small fixture site (static files, search, API, checks,
// Infobutton, FHIR). Any crash, sanitizer report or exception is a bug.
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdint>
#include <cstdlib>
#include <memory>

#include "search/test_fixture.h"
#include "server/app.h"
#include "server/http_server.h"

namespace {

struct World {
  evidoc::server::SnapshotHolder holder;
  evidoc::server::Metrics metrics;
  std::unique_ptr<evidoc::server::App> app;
  World() {
    std::vector<evidoc::site::SiteFile> files = {
        {"index.html", "text/html; charset=utf-8", "<p>home</p>"},
        {"404.html", "text/html; charset=utf-8", "<p>not found</p>"},
        {"leg-cramps/index.html", "text/html; charset=utf-8", std::string(500, 'x')},
    };
    auto snap =
        evidoc::server::BuildSnapshot(evidoc::testing::MakeFixtureKnowledge(), std::move(files), 1);
    if (!snap) std::abort();
    holder.Set(*snap);
    evidoc::server::AppOptions o;
    o.access_log = nullptr;
    o.now = [] { return std::string("2026-01-01T00:00:00Z"); };
    app = std::make_unique<evidoc::server::App>(holder, metrics, o);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static World world;
  namespace http = boost::beast::http;
  const evidoc::server::ServerOptions limits;
  http::request_parser<http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
  parser.body_limit(limits.max_body_bytes);
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  if (ec || !parser.is_done()) return 0;
  auto& req = parser.get();
  evidoc::server::Request r;
  r.method = std::string(req.method_string());
  r.target = std::string(req.target());
  if (r.target.empty() || r.target[0] != '/' || r.target.size() > limits.max_target_bytes) return 0;
  for (const auto& f : req) {
    std::string name(f.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers.emplace_back(std::move(name), std::string(f.value()));
  }
  r.body = req.body();
  r.client = "127.0.0.1";
  evidoc::server::Response res = world.app->Handle(r);
  if (res.status < 100 || res.status > 599) std::abort();
  // Every answer carries the security headers: in `headers`, or, for a
  // file answered from the snapshot's prepared responses, in the head.
  if (res.prepared_head.empty()) {
    if (res.Header("Content-Security-Policy").empty()) std::abort();
  } else {
    if (res.prepared_head.find("\r\nContent-Security-Policy: ") == std::string_view::npos)
      std::abort();
    if (res.prepared_head.substr(0, 9) != "HTTP/1.1 " ||
        res.prepared_head.substr(9, 3) != std::to_string(res.status))
      std::abort();
  }
  return 0;
}
