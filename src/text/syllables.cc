// Why hand-written: Debian ships no C or C++ library that counts syllables.
// Hyphenation patterns (libhyphen, TeX) mark where a word may be broken in
// print, which is not where its syllables are ("every", "table" get too few
// breaks, short words none), and a pronouncing dictionary (CMUdict) is not
// packaged as a library and misses medical words. Readability tools (textstat,
// the Word grammar checker, the formulas' own authors counting by hand) use
// rules like these: count groups of vowels, then correct for silent endings
// and vowel pairs that are spoken as two syllables.
#include "text/syllables.h"

#include <array>
#include <string>

namespace evidoc::text {
namespace {

bool IsVowelLetter(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}
bool IsPlainVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Lower-case ASCII letters only; Latin-1 accented vowels (UTF-8 C3 xx) become
// 'a' (a vowel) and any other non-ASCII letter becomes 'x' (a consonant).
std::string Normalize(std::string_view word) {
  std::string out;
  for (size_t i = 0; i < word.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(word[i]);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (c >= 'a' && c <= 'z') {
      out += static_cast<char>(c);
    } else if (c == 0xC3 && i + 1 < word.size()) {
      unsigned char d = static_cast<unsigned char>(word[i + 1]) | 0x20;  // fold case
      // à..æ, è..ï, ò..ö, ù..ü in the C3 block are vowels.
      bool vowel = (d >= 0xA0 && d <= 0xA6) || (d >= 0xA8 && d <= 0xAF) ||
                   (d >= 0xB2 && d <= 0xB6) || (d >= 0xB9 && d <= 0xBC);
      out += vowel ? 'a' : 'x';  // 'a', so a final 'é' is never a silent 'e'
      ++i;
    } else if (c >= 0xC0) {
      out += 'x';  // the lead byte of another letter; continuation bytes are skipped
    }
  }
  return out;
}

// Words whose spelling the rules below get wrong and that are common in
// patient information. Dictionary counts.
struct Exception {
  std::string_view word;
  int syllables;
};
constexpr std::array<Exception, 17> kExceptions = {{
    {"people", 2},
    {"business", 2},
    {"recipe", 3},
    {"every", 3},
    {"everyone", 4},
    {"everything", 4},
    {"different", 3},
    {"evening", 2},
    {"several", 3},
    {"ratio", 3},
    {"area", 3},
    {"idea", 3},
    {"create", 2},
    {"created", 3},
    {"fluid", 2},
    {"quiet", 2},
    {"science", 2},
}};

int CountStem(const std::string& w);

// Suffixes that are always one syllable of their own and whose preceding
// silent 'e' ("lonely", "careful") would otherwise be counted.
constexpr std::array<std::string_view, 5> kSuffixes = {"ment", "ness", "less", "ful", "ly"};

int CountNormalized(const std::string& w) {
  if (w.empty()) return 0;
  for (const Exception& e : kExceptions) {
    if (w == e.word) return e.syllables;
  }
  for (std::string_view suffix : kSuffixes) {
    if (w.size() >= suffix.size() + 2 &&
        w.compare(w.size() - suffix.size(), suffix.size(), suffix.data(), suffix.size()) == 0) {
      std::string stem = w.substr(0, w.size() - suffix.size());
      // Only when the stem can stand as a word (has a vowel): "apply" is
      // app+ly, but "fly" is not f+ly.
      bool has_vowel = false;
      for (char c : stem) has_vowel = has_vowel || IsVowelLetter(c);
      if (has_vowel) return CountNormalized(stem) + 1;
    }
  }
  return CountStem(w);
}

int CountStem(const std::string& w) {
  const size_t n = w.size();
  if (n <= 3) return 1;  // "the", "of", "gym", "hmm": one syllable, even without a vowel
  // Which letters are vowels here: 'y' is a consonant at the start of a word
  // before a vowel ("yes") and between two vowels ("beyond", "player").
  std::string v(n, 0);
  for (size_t i = 0; i < n; ++i) {
    char c = w[i];
    bool vowel = IsVowelLetter(c);
    if (c == 'y') {
      bool before_vowel = i + 1 < n && IsPlainVowel(w[i + 1]);
      bool after_vowel = i > 0 && IsPlainVowel(w[i - 1]);
      if (before_vowel && (i == 0 || after_vowel)) vowel = false;
    }
    v[i] = vowel ? 1 : 0;
  }
  // Count vowel groups, splitting the pairs that are spoken as two syllables.
  int count = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!v[i]) continue;
    if (i == 0 || !v[i - 1]) {
      ++count;
      continue;
    }
    char a = w[i - 1], b = w[i];
    char before = i >= 2 ? w[i - 2] : ' ';
    bool split = false;
    if (a == 'i' && b == 'o') {
      // "radio", "period", "previous", but "-tion", "-sion", "-cious", "-gion".
      split = !(before == 't' || before == 's' || before == 'c' || before == 'g' || before == 'x');
    } else if (a == 'i' && b == 'a') {
      // "media", "trivial", "dial", but "-cial", "-tial" and "-ian" (counted as
      // one in the Flesch–Kincaid worked example: "Aus-tral-ian").
      bool at_end = i + 1 == n;
      bool before_l = i + 1 < n && w[i + 1] == 'l';
      split = (at_end || before_l) && !(before == 'c' || before == 't');
    } else if (a == 'i' && b == 'u') {
      split = true;  // "medium", "calcium", "sodium"
    } else if (a == 'u' && (b == 'a' || b == 'o')) {
      split = before != 'q' && before != 'g';  // "usual", "actual", but "quality", "language"
    } else if (a == 'e' && b == 'o') {
      split = true;  // "video", "stereo", "osteoporosis"
    } else if (a == 'i' && b == 'e' && i + 1 < n && w[i + 1] == 't') {
      split = true;  // "diet", "anxiety", "society"
    } else if (b == 'i' && IsPlainVowel(a) && i + 3 == n && w[i + 1] == 'n' && w[i + 2] == 'g') {
      split = true;  // "being", "doing", "going", "seeing"
    }
    if (split) ++count;
  }
  // Silent endings: only when the final 'e' is its own vowel group (after a
  // consonant) and something else is left to carry the word.
  auto consonant_at = [&](size_t i) { return i < n && !v[i]; };
  if (count > 1) {
    if (w[n - 1] == 'e' && consonant_at(n - 2)) {
      // "make", "whole", "office"; not "table", "people" (consonant + "le").
      bool consonant_le = w[n - 2] == 'l' && n >= 3 && consonant_at(n - 3);
      if (!consonant_le) --count;
    } else if (w[n - 1] == 's' && w[n - 2] == 'e' && consonant_at(n - 3)) {
      // "makes", "times"; not "boxes", "wishes", "pages", "places", "tables".
      char c = w[n - 3];
      bool sibilant = c == 's' || c == 'x' || c == 'z' || c == 'c' || c == 'g' ||
                      (c == 'h' && n >= 4 && (w[n - 4] == 'c' || w[n - 4] == 's'));
      bool consonant_les = c == 'l' && n >= 4 && consonant_at(n - 4);
      if (!sibilant && !consonant_les) --count;
    } else if (w[n - 1] == 'd' && w[n - 2] == 'e' && consonant_at(n - 3)) {
      // "jumped", "played"; not "wanted", "needed", "settled".
      char c = w[n - 3];
      bool consonant_led = c == 'l' && n >= 4 && consonant_at(n - 4);
      if (c != 't' && c != 'd' && !consonant_led) --count;
    }
  }
  return count < 1 ? 1 : count;
}

}  // namespace

int CountSyllables(std::string_view word) {
  // Hyphenated compounds are counted part by part ("well-known" = 2).
  int total = 0;
  size_t start = 0;
  while (start <= word.size()) {
    size_t end = word.find('-', start);
    if (end == std::string_view::npos) end = word.size();
    total += CountNormalized(Normalize(word.substr(start, end - start)));
    start = end + 1;
  }
  return total;
}

}  // namespace evidoc::text
