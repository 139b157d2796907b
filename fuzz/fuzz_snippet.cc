// Fuzzes the snippet maker's word splitter and its choice of stretch: any
// bytes as a page (and, as query terms, its own words and the words of its
// last 32 bytes). Invariants are checked, not just crashes: the stretch is
// inside the page and no longer than asked, does not start or end inside a
// UTF-8 sequence, and the HTML, with its marks and ellipses taken off and
// unescaped, is exactly that stretch.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "search/snippet.h"

namespace {

std::string Unescape(std::string_view html) {
  std::string out;
  for (size_t i = 0; i < html.size();) {
    bool matched = false;
    for (auto [entity, c] : {std::pair<std::string_view, char>{"&amp;", '&'},
                             {"&lt;", '<'},
                             {"&gt;", '>'},
                             {"&quot;", '"'},
                             {"<mark>", 0},
                             {"</mark>", 0}}) {
      if (html.substr(i, entity.size()) == entity) {
        if (c != 0) out += c;
        i += entity.size();
        matched = true;
        break;
      }
    }
    if (!matched) out += html[i++];
  }
  return out;
}

bool Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Well-formed enough for the check: every lead byte has its continuation
// bytes and no continuation byte stands alone.
bool ValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = s[i];
    const size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if (!Continuation(s[i + k])) return false;
    }
    i += n;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t length = data[0];
  std::string page(reinterpret_cast<const char*>(data) + 1, size - 1);
  evidoc::search::SnippetIndex index([](const std::string& w) {
    return w.size() > 1 && w.back() == 's' ? w.substr(0, w.size() - 1) : w;
  });
  index.AddPage(page);
  index.Finish();
  std::vector<std::string> terms;
  const auto& words = index.words(0);
  for (size_t i = 0; i < words.size() && i < 8; i += 3) {
    terms.push_back("Z" + page.substr(words[i].begin, words[i].end - words[i].begin));
  }
  std::string tail = page.substr(page.size() > 32 ? page.size() - 32 : 0);
  size_t start = 0;
  while (start < tail.size()) {
    size_t sp = tail.find(' ', start);
    terms.push_back(tail.substr(start, sp == std::string::npos ? sp : sp - start));
    if (sp == std::string::npos) break;
    start = sp + 1;
  }
  const auto query = index.Match(terms);
  const auto range = index.Choose(0, query, length);
  if (range.from > range.to || range.to > page.size() || range.to - range.from > length) {
    std::abort();
  }
  // In valid UTF-8 the stretch starts and ends between characters.
  if (ValidUtf8(page) && ((range.from < page.size() && Continuation(page[range.from])) ||
                          (range.to < page.size() && Continuation(page[range.to])))) {
    std::abort();
  }
  std::string html = index.Make(0, query, length);
  std::string_view body(html);
  const std::string_view ellipsis = "…";
  if (range.from > 0) {
    if (body.substr(0, ellipsis.size()) != ellipsis) std::abort();
    body.remove_prefix(ellipsis.size());
  }
  if (range.to < page.size()) {
    if (body.size() < ellipsis.size() || body.substr(body.size() - ellipsis.size()) != ellipsis) {
      std::abort();
    }
    body.remove_suffix(ellipsis.size());
  }
  if (Unescape(body) != page.substr(range.from, range.to - range.from)) std::abort();
  return 0;
}
