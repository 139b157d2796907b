#include "search/snippet.h"

#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace evidoc::search {
namespace {

bool IsDigit(unsigned ch) {
  return Xapian::Unicode::get_category(ch) == Xapian::Unicode::DECIMAL_DIGIT_NUMBER;
}

// The character after the one at `it`, or 0 at the end.
unsigned Next(Xapian::Utf8Iterator it) {
  ++it;
  return it == Xapian::Utf8Iterator() ? 0 : *it;
}

// What joins two parts of one word, as TermGenerator's infix rules have it
// (the right-hand quotes count as apostrophes), or 0.
unsigned Joiner(unsigned previous, unsigned ch, unsigned next) {
  if (!Xapian::Unicode::is_wordchar(previous) || !Xapian::Unicode::is_wordchar(next)) return 0;
  if (IsDigit(previous) && IsDigit(next)) return ch == ',' || ch == '.' ? ch : 0;
  if (ch == '\'' || ch == 0x2019 || ch == 0x201b) return '\'';
  return ch == '&' ? ch : 0;
}

void AppendEscaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
}

bool EndsASentence(std::string_view between) {
  return between.find_first_of(".!?") != std::string_view::npos;
}

}  // namespace

SnippetIndex::SnippetIndex(Stemmer stem) : stem_(std::move(stem)) {}

uint32_t SnippetIndex::WordNumber(const std::string& lower) {
  auto [it, added] = word_numbers_.try_emplace(lower, static_cast<uint32_t>(stem_of_word_.size()));
  if (added) {
    auto [st, new_stem] =
        stem_numbers_.try_emplace(stem_(lower), static_cast<uint32_t>(pages_with_stem_.size()));
    if (new_stem) pages_with_stem_.push_back(0);
    stem_of_word_.push_back(st->second);
  }
  return it->second;
}

size_t SnippetIndex::AddPage(std::string text) {
  Page page;
  page.text = std::move(text);
  const std::string& t = page.text;
  // Positions are 32-bit: a page's words past 4 GiB (none is near) are not
  // split out and can be neither matched nor shown.
  const size_t limit = std::min<size_t>(t.size(), std::numeric_limits<uint32_t>::max());
  Xapian::Utf8Iterator it(t.data(), limit), end;
  std::string lower;
  while (it != end) {
    if (!Xapian::Unicode::is_wordchar(*it)) {
      ++it;
      continue;
    }
    const size_t begin = it.raw() - t.data();
    lower.clear();
    unsigned previous = 0;
    while (it != end) {
      unsigned ch = *it;
      if (!Xapian::Unicode::is_wordchar(ch)) {
        unsigned joiner = Joiner(previous, ch, Next(it));
        if (joiner == 0) break;
        ch = joiner;
      } else {
        ch = Xapian::Unicode::tolower(ch);
      }
      Xapian::Unicode::append_utf8(lower, ch);
      previous = *it;
      ++it;
    }
    const size_t stop = it == end ? limit : static_cast<size_t>(it.raw() - t.data());
    const uint32_t number = WordNumber(lower);
    page.words.push_back(Word{static_cast<uint32_t>(begin), static_cast<uint32_t>(stop), number,
                              stem_of_word_[number]});
  }
  page.by_stem.reserve(page.words.size());
  for (size_t i = 0; i < page.words.size(); ++i) {
    page.by_stem.emplace_back(page.words[i].stem, static_cast<uint32_t>(i));
  }
  std::sort(page.by_stem.begin(), page.by_stem.end());
  uint32_t last = std::numeric_limits<uint32_t>::max();
  for (const auto& [stem, index] : page.by_stem) {
    if (stem != last) ++pages_with_stem_[stem];
    last = stem;
  }
  page.by_stem.shrink_to_fit();
  page.words.shrink_to_fit();
  pages_.push_back(std::move(page));
  return pages_.size() - 1;
}

void SnippetIndex::Finish() {
  // An inverse document frequency: a stem on every page is worth 1, one on
  // a single page of many worth several times that.
  const double n = static_cast<double>(std::max<size_t>(pages_.size(), 1));
  stem_weight_.resize(pages_with_stem_.size());
  for (size_t s = 0; s < pages_with_stem_.size(); ++s) {
    stem_weight_[s] = 1.0 + std::log(n / std::max<uint32_t>(pages_with_stem_[s], 1));
  }
}

SnippetQuery SnippetIndex::Match(const std::vector<std::string>& terms) const {
  SnippetQuery out;
  auto wanted = [&](uint32_t stem) -> SnippetQuery::Wanted& {
    for (auto& w : out.wanted) {
      if (w.stem == stem) return w;
    }
    out.wanted.push_back({stem, false, {}, stem < stem_weight_.size() ? stem_weight_[stem] : 1.0});
    return out.wanted.back();
  };
  for (const std::string& term : terms) {
    if (term.empty()) continue;
    if (term[0] == 'Z') {
      auto it = stem_numbers_.find(term.substr(1));
      if (it != stem_numbers_.end()) wanted(it->second).any_form = true;
    } else if (!(term[0] >= 'A' && term[0] <= 'Z')) {
      auto it = word_numbers_.find(term);
      if (it != word_numbers_.end()) {
        auto& w = wanted(stem_of_word_[it->second]);
        if (std::find(w.words.begin(), w.words.end(), it->second) == w.words.end()) {
          w.words.push_back(it->second);
        }
      }
    }
  }
  return out;
}

