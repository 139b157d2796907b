#include "tools/medicines_check.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>
#include <set>
#include <utility>

namespace evidoc::tools {
namespace {

// Words that describe a dose or a form, never a medicine. Kept short and
// conservative: a word here can never be matched, so no real medicine name
// may appear in it.
constexpr std::array<std::string_view, 44> kDoseWords = {
    "mg",       "mcg",     "microgram", "micrograms", "milligram", "milligrams", "g",
    "ml",       "iu",      "units",     "unit",       "tablet",    "tablets",    "tab",
    "tabs",     "capsule", "capsules",  "caps",       "pill",      "pills",      "inhaler",
    "inhalers", "puffer",  "spray",     "cream",      "injection", "injections", "daily",
    "once",     "twice",   "a",         "day",        "per",       "at",         "night",
    "morning",  "evening", "od",        "bd",         "tds",       "prn",        "my",
    "i",        "take"};

bool IsDoseWord(std::string_view word) {
  return std::find(kDoseWords.begin(), kDoseWords.end(), word) != kDoseWords.end();
}

bool IsAsciiAlnum(unsigned char c) { return c < 0x80 && std::isalnum(c); }

// Cuts `s` to at most `max` bytes without splitting a UTF-8 sequence.
std::string_view CutUtf8(std::string_view s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

std::string Trim(std::string_view s) {
  auto is_space = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  std::size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

std::vector<std::string> Words(std::string_view normalised) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < normalised.size()) {
    std::size_t j = normalised.find(' ', i);
    if (j == std::string_view::npos) j = normalised.size();
    if (j > i) words.emplace_back(normalised.substr(i, j - i));
    i = j + 1;
  }
  return words;
}

// One name the reader might type, pointing at the member it identifies.
struct Candidate {
  std::string key;      // normalised
  std::string display;  // as the content spells it
  bool brand = false;
  const content::MedicineClass* cls = nullptr;
  const content::MedicineMember* member = nullptr;
};

std::vector<Candidate> Candidates(const content::Content& content) {
  std::vector<Candidate> out;
  for (const auto& cls : content.medicines) {
    for (const auto& m : cls.members) {
      out.push_back({NormaliseMedicineName(m.generic), m.generic, false, &cls, &m});
      for (const auto& b : m.brands) out.push_back({NormaliseMedicineName(b), b, true, &cls, &m});
    }
  }
  std::erase_if(out, [](const Candidate& c) { return c.key.empty(); });
  return out;
}

std::vector<MedicineLink> Links(const content::Content& content,
                                const content::MedicineClass& cls) {
  std::vector<MedicineLink> links;
  for (const auto& effect : cls.may_cause) {
    MedicineLink link;
    link.condition = effect.condition;
    link.condition_title = effect.condition;
    // Linear searches: a content folder has tens of articles and references,
    // and this keeps the tools free of any library beyond the model's data.
    for (const auto& a : content.articles) {
      if (a.slug == effect.condition) link.condition_title = a.title;
    }
    link.explanation = effect.explanation;
    for (const auto& key : effect.citations) {
      for (const auto& r : content.references) {
        if (r.key == key) link.citations.push_back(&r);
      }
    }
    links.push_back(std::move(link));
  }
  return links;
}

// The candidates whose key is nearest to `typed`, with that distance.
std::pair<std::vector<const Candidate*>, int> Nearest(const std::vector<Candidate>& candidates,
                                                      std::string_view typed) {
  std::vector<const Candidate*> best;
  int best_d = std::numeric_limits<int>::max();
  for (const auto& c : candidates) {
    int d = EditDistance(typed, c.key);
    if (d < best_d) {
      best_d = d;
      best.clear();
    }
    if (d == best_d) best.push_back(&c);
  }
  return {best, best_d};
}

// Accepts the nearest candidates when they are close enough and, unless the
// match is exact, all name the same member (an ambiguous correction is a
// guess, and a guess about someone's medicine must be shown as a question).
std::vector<const Candidate*> Accept(const std::vector<Candidate>& candidates,
                                     std::string_view typed) {
  if (typed.empty()) return {};
  auto [best, d] = Nearest(candidates, typed);
  if (best.empty() || d > AllowedDistance(typed.size())) return {};
  if (d > 0) {
    for (const auto* c : best) {
      if (c->member->generic != best.front()->member->generic) return {};
    }
  }
  return best;
}

std::vector<std::string> Suggest(const std::vector<Candidate>& candidates, std::string_view typed) {
  if (typed.empty()) return {};
  std::vector<std::pair<int, std::string>> scored;
  for (const auto& c : candidates) {
    int d = EditDistance(typed, c.key);
    std::size_t longer = std::max(typed.size(), c.key.size());
    bool prefix = typed.size() >= 3 && c.key.starts_with(typed);
    // Close enough to be worth asking about: at most half the letters wrong.
    bool near = d <= AllowedDistance(typed.size()) + 3 && 2 * static_cast<std::size_t>(d) <= longer;
    if (prefix) d = 0;
    if (prefix || near) scored.emplace_back(d, c.display);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (const auto& [d, name] : scored) {
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    if (out.size() == 3) break;
  }
  return out;
}

}  // namespace

int AllowedDistance(std::size_t length) {
  if (length <= 3) return 0;
  if (length <= 5) return 1;
  if (length <= 8) return 2;
  return 3;
}

int EditDistance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  // Three rows suffice for the optimal-string-alignment recurrence.
  std::vector<int> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

std::string NormaliseMedicineName(std::string_view text) {
  std::string folded;
  folded.reserve(text.size());
  for (unsigned char c : text) {
    if (c >= 0x80) {
      folded.push_back(static_cast<char>(c));  // part of a UTF-8 letter: keep
    } else if (IsAsciiAlnum(c)) {
      folded.push_back(static_cast<char>(std::tolower(c)));
    } else if (c == '\'') {
      // "Beecham's" -> "beechams"
    } else {
      folded.push_back(' ');
    }
  }
  std::string out;
  for (const auto& w : Words(folded)) {
    if (std::isdigit(static_cast<unsigned char>(w[0])) || IsDoseWord(w)) continue;
    if (!out.empty()) out.push_back(' ');
    out += w;
  }
  return out;
}

std::vector<std::string> SplitMedicineList(std::string_view text, bool* truncated) {
  bool cut = false;
  if (text.size() > kMaxMedicinesInputBytes) {
    text = CutUtf8(text, kMaxMedicinesInputBytes);
    cut = true;
  }
  std::vector<std::string> items;
  std::string current;
  auto flush = [&] {
    std::string item = Trim(current);
    current.clear();
    if (item.empty()) return;
    if (items.size() >= kMaxMedicineItems) {
      cut = true;
      return;
    }
    if (item.size() > kMaxMedicineItemChars) {
      item = Trim(CutUtf8(item, kMaxMedicineItemChars));
      cut = true;
    }
    items.push_back(std::move(item));
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ',' || c == ';' || c == '/' || c == '+' || c == '&' || c == '\n' || c == '\r') {
      flush();
      continue;
    }
    // The word "and" (any case) between two names separates them.
    bool word_start = i == 0 || !IsAsciiAlnum(static_cast<unsigned char>(text[i - 1]));
    if (word_start && i + 3 <= text.size() &&
        std::tolower(static_cast<unsigned char>(text[i])) == 'a' &&
        std::tolower(static_cast<unsigned char>(text[i + 1])) == 'n' &&
        std::tolower(static_cast<unsigned char>(text[i + 2])) == 'd' &&
        (i + 3 == text.size() || !IsAsciiAlnum(static_cast<unsigned char>(text[i + 3])))) {
      flush();
      i += 2;
      continue;
    }
    current.push_back(c);
  }
  flush();
  if (truncated) *truncated = cut;
  return items;
}

MedicinesCheckResult CheckMedicines(const content::Content& content, std::string_view text) {
  MedicinesCheckResult result;
  const std::vector<Candidate> candidates = Candidates(content);
  std::set<std::pair<const content::MedicineClass*, const content::MedicineMember*>> seen;

  for (const auto& item : SplitMedicineList(text, &result.truncated)) {
    const std::string typed = NormaliseMedicineName(item);
    std::vector<const Candidate*> accepted = Accept(candidates, typed);
    // "my water tablet lasix": the whole phrase matches nothing, one word does.
    // Try single words (and adjacent pairs, for two-word names) only when the
    // whole failed, and only words long enough to be a name.
    if (accepted.empty()) {
      const auto words = Words(typed);
      for (std::size_t i = 0; i < words.size() && accepted.empty(); ++i) {
        if (i + 1 < words.size()) accepted = Accept(candidates, words[i] + " " + words[i + 1]);
        if (accepted.empty() && words[i].size() >= 4 && words.size() > 1) {
          accepted = Accept(candidates, words[i]);
        }
      }
    }
    if (accepted.empty()) {
      result.unmatched.push_back({item, Suggest(candidates, typed)});
      continue;
    }
    for (const Candidate* c : accepted) {
      // The same medicine typed twice (brand and generic) is shown once.
      if (!seen.insert({c->cls, c->member}).second) continue;
      MedicineMatch match;
      match.input = item;
      match.matched_name = c->display;
      match.via_brand = c->brand;
      match.exact = EditDistance(typed, c->key) == 0;
      match.medicine_class = c->cls;
      match.member = c->member;
      match.may_cause = Links(content, *c->cls);
      result.matches.push_back(std::move(match));
    }
  }
  return result;
}

}  // namespace evidoc::tools
