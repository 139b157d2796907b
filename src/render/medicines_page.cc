#include "render/medicines_page.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "render/patient_pages.h"
#include "render/urls.h"
#include "tools/medicines_check.h"

namespace evidoc::render {
namespace {

void Form(HtmlWriter& w, std::string_view value) {
  w.Open(
      "form",
      {{"class", "tool-form medicines-form"}, {"method", "get"}, {"action", kMedicinesCheckUrl}});
  w.Element("label", {{"for", "medicines"}, {"class", "label-large"}}, "Your medicines");
  w.Element("p", {{"id", "medicines-hint"}, {"class", "hint"}},
            "Type each medicine you take, by its name or its brand name. Put a comma or a new "
            "line between them. For example: furosemide, Zocor. Spelling does not need to be "
            "perfect.");
  w.Open("textarea", {{"id", "medicines"},
                      {"name", kMedicinesParam},
                      {"rows", "4"},
                      {"aria-describedby", "medicines-hint"},
                      {"autocomplete", "off"},
                      {"spellcheck", "false"}});
  w.Text(value);
  w.Close("textarea");
  w.Element("button", {{"type", "submit"}, {"class", "button"}}, "Check my medicines");
  w.Close("form");
  w.Element("p", {{"class", "privacy-note"}},
            "We do not store or record what you type. It is only used to show you this page.");
}

void CitationLinks(HtmlWriter& w, const std::vector<const content::Reference*>& refs) {
  for (const auto* ref : refs) {
    std::string label = ref->authors.empty() ? ref->title : ref->authors.front();
    if (auto sp = label.find(' '); !ref->authors.empty() && sp != std::string::npos)
      label.resize(sp);
    if (ref->year) label += " " + std::to_string(ref->year);
    const std::string href = !ref->pmid.empty()
                                 ? "https://pubmed.ncbi.nlm.nih.gov/" + ref->pmid + "/"
                             : !ref->doi.empty() ? "https://doi.org/" + ref->doi
                                                 : ref->url;
    w.Text(" (Source: ");
    if (href.empty()) {
      w.Text(label);
    } else {
      w.Element("a", {{"href", href}, {"class", "citation"}}, label);
    }
    w.Text(")");
  }
}

void Results(HtmlWriter& w, const tools::MedicinesCheckResult& r) {
  w.Open("section", {{"class", "tool-results"}, {"aria-labelledby", "results-h"}});
  w.Element("h2", {{"id", "results-h"}, {"tabindex", "-1"}}, "Your results");
  w.Element("p", {{"class", "safety-advice"}, {"role", "note"}}, r.safety_advice);
  if (r.truncated) {
    w.Element("p", {{"class", "warning-note"}},
              "Your list was very long, so we only checked the first part of it.");
  }
  if (r.matches.empty() && r.unmatched.empty()) {
    w.Element("p", "You did not type any medicines. Type them in the box above.");
  }
  if (!r.matches.empty()) {
    w.Open("ul", {{"class", "medicine-results"}});
    for (const auto& m : r.matches) {
      w.Open("li", {{"class", "medicine-result"}});
      std::string title = m.member->generic;
      if (!title.empty())
        title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
      w.Element("h3", title);
      std::string found = "You typed \u201C" + m.input + "\u201D. ";
      if (m.via_brand)
        found += m.matched_name + " is a brand of " + m.member->generic + ". ";
      else if (!m.exact)
        found += "We think you meant " + m.member->generic + ". ";
      found += "It is one of the " + m.medicine_class->name;
      if (!m.medicine_class->atc.empty()) found += " (ATC code " + m.medicine_class->atc + ")";
      found += ".";
      w.Element("p", found);
      if (m.may_cause.empty()) {
        w.Element("p",
                  "This guide has no information that it causes any of the conditions we "
                  "cover.");
      } else {
        w.Open("ul");
        for (const auto& link : m.may_cause) {
          w.Open("li");
          w.Text("It may cause ");
          w.Element("a", {{"href", ArticleUrl(link.condition)}}, link.condition_title);
          w.Text(". " + link.explanation);
          CitationLinks(w, link.citations);
          w.Close("li");
        }
        w.Close("ul");
      }
      w.Close("li");
    }
    w.Close("ul");
  }
  if (!r.unmatched.empty()) {
    w.Element("h3", "Medicines we could not find");
    w.Open("ul", {{"class", "medicine-unmatched"}});
    for (const auto& u : r.unmatched) {
      w.Open("li");
      w.Text("\u201C" + u.input + "\u201D is not in our list.");
      if (!u.suggestions.empty()) {
        w.Text(" Did you mean ");
        for (std::size_t i = 0; i < u.suggestions.size(); ++i) {
          if (i) w.Text(i + 1 == u.suggestions.size() ? " or " : ", ");
          w.Element("strong", u.suggestions[i]);
        }
        w.Text("?");
      }
      w.Close("li");
    }
    w.Close("ul");
    w.Open("p");
    w.Text("Our list only has medicines linked to the conditions in this guide. See ");
    w.Element("a", {{"href", kMedicinesAzUrl}}, "all the medicines we cover");
    w.Text(". A medicine not on it may still cause side effects: ask your pharmacist.");
    w.Close("p");
  }
  w.Close("section");
}

std::string CheckPage(const knowledge::Knowledge& k, std::optional<std::string_view> input) {
  HtmlWriter w;
  w.Element("h1", "Check your medicines");
  w.Element("p", {{"class", "lede"}},
            "Some medicines can cause symptoms such as leg cramps. Type the medicines you take "
            "to see whether any of them are linked to the conditions in this guide.");
  Form(w, input.value_or(""));
  if (input) {
    Results(w, tools::CheckMedicines(*k.content, *input));
  } else {
    w.Element("p", {{"class", "safety-advice"}, {"role", "note"}}, tools::kMedicinesSafetyAdvice);
    w.Element("p", {{"class", "static-note"}},
              "If you are reading a saved copy of this site, the check cannot run: it needs the "
              "site's server. You can still look through the medicines A to Z list.");
  }
  w.Open("p");
  w.Element("a", {{"href", kMedicinesAzUrl}}, "See all the medicines in this guide, A to Z");
  w.Close("p");
  ToolPage p;
  p.url = std::string(kMedicinesCheckUrl);
  p.title = "Check your medicines";
  p.description =
      "Check whether a medicine you take can cause leg cramps or other conditions "
      "in this guide.";
  p.main = w.Take();
  // A result page is about one reader's list: never index it.
  p.noindex = input.has_value();
  return RenderToolPage(k, std::move(p));
}

}  // namespace

std::string RenderMedicinesCheckPage(const knowledge::Knowledge& k) {
  return CheckPage(k, std::nullopt);
}

std::string RenderMedicinesCheckResult(const knowledge::Knowledge& k, std::string_view text) {
  return CheckPage(k, text);
}

std::string RenderMedicinesAzPage(const knowledge::Knowledge& k) {
  const content::Content& c = *k.content;
  struct Entry {
    const content::MedicineMember* member;
    const content::MedicineClass* cls;
  };
  std::map<std::string, std::vector<Entry>> by_letter;
  std::vector<std::pair<std::string, Entry>> all;
  for (const auto& cls : c.medicines) {
    for (const auto& m : cls.members) {
      std::string key = m.generic;
      for (auto& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      all.push_back({key, {&m, &cls}});
    }
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [key, e] : all) {
    std::string letter =
        key.empty()
            ? "#"
            : std::string(1, static_cast<char>(std::toupper(static_cast<unsigned char>(key[0]))));
    if (!(letter[0] >= 'A' && letter[0] <= 'Z')) letter = "#";
    by_letter[letter].push_back(e);
  }
  HtmlWriter w;
  w.Element("h1", "Medicines A to Z");
  w.Element("p", {{"class", "lede"}},
            "The medicines this guide knows about, and the conditions they may cause.");
  w.Open("p");
  w.Element("a", {{"href", kMedicinesCheckUrl}}, "Check your own medicines");
  w.Close("p");
  w.Element("p", {{"class", "safety-advice"}, {"role", "note"}}, tools::kMedicinesSafetyAdvice);
  if (!by_letter.empty()) {
    w.Open("nav", {{"class", "az-nav"}, {"aria-label", "Letters"}}).Open("ul");
    for (const auto& [letter, entries] : by_letter) {
      w.Open("li").Element("a", {{"href", "#letter-" + Slugify(letter)}}, letter).Close("li");
    }
    w.Close("ul").Close("nav");
  }
  for (const auto& [letter, entries] : by_letter) {
    w.Element("h2", {{"id", "letter-" + Slugify(letter)}}, letter);
    w.Open("ul", {{"class", "medicine-az"}});
    for (const auto& e : entries) {
      w.Open("li", {{"id", "medicine-" + Slugify(e.member->generic)}});
      w.Element("strong", e.member->generic);
      if (!e.member->brands.empty()) {
        std::string brands;
        for (std::size_t i = 0; i < e.member->brands.size(); ++i) {
          brands += (i ? ", " : "") + e.member->brands[i];
        }
        w.Text(" (brand names: " + brands + ")");
      }
      w.Text(". " + e.cls->name + (e.cls->atc.empty() ? "" : ", ATC " + e.cls->atc) + ".");
      if (!e.cls->may_cause.empty()) {
        w.Text(" May cause: ");
        for (std::size_t i = 0; i < e.cls->may_cause.size(); ++i) {
          if (i) w.Text(", ");
          const auto& slug = e.cls->may_cause[i].condition;
          w.Element("a", {{"href", ArticleUrl(slug)}}, ArticleTitle(c, slug));
        }
        w.Text(".");
      }
      w.Close("li");
    }
    w.Close("ul");
  }
  if (by_letter.empty()) w.Element("p", "This guide does not list any medicines yet.");
  ToolPage p;
  p.url = std::string(kMedicinesAzUrl);
  p.title = "Medicines A to Z";
  p.description = "Medicines that may cause the conditions in this guide, A to Z.";
  p.main = w.Take();
  return RenderToolPage(k, std::move(p));
}

}  // namespace evidoc::render
