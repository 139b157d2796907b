// Splitting prose into sentences and words, for readability (readability.h).
// Works on UTF-8 text; never fails.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace evidoc::text {

// Splits `prose` into sentences. A sentence ends at '.', '!' or '?' (and any
// closing quotes or brackets after it) followed by white space or the end,
// except after a common abbreviation ("e.g.", "i.e.", "Dr.", "etc." before a
// lower-case word, "vs.") or a single initial ("J. Smith"). Text after the last
// end mark is a sentence too. Sentences without any word are dropped.
// The returned views point into `prose`.
std::vector<std::string_view> SplitSentences(std::string_view prose);

// The words of `text`: runs of letters, digits, apostrophes (' and ’) and
// inner hyphens that contain at least one letter. Pure numbers ("2024", "3.5")
// are not words for readability. Punctuation, dashes (– —) and quotes separate.
std::vector<std::string> SplitWords(std::string_view text);

// The same words, one call of fn(word) each, in order, without building a
// vector; `word` is valid only during the call.
void ForEachWord(std::string_view text, const std::function<void(std::string_view)>& fn);

}  // namespace evidoc::text
