#include "render/index_pages.h"

#include <algorithm>
#include <map>

#include "render/layout.h"
#include "render/urls.h"

namespace evidoc::render {
namespace {

constexpr size_t kHomeMaxArticles = 60;

Page BasePage(const SiteIndex& index, std::string url, std::string title, std::string description) {
  Page p;
  p.site = &index.site();
  p.url_path = std::move(url);
  p.title = std::move(title);
  p.description = std::move(description);
  return p;
}

// The A to Z letter of a title: its first ASCII letter uppercased, or '#'.
char Letter(std::string_view title) {
  for (const char c : title) {
    if (c >= 'a' && c <= 'z') return static_cast<char>(c - 'a' + 'A');
    if (c >= 'A' && c <= 'Z') return c;
    if (c >= '0' && c <= '9') return '#';
  }
  return '#';
}

std::string SortKey(std::string_view s) {
  std::string k;
  for (const char c : s) k.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  return k;
}

std::string Capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

}  // namespace

std::string RenderHomePage(const SiteIndex& index, const Html& tools) {
  const content::Content& c = index.content();
  Page page = BasePage(index, "/", c.site.title,
                       c.site.title +
                           ": clear, checked information about health conditions, "
                           "their warning signs and the evidence on treatments.");
  HtmlWriter w;
  w.Element("h1", c.site.title).Newline();
  w.Element("p", {{"class", "lede"}},
            "Clear information about health conditions: the warning signs to act on, what "
            "the research says about treatments, and questions to ask your doctor.")
      .Newline();
  w.Append(tools);
  w.Open("section", {{"aria-labelledby", "conditions"}});
  w.Element("h2", {{"id", "conditions"}}, "Conditions");
  w.Open("ul", {{"class", "card-list"}});
  // A home page lists a site's conditions only while that stays a page a
  // phone can load (the 100 KB budget); beyond that the A to Z does it.
  const size_t shown = std::min(c.articles.size(), kHomeMaxArticles);
  for (size_t i = 0; i < shown; ++i) {
    const content::Article& a = c.articles[i];
    w.Open("li").Element("a", {{"href", ArticleUrl(a.slug)}}, a.title);
    if (!a.summary.empty()) w.Element("p", a.summary);
    w.Close("li").Newline();
  }
  w.Close("ul");
  w.Open("p").Element("a", {{"href", "/a-z/"}}, "All conditions from A to Z").Close("p");
  w.Close("section").Newline();
  if (!c.glossary.empty()) {
    w.Open("section", {{"aria-labelledby", "words"}});
    w.Element("h2", {{"id", "words"}}, "Medical words explained");
    w.Open("p").Text("Our ");
    w.Element("a", {{"href", "/glossary/"}}, "glossary");
    w.Text(" explains " + std::to_string(c.glossary.size()) + " medical words in plain English.");
    w.Close("p").Close("section").Newline();
  }
  page.main = w.Take();
  return RenderPage(page);
}

namespace {

struct AtoZEntry {
  std::string label;
  const content::Article* article;
  bool synonym;
};
using AtoZLetters = std::map<char, std::vector<AtoZEntry>>;

AtoZLetters GroupByLetter(const content::Content& c) {
  AtoZLetters by_letter;
  for (const content::Article& a : c.articles) {
    by_letter[Letter(a.title)].push_back({a.title, &a, false});
    for (const std::string& s : a.synonyms) {
      by_letter[Letter(s)].push_back({Capitalised(s), &a, true});
    }
  }
  for (auto& [letter, entries] : by_letter) {
    std::stable_sort(entries.begin(), entries.end(), [](const AtoZEntry& x, const AtoZEntry& y) {
      return SortKey(x.label) < SortKey(y.label);
    });
  }
  return by_letter;
}

// "a" for 'A', "digits" for '#': the anchor id and the per-letter path.
std::string LetterId(char letter) {
  return letter == '#' ? "digits" : std::string(1, static_cast<char>(letter - 'A' + 'a'));
}

// The row of letters; each links to `href(letter)` when it has entries.
template <typename Href>
void WriteLetterNav(HtmlWriter& w, const AtoZLetters& by_letter, Href href, char current = 0) {
  w.Open("nav", {{"aria-label", "Letters"}}).Open("ul", {{"class", "az-letters"}});
  for (const char l : std::string_view("ABCDEFGHIJKLMNOPQRSTUVWXYZ#")) {
    const std::string label(1, l);
    w.Open("li");
    if (l == current) {
      w.Element("a", {{"href", href(l)}, {"aria-current", "page"}}, label);
    } else if (by_letter.count(l) > 0) {
      w.Element("a", {{"href", href(l)}}, label);
    } else {
      // Letters with no conditions are shown but not links.
      w.Element("span", label);
    }
    w.Close("li");
  }
  w.Close("ul").Close("nav").Newline();
}

void WriteLetterSection(HtmlWriter& w, char letter, const std::vector<AtoZEntry>& entries) {
  const std::string id = LetterId(letter);
  w.Open("section", {{"aria-labelledby", id}});
  w.Element("h2", {{"id", id}}, std::string(1, letter));
  w.Open("ul", {{"class", "card-list"}});
  for (const AtoZEntry& e : entries) {
    w.Open("li");
    if (e.synonym) {
      w.Text(e.label + ": see ");
      w.Element("a", {{"href", ArticleUrl(e.article->slug)}}, e.article->title);
    } else {
      w.Element("a", {{"href", ArticleUrl(e.article->slug)}}, e.label);
    }
    w.Close("li");
  }
  w.Close("ul").Close("section").Newline();
}

}  // namespace

std::string RenderAtoZPage(const SiteIndex& index) {
  const content::Content& c = index.content();
  const AtoZLetters by_letter = GroupByLetter(c);
  Page page = BasePage(index, "/a-z/", "Conditions A to Z",
                       "Every condition on " + c.site.title + ", from A to Z.");
  page.breadcrumbs = {{"Home", "/"}};
  HtmlWriter w;
  w.Element("h1", "Conditions A to Z").Newline();
  WriteLetterNav(w, by_letter, [](char l) { return "#" + LetterId(l); });
  for (const auto& [letter, entries] : by_letter) WriteLetterSection(w, letter, entries);
  page.main = w.Take();
  return RenderPage(page);
}

std::vector<std::pair<std::string, std::string>> RenderAtoZPages(const SiteIndex& index,
                                                                 size_t max_page_bytes) {
  std::string whole = RenderAtoZPage(index);
  std::vector<std::pair<std::string, std::string>> pages;
  if (whole.size() <= max_page_bytes) {
    pages.emplace_back("/a-z/", std::move(whole));
    return pages;
  }
  const content::Content& c = index.content();
  const AtoZLetters by_letter = GroupByLetter(c);
  const auto letter_url = [](char l) { return "/a-z/" + LetterId(l) + "/"; };
  {
    Page page = BasePage(index, "/a-z/", "Conditions A to Z",
                         "Every condition on " + c.site.title + ", from A to Z.");
    page.breadcrumbs = {{"Home", "/"}};
    HtmlWriter w;
    w.Element("h1", "Conditions A to Z").Newline();
    w.Element("p", "Choose the first letter of the condition, or of the word you use for it.")
        .Newline();
    WriteLetterNav(w, by_letter, letter_url);
    w.Open("ul", {{"class", "card-list"}});
    for (const auto& [letter, entries] : by_letter) {
      w.Open("li");
      w.Element("a", {{"href", letter_url(letter)}},
                std::string(1, letter) + " (" + std::to_string(entries.size()) + ")");
      w.Close("li");
    }
    w.Close("ul").Newline();
    page.main = w.Take();
    pages.emplace_back("/a-z/", RenderPage(page));
  }
  for (const auto& [letter, entries] : by_letter) {
    const std::string title = "Conditions: " + std::string(1, letter);
    Page page = BasePage(
        index, letter_url(letter), title,
        "Conditions on " + c.site.title + " starting with " + std::string(1, letter) + ".");
    page.breadcrumbs = {{"Home", "/"}, {"Conditions A to Z", "/a-z/"}};
    HtmlWriter w;
    w.Element("h1", title).Newline();
    WriteLetterNav(w, by_letter, letter_url, letter);
    WriteLetterSection(w, letter, entries);
    page.main = w.Take();
    pages.emplace_back(letter_url(letter), RenderPage(page));
  }
  return pages;
}

std::string RenderGlossaryPage(const SiteIndex& index) {
  const content::Content& c = index.content();
  Page page = BasePage(index, "/glossary/", "Glossary",
                       "Plain-English meanings of the medical words used on " + c.site.title + ".");
  page.breadcrumbs = {{"Home", "/"}};
  HtmlWriter w;
  w.Element("h1", "Glossary").Newline();
  w.Element("p", {{"class", "lede"}}, "What the medical words on this site mean.").Newline();
  w.Open("dl", {{"class", "glossary-list"}}).Newline();
  for (const content::GlossaryTerm& t : c.glossary) {
    w.Open("dt", {{"id", Slugify(t.id)}}).Element("dfn", Capitalised(t.term)).Close("dt");
    w.Open("dd").Text(t.definition);
    if (!t.aliases.empty()) {
      std::string also;
      for (const std::string& a : t.aliases) also += (also.empty() ? "" : ", ") + a;
      w.Element("span", {{"class", "synonyms"}}, " Also written: " + also + ".");
    }
    w.Close("dd").Newline();
  }
  w.Close("dl").Newline();
  page.main = w.Take();
  return RenderPage(page);
}

std::string RenderStaticSearchPage(const SiteIndex& index) {
  Page page = BasePage(index, "/search/", "Search", "");
  page.noindex = true;  // results pages are not for search engines
  page.scripts.emplace_back("/assets/search.js");
  HtmlWriter w;
  w.Element("h1", "Search").Newline();
  w.Open("div", {{"id", "static-search-results"}, {"aria-live", "polite"}}).Close("div").Newline();
  w.Open("p", {{"id", "static-search-fallback"}})
      .Text(
          "This copy of the site searches page titles, the words people use for them and "
          "their summaries in your browser. You can also find your condition in the ");
  w.Element("a", {{"href", "/a-z/"}}, "list of conditions from A to Z");
  w.Text(".").Close("p").Newline();
  page.main = w.Take();
  return RenderPage(page);
}

std::string RenderNotFoundPage(const SiteIndex& index) {
  Page page = BasePage(index, "/404.html", "Page not found", "");
  page.noindex = true;
  HtmlWriter w;
  w.Element("h1", "Page not found").Newline();
  w.Element("p",
            "If you typed the web address, check it is correct. If you pasted it, check "
            "you copied the whole address.");
  w.Open("p").Text("You can search this site with the search box at the top, or go to ");
  w.Element("a", {{"href", "/a-z/"}}, "conditions from A to Z");
  w.Text(" or the ").Element("a", {{"href", "/"}}, "home page").Text(".").Close("p");
  page.main = w.Take();
  return RenderPage(page);
}

}  // namespace evidoc::render
