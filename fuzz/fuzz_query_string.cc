// Fuzzes the parsers of what a client puts in a URL: percent-decoding, the
// query string, the URL-path → site-file mapping (which must never leave the
// site), and the feedback validation. Invariants are checked, not just crashes.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "server/feedback_store.h"
#include "server/query_string.h"

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
  (void)evidoc::server::NormaliseSearchQuery(in);
  return 0;
}
