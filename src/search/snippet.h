// Snippets: the part of a page that best shows why it matched a query, as
// HTML-escaped text with the matched words in <mark>…</mark>.
//
// Every page is split into words once, when the index is built: each word
// keeps where it is in the page, its lower-case form and its stem, as
// numbers. A snippet then costs a lookup of the query's few terms in the
// page's list of stems and a pass over the matched words, instead of
// splitting, lower-casing and stemming the page's text for every hit of
// every search (which was half of a search's time with Xapian's
// MSet::snippet). Written here because no library makes snippets from a
// page split in advance.
//
// Which snippet: the stretch of at most `length` bytes of the page whose
// matched words are worth the most, counting each distinct stem once, rarer
// stems (in fewer pages) worth more, and then more matched words; the first
// such stretch when several are worth the same. It starts at the beginning
// of the sentence holding its first matched word when that fits, else a few
// words before that word, and runs on as far as the length allows; it cuts
// only between words, and an ellipsis shows where the page goes on. A page
// with no matched word shows its start.
//
// A word is what Xapian's TermGenerator takes as one: a run of Unicode
// letters, digits, marks and connectors, joined across an apostrophe or "&"
// between letters ("baker's", "AT&T") and across "," or "." between digits
// ("1,000", "2.5").
//
// Thread-safety: Match and Make may be called concurrently once every page
// has been added and Finish called; AddPage and Finish are not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace evidoc::search {

// What a query asks a snippet to mark: made by SnippetIndex::Match, used by
// SnippetIndex::Make. Opaque to callers.
struct SnippetQuery {
  struct Wanted {
    uint32_t stem = 0;
    bool any_form = false;        // a stem term ("Zcramp"): every word with this stem
    std::vector<uint32_t> words;  // word terms ("dvt"): only these words
    double weight = 0;
  };
  std::vector<Wanted> wanted;
};

// Bytes [from, to) of a page's text.
struct SnippetRange {
  size_t from = 0, to = 0;
  bool operator==(const SnippetRange&) const = default;
};

class SnippetIndex {
 public:
  using Stemmer = std::function<std::string(const std::string& lower_case_word)>;
  explicit SnippetIndex(Stemmer stem);

  // Splits `text` into words and keeps it; returns the page's number (0, 1, …
  // in the order added).
  size_t AddPage(std::string text);
  // Weighs the stems by how many pages have them. REQUIRES: after the last
  // AddPage and before Match.
  void Finish();

  // The words a query's terms ask for, as Xapian's QueryParser makes terms:
  // "Z" and a stem for a stemmed word, a lower-case word as is; any other
  // term (another prefix, a word no page has) is ignored.
  SnippetQuery Match(const std::vector<std::string>& terms) const;

  // The snippet of page `page` for `query`, of at most `length` bytes of the
  // page's text (the ellipses, escapes and marks come on top).
  // REQUIRES: page is a number AddPage returned.
  std::string Make(size_t page, const SnippetQuery& query, size_t length = 240) const;
  // Which part of the page Make shows.
  SnippetRange Choose(size_t page, const SnippetQuery& query, size_t length = 240) const;

  const std::string& text(size_t page) const { return pages_[page].text; }

  // A word of a page: bytes [begin, end) of its text, and its numbers.
  struct Word {
    uint32_t begin = 0, end = 0;
    uint32_t word = 0, stem = 0;
  };
  // For tests: the page's words, in order.
  const std::vector<Word>& words(size_t page) const { return pages_[page].words; }

 private:
  struct Page {
    std::string text;
    std::vector<Word> words;
    std::vector<std::pair<uint32_t, uint32_t>> by_stem;  // (stem, word index), sorted
  };
  uint32_t WordNumber(const std::string& lower);
  // The page's words `query` asks for, in page order: (word index, index
  // in query.wanted).
  std::vector<std::pair<uint32_t, uint32_t>> Matched(const Page& page,
                                                     const SnippetQuery& query) const;
  SnippetRange Choose(const Page& page, const std::vector<std::pair<uint32_t, uint32_t>>& matched,
                      const SnippetQuery& query, size_t length) const;

  Stemmer stem_;
  std::vector<Page> pages_;
  std::unordered_map<std::string, uint32_t> word_numbers_, stem_numbers_;
  std::vector<uint32_t> stem_of_word_;  // by word number
  std::vector<uint32_t> pages_with_stem_;
  std::vector<double> stem_weight_;
};

}  // namespace evidoc::search
