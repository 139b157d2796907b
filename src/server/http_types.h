// The server's own view of an HTTP exchange, independent of Boost.Beast, so
// that routing, the API and the tests do not depend on the transport.
//
// A Request is what the transport parsed and validated (method, target,
// headers with lower-case names, body within the size limit, the peer's
// address for rate limiting only — it is never stored or logged). A Response
// is what a route answers; its body is either owned (`body`) or shared with
// the immutable snapshot (`shared_body`, never copied per request).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace evidoc::server {

struct Request {
  std::string method;                                        // "GET", "HEAD", "POST", ...
  std::string target;                                        // origin-form: "/search?q=cramp"
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::string body;
  std::string client;  // peer address ("127.0.0.1"); rate limiting only

  // The first header named `name` (lower-case), or "" if absent.
  std::string_view Header(std::string_view name) const;
  // The path part of the target (before '?'), still percent-encoded.
  std::string_view Path() const;
  // The query part of the target (after '?'), without the '?'; "" if none.
  std::string_view Query() const;
};

struct Response {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
  std::string body;
  // When set, the body is these bytes (kept alive by the snapshot) instead of `body`.
  std::shared_ptr<const void> keep_alive;
  std::string_view shared_body;
  bool use_shared = false;

  // A complete answer prepared once per snapshot (static files): the status
  // line and every header, each ending in CRLF, but not the blank line that
  // ends the head — the transport adds that, with "Connection: close" or
  // "Connection: keep-alive" when the exchange needs one. When non-empty, the
  // transport writes this and `shared_body` (not for HEAD, 304 or 204) as
  // they are, and ignores `content_type` and `headers`; `status` must match
  // the status line. Kept alive by `keep_alive`, like `shared_body`.
  std::string_view prepared_head;

  std::string_view Body() const { return use_shared ? shared_body : std::string_view(body); }
  void SetHeader(std::string name, std::string value);
  // The first extra header named `name` (case-insensitive), or "" if absent.
  std::string_view Header(std::string_view name) const;
};

// The security headers every response carries (CSP, nosniff, no referrer,
// no framing, ...), as (name, value) pairs: added to each Response by
// AddSecurityHeaders (app.h) and written into every prepared head.
const std::vector<std::pair<std::string_view, std::string_view>>& SecurityHeaders();

// The prepared head (see Response::prepared_head) that writes `response` as
// the transport would: status line, Server, Content-Type, the extra headers
// in order, X-Content-Type-Options if absent, and Content-Length (not for
// 204 or 304).
std::string PreparedHeadOf(const Response& response);

// The standard reason phrase ("Not Found") for a status code; "" if unknown.
std::string_view ReasonPhrase(int status);

}  // namespace evidoc::server
