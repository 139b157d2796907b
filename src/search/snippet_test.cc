#include "search/snippet.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <map>
#include <random>
#include <set>

namespace evidoc::search {
namespace {

// A toy stemmer, so that the expected answers below follow from the test
// alone: a final "s" goes.
std::string DropS(const std::string& w) {
  return w.size() > 1 && w.back() == 's' ? w.substr(0, w.size() - 1) : w;
}

struct Snippets {
  SnippetIndex index{DropS};
  explicit Snippets(std::vector<std::string> pages) {
    for (auto& p : pages) index.AddPage(std::move(p));
    index.Finish();
  }
  std::string Make(size_t page, std::vector<std::string> terms, size_t length) {
    return index.Make(page, index.Match(terms), length);
  }
};

std::vector<std::string> WordTexts(const SnippetIndex& index, size_t page) {
  std::vector<std::string> out;
  for (const auto& w : index.words(page)) {
    out.push_back(index.text(page).substr(w.begin, w.end - w.begin));
  }
  return out;
}

TEST(SnippetTest, SplitsWordsAsXapianDoes) {
  Snippets s({"Baker\xE2\x80\x99s cyst, AT&T: 1,000 or 2.5 mg; na\xC3\xAFve -- end. 3, 4"});
  EXPECT_EQ(WordTexts(s.index, 0),
            (std::vector<std::string>{"Baker\xE2\x80\x99s", "cyst", "AT&T", "1,000", "or", "2.5",
                                      "mg", "na\xC3\xAFve", "end", "3", "4"}));
  // The curly apostrophe is the same word as the straight one; case does
  // not matter; "na\u00efve" is one word.
  EXPECT_EQ(s.Make(0, {"baker's", "Zat&t", "Znaïve"}, 1000),
            "<mark>Baker\xE2\x80\x99s</mark> cyst, <mark>AT&amp;T</mark>: 1,000 or 2.5 mg; "
            "<mark>na\xC3\xAFve</mark> -- end. 3, 4");
}

TEST(SnippetTest, StemTermsMarkEveryFormWordTermsOnlyThatWord) {
  Snippets s({"Cramps and a cramp, then more cramps."});
  EXPECT_EQ(s.Make(0, {"Zcramp"}, 1000),
            "<mark>Cramps</mark> and a <mark>cramp</mark>, then more <mark>cramps</mark>.");
  EXPECT_EQ(s.Make(0, {"cramp"}, 1000), "Cramps and a <mark>cramp</mark>, then more cramps.");
  // Other prefixes and unknown words mark nothing.
  EXPECT_EQ(s.Make(0, {"Qarticle:cramp", "Zxylophone", "then2"}, 1000),
            "Cramps and a cramp, then more cramps.");
}

TEST(SnippetTest, EscapesTheText) {
  Snippets s({"Take <hormone> tablets & \"pills\" with care."});
  EXPECT_EQ(s.Make(0, {"Zhormone", "Ztablet"}, 1000),
            "Take &lt;<mark>hormone</mark>&gt; <mark>tablets</mark> &amp; &quot;pills&quot; with "
            "care.");
}

// Hand-worked placements (byte offsets in the comments).
constexpr const char* kGreek =
    // 0     6    11    17    23      31 32  37  41    47   52    58     65 67
    "Alpha beta gamma delta epsilon. Zeta eta theta iota kappa lambda mu.";

TEST(SnippetTest, AMatchNearTheStartShowsTheStart) {
  Snippets s({"One two three. Four five six seven eight nine ten."});
  // "five" ends at byte 24, inside the first 30 bytes: start at 0, end after
  // "six" (28), since "seven" would end at 34.
  EXPECT_EQ(s.Make(0, {"Zfive"}, 30), "One two three. Four <mark>five</mark> six…");
  EXPECT_EQ(s.index.Choose(0, s.index.Match({"Zfive"}), 30), (SnippetRange{0, 28}));
}

TEST(SnippetTest, StartsAtTheSentenceWhenItFits) {
  Snippets s({kGreek});
  // "iota" is 47–51; its sentence starts at "Zeta" (32), 19 bytes before
  // its end, so the snippet starts there and runs to "kappa" (57): "lambda"
  // would end at 64, 32 bytes from 32.
  EXPECT_EQ(s.Make(0, {"Ziota"}, 30), "…Zeta eta theta <mark>iota</mark> kappa…");
}

TEST(SnippetTest, LeadsInAFewWordsWhenTheSentenceStartDoesNotFit) {
  Snippets s({kGreek});
  // "lambda" is 58–64; the sentence start (32) is too far for 20 bytes. The
  // room left is 20 - 6 = 14, half of it 7: "kappa" (52) is 6 back, "iota"
  // (47) 11. From 52 the page ends within 20 bytes (68 - 52 = 16), and one
  // word earlier (47) would not fit (21).
  EXPECT_EQ(s.Make(0, {"Zlambda"}, 20), "…kappa <mark>lambda</mark> mu.");
}

TEST(SnippetTest, APageThatStartsWithPunctuationStillFits) {
  // 15 bytes, 14 allowed; "(aa" would start the snippet at byte 0, making 15.
  // "ee" (13–15) leads in from "cc" (7), and then, at the page's end, starts
  // as early as fits: "bb" (4).
  Snippets s({"(aa bb cc dd ee"});
  EXPECT_EQ(s.Make(0, {"Zee"}, 14), "…bb cc dd <mark>ee</mark>");
}

TEST(SnippetTest, NoMatchShowsTheStartAndAShortPageWhole) {
  Snippets s({kGreek, "Short page."});
  // "epsilon" ends at byte 30: its full stop would make 31.
  EXPECT_EQ(s.Make(0, {"Zxylophone"}, 30), "Alpha beta gamma delta epsilon…");
  EXPECT_EQ(s.Make(1, {"Zpage"}, 30), "Short <mark>page</mark>.");
}

TEST(SnippetTest, ARareWordOutweighsACommonOne) {
  // "common" is on all three pages (worth 1), "rare" on one (worth
  // 1 + ln 3 = 2.1): 20 bytes cannot hold both, so the snippet shows "rare".
  Snippets s({"common words come first here, and then a rare one.", "common", "common"});
  EXPECT_EQ(s.Make(0, {"Zcommon", "Zrare"}, 20), "…and then a <mark>rare</mark> one.");
  // Alone, "common" is shown.
  EXPECT_EQ(s.Make(0, {"Zcommon"}, 20), "<mark>common</mark> words come…");
}

TEST(SnippetTest, BetweenEqualStretchesMoreMatchesThenTheFirst) {
  Snippets s({"cat dog. aaa bbb ccc. cat cat. ddd eee fff. cat dog."});
  // Each "cat" stretch is worth the same; "cat cat." has two matches.
  EXPECT_EQ(s.index.Choose(0, s.index.Match({"Zcat"}), 8).from, 22u);
  // "cat dog" (both stems) comes twice: the first is shown.
  EXPECT_EQ(s.index.Choose(0, s.index.Match({"Zcat", "Zdog"}), 8), (SnippetRange{0, 8}));
}

TEST(SnippetTest, AWordLongerThanTheSnippetIsCutAtACharacter) {
  std::string long_word;
  for (int i = 0; i < 20; ++i) long_word += "\xC3\xA9";  // é, 2 bytes each
  Snippets s({long_word + " tail"});
  std::string out = s.Make(0, {"Zxylophone"}, 7);
  EXPECT_EQ(out, "\xC3\xA9\xC3\xA9\xC3\xA9…");  // 6 bytes: the 7th would split a character
}

// The chosen stretch is worth as much as the best of all stretches that
// fit, found by trying every one; it fits, cuts between words and is shown
// escaped with exactly its matched words marked.
TEST(SnippetTest, ChoosesTheBestStretchOfRandomPages) {
  const std::vector<std::string> vocabulary = {"ant", "bees", "cat",  "dogs", "eel",
                                               "fox", "gnu",  "hens", "ibis", "jay"};
  const std::vector<std::string> gaps = {" ", " ", " ", ", ", ". ", " & ", " <", "> ", "; "};
  std::mt19937 rng(20261129);
  std::vector<std::string> pages;
  for (int p = 0; p < 40; ++p) {
    std::string text;
    const int n = 1 + static_cast<int>(rng() % 60);
    for (int i = 0; i < n; ++i) {
      text += vocabulary[rng() % vocabulary.size()];
      if (rng() % 3 == 0) text.back() = static_cast<char>(std::toupper(text.back()));
      if (i + 1 < n) text += gaps[rng() % gaps.size()];
    }
    pages.push_back(text);
  }
  Snippets s(pages);
  // The weights as the header states them: 1 + ln(pages / pages with the stem).
  std::map<std::string, int> pages_with;
  for (size_t p = 0; p < pages.size(); ++p) {
    std::set<std::string> seen;
    for (const auto& w : WordTexts(s.index, p)) {
      std::string lower;
      for (char c : w) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      seen.insert(DropS(lower));
    }
    for (const auto& st : seen) ++pages_with[st];
  }
  for (int trial = 0; trial < 400; ++trial) {
    const size_t page = rng() % pages.size();
    std::set<std::string> stems;
    const int k = 1 + static_cast<int>(rng() % 3);
    for (int i = 0; i < k; ++i) stems.insert(DropS(vocabulary[rng() % vocabulary.size()]));
    std::vector<std::string> terms;
    for (const auto& st : stems) terms.push_back("Z" + st);
    const size_t length = 10 + rng() % 60;
    const std::string& text = pages[page];
    const auto& words = s.index.words(page);
    auto stem_at = [&](size_t i) {
      std::string lower;
      for (size_t b = words[i].begin; b < words[i].end; ++b) {
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(text[b])));
      }
      return DropS(lower);
    };
    auto worth = [&](size_t from, size_t to) {
      std::set<std::string> found;
      for (size_t i = 0; i < words.size(); ++i) {
        if (words[i].begin >= from && words[i].end <= to && stems.count(stem_at(i))) {
          found.insert(stem_at(i));
        }
      }
      double w = 0;
      for (const auto& st : found) w += 1 + std::log(double(pages.size()) / pages_with[st]);
      return w;
    };
    double best = 0;
    for (size_t i = 0; i < words.size(); ++i) {
      for (size_t j = i; j < words.size() && words[j].end - words[i].begin <= length; ++j) {
        best = std::max(best, worth(words[i].begin, words[j].end));
      }
    }
    const SnippetRange r = s.index.Choose(page, s.index.Match(terms), length);
    SCOPED_TRACE(text + " | " + terms[0] + " | " + std::to_string(length));
    ASSERT_LE(r.from, r.to);
    ASSERT_LE(r.to, text.size());
    EXPECT_LE(r.to - r.from, length);
    EXPECT_NEAR(worth(r.from, r.to), best, 1e-9);
    bool starts_at_word = r.from == 0;
    for (const auto& w : words) starts_at_word |= w.begin == r.from;
    EXPECT_TRUE(starts_at_word);
    // Ends after a word and the punctuation that follows it, or at the end.
    size_t end = r.to;
    while (end > r.from && std::strchr(".,;:!?)", text[end - 1]) != nullptr) --end;
    bool ends_at_word = r.to == text.size();
    for (const auto& w : words) ends_at_word |= w.end == end;
    EXPECT_TRUE(ends_at_word);

    // The HTML: ellipses, the text escaped, the matched words marked.
    std::string expected = r.from > 0 ? "…" : "";
    size_t at = r.from;
    auto escape = [](std::string_view t) {
      std::string o;
      for (char c : t) {
        o += c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : std::string(1, c);
      }
      return o;
    };
    for (size_t i = 0; i < words.size(); ++i) {
      if (words[i].begin < r.from || words[i].end > r.to || !stems.count(stem_at(i))) continue;
      expected += escape(std::string_view(text).substr(at, words[i].begin - at));
      expected += "<mark>" + text.substr(words[i].begin, words[i].end - words[i].begin) + "</mark>";
      at = words[i].end;
    }
    expected += escape(std::string_view(text).substr(at, r.to - at));
    if (r.to < text.size()) expected += "…";
    EXPECT_EQ(s.index.Make(page, s.index.Match(terms), length), expected);
  }
}

}  // namespace
}  // namespace evidoc::search
