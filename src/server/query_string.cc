#include "server/query_string.h"

namespace evidoc::server {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      int hi = HexValue(text[i + 1]);
      int lo = HexValue(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      char decoded = static_cast<char>(hi * 16 + lo);
      if (decoded == '\0') return std::nullopt;
      out.push_back(decoded);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else if (c == '\0') {
      return std::nullopt;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

QueryParams::QueryParams(std::string_view query) {
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    std::string_view part = query.substr(start, end - start);
    if (!part.empty()) {
      if (items_.size() >= kMaxQueryParams) {
        truncated_ = true;
        break;
      }
      size_t eq = part.find('=');
      std::string_view name = part.substr(0, eq);
      std::string_view value =
          eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1);
      auto n = PercentDecode(name, true);
      auto v = PercentDecode(value, true);
      if (n && v) items_.emplace_back(std::move(*n), std::move(*v));
    }
    start = end + 1;
  }
}

std::optional<std::string_view> QueryParams::Get(std::string_view name) const {
  for (const auto& [k, v] : items_) {
    if (k == name) return std::string_view(v);
  }
  return std::nullopt;
}

std::string_view QueryParams::GetOr(std::string_view name, std::string_view fallback) const {
  auto v = Get(name);
  return v ? *v : fallback;
}

std::optional<std::string> SitePathFor(std::string_view url_path) {
  if (url_path.empty() || url_path[0] != '/') return std::nullopt;
  auto decoded = PercentDecode(url_path, /*plus_is_space=*/false);
  if (!decoded) return std::nullopt;
  const std::string& p = *decoded;
  for (unsigned char c : p) {
    // Control characters and backslashes have no place in a site path; a
    // backslash is a separator on some systems a file may be copied to.
    if (c < 0x20 || c == 0x7f || c == '\\') return std::nullopt;
  }
  // Check every segment; an empty segment ("//") is refused too so that one
  // file has one URL.
  std::string out;
  size_t start = 1;
  while (start < p.size()) {
    size_t slash = p.find('/', start);
    std::string_view seg = std::string_view(p).substr(
        start, slash == std::string::npos ? std::string::npos : slash - start);
    if (seg == "." || seg == "..") return std::nullopt;
    if (seg.empty()) return std::nullopt;
    out.append(seg);
    if (slash == std::string::npos) break;
    out.push_back('/');
    start = slash + 1;
  }
  if (out.empty() || out.back() == '/') out += "index.html";
  return out;
}

}  // namespace evidoc::server
