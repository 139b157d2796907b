#include "text/tokenize.h"

#include <array>
#include <cctype>

namespace evidoc::text {
namespace {

// Decodes one UTF-8 code point at `i` (advancing `i`); invalid bytes decode
// as U+FFFD one byte at a time, so malformed input cannot stall the loop.
char32_t Decode(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? c : c & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    unsigned char d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (d & 0x3F);
  }
  i += len;
  return cp;
}

// ASCII letters; std::isalpha would ask the C library's locale on every
// character (evidoc never changes the "C" locale, so the answer is the same).
bool IsAsciiLetter(char32_t cp) { return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'; }

bool IsLetter(char32_t cp) {
  if (cp < 0x80) return IsAsciiLetter(cp);
  // Latin-1 and Latin Extended letters, Greek, Cyrillic: letters for our
  // purposes (a name like "Müller", a term like "Baker's cyst").
  return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x370 && cp <= 0x52F);
}
bool IsDigit(char32_t cp) { return cp >= '0' && cp <= '9'; }
bool IsApostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019; }

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }

// Abbreviations after which a full stop does not end a sentence (lower-case,
// without the final '.').
constexpr std::array<std::string_view, 14> kAbbreviations = {
    "e.g", "i.e", "dr", "mr", "mrs", "ms", "prof", "vs", "etc", "approx", "fig", "no", "st", "cf"};

bool EndsWithAbbreviation(std::string_view before) {
  // The word just before the '.', back to white space or an opening bracket.
  size_t start = before.size();
  while (start > 0 && !IsSpace(before[start - 1]) && before[start - 1] != '(') --start;
  std::string word;
  for (char c : before.substr(start)) {
    word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (word.size() == 1 && std::isalpha(static_cast<unsigned char>(word[0]))) return true;  // "J."
  for (std::string_view a : kAbbreviations) {
    if (word == a) return true;
  }
  return false;
}

bool HasLetter(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (IsLetter(Decode(s, i))) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string_view> SplitSentences(std::string_view prose) {
  std::vector<std::string_view> out;
  size_t start = 0;
  auto emit = [&](size_t end) {
    std::string_view s = prose.substr(start, end - start);
    while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
    while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
    if (HasLetter(s)) out.push_back(s);
    start = end;
  };
  for (size_t i = 0; i < prose.size(); ++i) {
    char c = prose[i];
    if (c != '.' && c != '!' && c != '?') continue;
    size_t end = i + 1;
    while (end < prose.size() && prose[end] == c) ++end;  // "..." or "?!" runs
    while (end < prose.size() && (prose[end] == '"' || prose[end] == '\'' || prose[end] == ')' ||
                                  prose[end] == ']' || prose[end] == '!' || prose[end] == '?')) {
      ++end;
    }
    // Closing curly quotes (” ’) are three bytes each.
    while (end + 2 < prose.size() && static_cast<unsigned char>(prose[end]) == 0xE2 &&
           static_cast<unsigned char>(prose[end + 1]) == 0x80 &&
           (static_cast<unsigned char>(prose[end + 2]) == 0x9D ||
            static_cast<unsigned char>(prose[end + 2]) == 0x99)) {
      end += 3;
    }
    if (end < prose.size() && !IsSpace(prose[end])) continue;  // "3.5", "evidoc.org"
    if (c == '.' && end == i + 1 && EndsWithAbbreviation(prose.substr(start, i - start))) {
      // "e.g. cramps" goes on; "etc. Then" would end, but an abbreviation
      // before a capital is rare enough in patient text to keep one rule.
      continue;
    }
    emit(end);
    i = end - 1;
  }
  emit(prose.size());
  return out;
}

void ForEachWord(std::string_view text, const std::function<void(std::string_view)>& fn) {
  std::string word;  // reused: no allocation per word once it has grown
  bool has_letter = false;
  auto flush = [&] {
    while (!word.empty() && (word.back() == '-' || word.back() == '\'')) word.pop_back();
    if (has_letter && !word.empty()) fn(word);
    word.clear();
    has_letter = false;
  };
  for (size_t i = 0; i < text.size();) {
    size_t at = i;
    // ASCII, most of any English text, needs no decoding.
    char32_t cp = static_cast<unsigned char>(text[i]) < 0x80 ? static_cast<unsigned char>(text[i++])
                                                             : Decode(text, i);
    if (IsLetter(cp)) {
      word.append(text.substr(at, i - at));
      has_letter = true;
    } else if (IsDigit(cp)) {
      word += static_cast<char>(cp);
    } else if ((IsApostrophe(cp) || cp == '-') && !word.empty()) {
      word += cp == '-' ? '-' : '\'';  // inner only: trailing ones are trimmed in flush
    } else {
      flush();
    }
  }
  flush();
}

std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> out;
  ForEachWord(text, [&](std::string_view w) { out.emplace_back(w); });
  return out;
}

}  // namespace evidoc::text
