#include "render/glossary_linker.h"

#include <algorithm>

namespace evidoc::render {
namespace {

bool IsWordByte(char ch) {
  const unsigned char c = static_cast<unsigned char>(ch);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

// Trims ASCII spaces: "  dummy pill " is the pattern "dummy pill".
std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

size_t GlossaryLinker::Shape(char first, size_t length) {
  return static_cast<size_t>(static_cast<unsigned char>(Lower(first))) * 32 +
         std::min<size_t>(length, 31);
}

GlossaryLinker::GlossaryLinker(const std::vector<content::GlossaryTerm>& terms)
    : terms_(&terms), term_count_(terms.size()) {
  for (size_t i = 0; i < terms.size(); ++i) {
    std::vector<std::string_view> forms = {terms[i].term};
    for (const std::string& a : terms[i].aliases) forms.push_back(a);
    for (std::string_view form : forms) {
      form = Trim(form);
      // A pattern must start and end with a word character, or the
      // boundary test below would be meaningless.
      if (form.empty() || !IsWordByte(form.front()) || !IsWordByte(form.back())) continue;
      size_t n = 0;
      while (n < form.size() && IsWordByte(form[n])) ++n;
      by_first_word_[LowerAscii(form.substr(0, n))].push_back({LowerAscii(form), i});
      first_word_shapes_.set(Shape(form.front(), n));
    }
  }
  for (auto& [word, patterns] : by_first_word_) {
    std::stable_sort(patterns.begin(), patterns.end(), [](const Pattern& a, const Pattern& b) {
      return a.lower.size() > b.lower.size();
    });
  }
}

std::vector<GlossaryLinker::Match> GlossaryLinker::FindFirstUses(std::string_view text,
                                                                 std::vector<bool>& used) const {
  std::vector<Match> matches;
  if (by_first_word_.empty()) return matches;
  std::string word;
  size_t i = 0;
  while (i < text.size()) {
    if (!IsWordByte(text[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < text.size() && IsWordByte(text[end])) ++end;
    size_t next = end;  // where scanning resumes
    if (!first_word_shapes_.test(Shape(text[i], end - i))) {
      i = next;
      continue;
    }
    word.clear();
    for (size_t k = i; k < end; ++k) word.push_back(Lower(text[k]));
    const auto it = by_first_word_.find(word);
    if (it != by_first_word_.end()) {
      for (const Pattern& p : it->second) {
        if (used[p.term_index]) continue;
        const size_t stop = i + p.lower.size();
        if (stop > text.size()) continue;
        if (stop < text.size() && IsWordByte(text[stop])) continue;
        bool equal = true;
        for (size_t k = 0; k < p.lower.size(); ++k) {
          if (Lower(text[i + k]) != p.lower[k]) {
            equal = false;
            break;
          }
        }
        if (!equal) continue;
        used[p.term_index] = true;
        matches.push_back({i, stop, p.term_index});
        next = stop;
        break;
      }
    }
    i = next;
  }
  return matches;
}

}  // namespace evidoc::render
