// Fuzzes the parsers of what a client puts in a URL: percent-decoding, the
// query string, the URL-path → site-file mapping (which must never leave the
// site), and the feedback validation. Invariants are checked, not just crashes.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "server/feedback_store.h"
#include "server/query_string.h"

namespace {

// Well-formed UTF-8 by decoding each code point and checking its value (the
// shortest form, not a surrogate, at most U+10FFFF): another route than the
// server's byte-range table, so the two check each other.
bool WellFormed(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = s[i];
    const size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    unsigned long v = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (size_t k = 1; k < n; ++k) {
      const unsigned char d = s[i + k];
      if ((d & 0xC0) != 0x80) return false;
      v = (v << 6) | (d & 0x3F);
    }
    const unsigned long least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (v < least[n] || (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF) return false;
    i += n;
  }
  return true;
}

bool HasControl(std::string_view s, bool lines_allowed) {
  for (unsigned char c : s) {
    if (lines_allowed && (c == '\t' || c == '\n' || c == '\r')) continue;
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  evidoc::server::QueryParams params(in);
  if (params.items().size() > evidoc::server::kMaxQueryParams) std::abort();
  for (const auto& [k, v] : params.items()) {
    if (k.find('\0') != std::string::npos || v.find('\0') != std::string::npos) std::abort();
  }
  (void)evidoc::server::PercentDecode(in, true);
  if (auto p = evidoc::server::SitePathFor(in)) {
    // A site path is relative, has no empty, "." or ".." segment, no NUL or backslash.
    if (p->empty() || (*p)[0] == '/' || p->find('\\') != std::string::npos ||
        p->find('\0') != std::string::npos) {
      std::abort();
    }
    size_t start = 0;
    while (start <= p->size()) {
      size_t slash = p->find('/', start);
      std::string_view seg = std::string_view(*p).substr(
          start, slash == std::string::npos ? std::string::npos : slash - start);
      if (seg.empty() || seg == "." || seg == "..") std::abort();
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
  }
  auto f = evidoc::server::ValidateFeedback(
      params.GetOr("page", in), params.GetOr("helpful", "yes"), params.GetOr("comment", in));
  if (f && (f->page.empty() || f->page[0] != '/')) std::abort();
  // What is stored is text PostgreSQL accepts: well-formed UTF-8, no NUL.
  if (f && (!WellFormed(f->page) || !WellFormed(f->comment) || HasControl(f->page, false) ||
            HasControl(f->comment, true))) {
    std::abort();
  }
  const std::string q = evidoc::server::NormaliseSearchQuery(in);
  if (q.size() > 256 || !WellFormed(q) || HasControl(q, false)) std::abort();
  return 0;
}