std::vector<std::pair<uint32_t, uint32_t>> SnippetIndex::Matched(const Page& page,
                                                                 const SnippetQuery& query) const {
  const std::vector<Word>& words = page.words;
  std::vector<std::pair<uint32_t, uint32_t>> matched;
  for (uint32_t k = 0; k < query.wanted.size(); ++k) {
    const SnippetQuery::Wanted& w = query.wanted[k];
    auto lo = std::lower_bound(page.by_stem.begin(), page.by_stem.end(),
                               std::pair<uint32_t, uint32_t>{w.stem, 0});
    for (auto it = lo; it != page.by_stem.end() && it->first == w.stem; ++it) {
      if (w.any_form ||
          std::find(w.words.begin(), w.words.end(), words[it->second].word) != w.words.end()) {
        matched.emplace_back(it->second, k);
      }
    }
  }
  std::sort(matched.begin(), matched.end());
  return matched;
}

SnippetRange SnippetIndex::Choose(size_t page_number, const SnippetQuery& query,
                                  size_t length) const {
  const Page& page = pages_[page_number];
  return Choose(page, Matched(page, query), query, length);
}

SnippetRange SnippetIndex::Choose(const Page& page,
                                  const std::vector<std::pair<uint32_t, uint32_t>>& matched,
                                  const SnippetQuery& query, size_t length) const {
  const std::string& text = page.text;
  const std::vector<Word>& words = page.words;

  // The best run of matched words that fits: for each last word, the run
  // from the earliest first word that fits is worth the most (a longer run
  // never loses a word), so one pass with two ends finds it.
  size_t best_first = 0, best_last = 0;
  double best_worth = -1;
  size_t best_count = 0;
  {
    std::vector<uint32_t> count(query.wanted.size(), 0);
    double worth = 0;
    size_t first = 0;
    for (size_t last = 0; last < matched.size(); ++last) {
      if (count[matched[last].second]++ == 0) worth += query.wanted[matched[last].second].weight;
      while (first < last &&
             words[matched[last].first].end - words[matched[first].first].begin > length) {
        if (--count[matched[first].second] == 0)
          worth -= query.wanted[matched[first].second].weight;
        ++first;
      }
      const size_t n = last - first + 1;
      if (worth > best_worth + 1e-9 || (worth > best_worth - 1e-9 && n > best_count)) {
        best_worth = worth;
        best_count = n;
        best_first = first;
        best_last = last;
      }
    }
  }

  // Where the snippet starts and ends: byte offsets at word boundaries.
  size_t from = 0, to = text.size();
  // Where a snippet starting with word w starts: the first word takes the
  // page's start with it.
  auto start_of = [&](size_t w) -> size_t { return w == 0 ? 0 : words[w].begin; };
  if (text.size() > length) {
    size_t first_word = 0;  // index of the word the snippet starts with
    if (!matched.empty() && words[matched[best_last].first].end > length) {
      const uint32_t a = matched[best_first].first;
      const size_t span_end = words[matched[best_last].first].end;
      // The sentence the first matched word is in, when it starts close
      // enough; otherwise a few words of lead-in (about 40 bytes, and no
      // more than half the room left).
      first_word = a;
      size_t i = a;
      for (;;) {
        if (i == 0 || EndsASentence(std::string_view(text).substr(
                          words[i - 1].end, words[i].begin - words[i - 1].end))) {
          first_word = i;
          break;
        }
        if (span_end - start_of(i - 1) > length) {
          // No sentence start fits: lead in.
          const size_t span = span_end - words[a].begin;  // longer only for one long word
          const size_t lead = std::min<size_t>(40, span < length ? (length - span) / 2 : 0);
          first_word = a;
          while (first_word > 0 && words[a].begin - start_of(first_word - 1) <= lead) {
            --first_word;
          }
          break;
        }
        --i;
      }
    }
    from = start_of(first_word);
    // Run on to the last word that fits, with the punctuation right after it.
    size_t last_word = first_word;
    while (last_word + 1 < words.size() && words[last_word + 1].end - from <= length) ++last_word;
    to = words.empty() ? length : words[last_word].end;
    if (!words.empty() && last_word + 1 == words.size() && text.size() - from <= length) {
      to = text.size();
    } else {
      while (to < text.size() && to - from < length && text[to] != '\0' &&
             std::strchr(".,;:!?)", text[to]) != nullptr) {
        ++to;
      }
    }
    // A page with no words, or one word longer than the snippet: cut it, at
    // a character boundary (a cut after a word is at one already).
    if (to - from > length) to = from + length;
    while (to > from && to < text.size() && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) {
      --to;
    }
    // Near the end of the page: use the room left by starting earlier.
    if (to == text.size() && from > 0) {
      while (first_word > 0 && to - start_of(first_word - 1) <= length) --first_word;
      from = start_of(first_word);
    }
  }

  return SnippetRange{from, to};
}

std::string SnippetIndex::Make(size_t page_number, const SnippetQuery& query, size_t length) const {
  const Page& page = pages_[page_number];
  const std::string& text = page.text;
  const std::vector<Word>& words = page.words;
  const auto matched = Matched(page, query);
  const auto [from, to] = Choose(page, matched, query, length);
  std::string out;
  out.reserve(to - from + 32);
  if (from > 0) out += "…";
  size_t at = from;
  for (const auto& [index, k] : matched) {
    const Word& w = words[index];
    if (w.begin < from || w.end > to) continue;
    AppendEscaped(out, std::string_view(text).substr(at, w.begin - at));
    out += "<mark>";
    AppendEscaped(out, std::string_view(text).substr(w.begin, w.end - w.begin));
    out += "</mark>";
    at = w.end;
  }
  AppendEscaped(out, std::string_view(text).substr(at, to - at));
  if (to < text.size()) out += "…";
  return out;
}

}  // namespace evidoc::search
