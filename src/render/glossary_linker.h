// Finds where glossary terms are first used in an article's text, so the
// article page can define each term inline at its first use.
//
// Matching: a term or any of its aliases, case-insensitively (ASCII case
// folding; other bytes compared exactly), on word boundaries (a word
// character is an ASCII letter or digit or any byte of a non-ASCII UTF-8
// character), longest match first when several start at the same place.
// Each term matches at most once per article: the caller keeps a `used`
// vector across all text nodes of one article.
//
// Cost: at most one hash lookup per word of text, whatever the glossary size
// (terms are indexed by their first word), so a 10,000-article build stays
// linear.
// Immutable after construction; FindFirstUses is thread-safe.
#pragma once

#include <bitset>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "content/model.h"

namespace evidoc::render {

class GlossaryLinker {
 public:
  // `terms` must outlive the linker. Empty terms and aliases are ignored.
  explicit GlossaryLinker(const std::vector<content::GlossaryTerm>& terms);

  struct Match {
    size_t begin = 0;  // byte offsets into the text
    size_t end = 0;
    size_t term_index = 0;  // index into `terms`
  };

  // The first uses in `text` of terms whose `used[term_index]` is false, in
  // text order, non-overlapping; marks them used. REQUIRES: used.size() ==
  // terms.size() (use NewUsedSet()).
  std::vector<Match> FindFirstUses(std::string_view text, std::vector<bool>& used) const;

  std::vector<bool> NewUsedSet() const { return std::vector<bool>(term_count_, false); }
  const content::GlossaryTerm& term(size_t index) const { return (*terms_)[index]; }

 private:
  struct Pattern {
    std::string lower;  // the whole term or alias, lowercased
    size_t term_index;
  };
  const std::vector<content::GlossaryTerm>* terms_;
  size_t term_count_;
  // First word (lowercased) -> patterns starting with it, longest first.
  std::unordered_map<std::string, std::vector<Pattern>> by_first_word_;
  // The shapes of those first words: bit (first byte lowercased) * 32 +
  // min(length, 31). Most words of prose have no such shape, and for them
  // the scan skips lowercasing, hashing and the lookup (which were most of
  // the linker's time).
  std::bitset<256 * 32> first_word_shapes_;
  static size_t Shape(char first, size_t length);
};

}  // namespace evidoc::render
