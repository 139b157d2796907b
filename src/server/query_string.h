// Parsing the parts of a URL a client controls: percent-decoding, the query
// string (application/x-www-form-urlencoded, also used for form POST bodies)
// and mapping a URL path to a file of the site without ever leaving it.
//
// Pure functions; never throw; thread-safe. Hostile input is normal input:
// each function bounds its work by the input size and the limits below.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace evidoc::server {

// At most this many parameters are kept from one query string or form body;
// the rest are dropped. No route reads more than a dozen, and a bound stops a
// request with 100,000 "&" from building a huge vector.
inline constexpr size_t kMaxQueryParams = 64;

// Decodes %XX escapes (and '+' as a space when `plus_is_space`). Returns
// nullopt for a malformed escape ("%4", "%zz") or an escape that decodes to
// NUL: such input is refused, never guessed at.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);

// Parsed query parameters, in order. A parameter without '=' has an empty
// value; parameters whose name or value fails PercentDecode are dropped.
class QueryParams {
 public:
  QueryParams() = default;
  explicit QueryParams(std::string_view query);

  // The first value of `name`, or nullopt.
  std::optional<std::string_view> Get(std::string_view name) const;
  // The first value of `name`, or `fallback`.
  std::string_view GetOr(std::string_view name, std::string_view fallback) const;
  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }
  bool truncated() const { return truncated_; }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
  bool truncated_ = false;
};

// Maps an encoded URL path ("/leg-cramps/", "/assets/site.css") to the
// path of a site file ("leg-cramps/index.html", "assets/site.css").
// A path ending in '/' gets "index.html". Returns nullopt — and the caller
// answers 400 — when the path does not start with '/', has a malformed
// escape, decodes to a NUL, a backslash or a control character, or has any
// segment "." or ".." (encoded or not): nothing can name a file outside the
// site, and no two spellings name the same file.
std::optional<std::string> SitePathFor(std::string_view url_path);

}  // namespace evidoc::server
