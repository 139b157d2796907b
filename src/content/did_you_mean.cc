#include "content/did_you_mean.h"

#include <algorithm>
#include <cctype>

namespace evidoc::content {

size_t EditDistance(std::string_view a, std::string_view b) {
  // Two rows of the classic dynamic programme: O(|a||b|) time, O(|b|) memory.
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string ClosestMatch(std::string_view word, const std::vector<std::string>& candidates) {
  // Bounded so that a hostile 4 MiB "word" cannot make this quadratic-slow.
  if (word.size() > 200) return "";
  auto lower = [](std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  const std::string w = lower(word);
  const size_t limit = std::max<size_t>(2, w.size() / 3);
  std::string best;
  size_t best_distance = limit + 1;
  for (const std::string& c : candidates) {
    if (c.size() > 200) continue;
    const std::string lc = lower(c);
    size_t d = EditDistance(w, lc);
    // A misspelt word keeps most of its letters: a distance as large as the
    // word itself ("d" vs "a") is no evidence of a typo.
    if (d >= w.size()) continue;
    // A truncated name ("review_period" for "review_period_months") is a
    // typo too, however many letters are missing.
    bool prefix = w.size() >= 4 && (lc.rfind(w, 0) == 0 || w.rfind(lc, 0) == 0);
    if (prefix && d > limit) d = limit;
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  std::string m = ClosestMatch(word, candidates);
  return m.empty() ? "" : " (did you mean '" + m + "'?)";
}

}  // namespace evidoc::content
