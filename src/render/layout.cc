#include "render/layout.h"

#include "render/urls.h"

namespace evidoc::render {
namespace {

constexpr std::string_view kDefaultDisclaimer =
    "This is information to discuss with a doctor, not a diagnosis or a replacement for "
    "medical advice. If you are worried about your symptoms, talk to a doctor, nurse or "
    "pharmacist. In an emergency, call 999 or 112.";

// Defence in depth for the JSON-LD block: inside JSON, '<' and '>' can only
// occur within strings, where \u003c and \u003e mean the same, so this
// rewrite never changes the data and makes "</script>" impossible.
std::string EscapeScriptData(const std::string& json) {
  std::string s;
  s.reserve(json.size());
  for (const char c : json) {
    if (c == '<') {
      s += "\\u003c";
    } else if (c == '>') {
      s += "\\u003e";
    } else {
      s.push_back(c);
    }
  }
  return s;
}

}  // namespace

std::string Disclaimer(const content::SiteSettings& site) {
  return site.disclaimer.empty() ? std::string(kDefaultDisclaimer) : site.disclaimer;
}

std::string RenderPage(const Page& page) {
  const content::SiteSettings& site = *page.site;
  HtmlWriter w;
  const std::string full_title =
      page.title.empty() || page.title == site.title ? site.title : page.title + " - " + site.title;
  const std::string canonical = AbsoluteUrl(site.base_url, page.url_path);

  std::string doc = "<!doctype html>\n";
  w.Open("html", {{"lang", site.language.empty() ? "en" : site.language}}).Newline();
  w.Open("head").Newline();
  w.Void("meta", {{"charset", "utf-8"}}).Newline();
  w.Void("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}})
      .Newline();
  // A strict policy for the static site: only this site's own files, no
  // inline script or style. (frame-ancestors cannot be set from a meta tag;
  // `evidoc serve` sends it as a header.)
  w.Void("meta", {{"http-equiv", "Content-Security-Policy"},
                  {"content",
                   "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
                   "object-src 'none'; base-uri 'none'; form-action 'self'"}})
      .Newline();
  w.Element("title", full_title).Newline();
  if (!page.description.empty()) {
    w.Void("meta", {{"name", "description"}, {"content", page.description}}).Newline();
  }
  if (page.noindex) w.Void("meta", {{"name", "robots"}, {"content", "noindex"}}).Newline();
  w.Void("link", {{"rel", "canonical"}, {"href", canonical}}).Newline();
  w.Void("link", {{"rel", "icon"}, {"href", "/assets/favicon.svg"}, {"type", "image/svg+xml"}})
      .Newline();
  w.Void("link", {{"rel", "stylesheet"}, {"href", "/assets/site.css"}}).Newline();
  for (const std::string& css : page.stylesheets) {
    w.Void("link", {{"rel", "stylesheet"}, {"href", css}}).Newline();
  }
  for (const std::string& js : page.scripts) {
    w.Open("script", {{"src", js}, {"defer", "defer"}}).Close("script").Newline();
  }
  if (!page.json_ld.empty()) {
    w.Append(Html::Trusted("<script type=\"application/ld+json\">" +
                           EscapeScriptData(page.json_ld) + "</script>"))
        .Newline();
  }
  w.Close("head").Newline();

  w.Open("body").Newline();
  w.Element("a", {{"class", "skip-link"}, {"href", "#main"}}, "Skip to main content").Newline();

  // Header: the site name and a search form that works without JavaScript.
  w.Open("header", {{"class", "site-header"}}).Newline();
  w.Open("div", {{"class", "wrap header-inner"}});
  w.Element("a", {{"class", "site-name"}, {"href", "/"}}, site.title);
  w.Open("form",
         {{"class", "search-form"}, {"role", "search"}, {"action", "/search"}, {"method", "get"}});
  w.Element("label", {{"for", "site-search"}}, "Search this site");
  w.Open("span", {{"class", "search-row"}});
  w.Void("input", {{"type", "search"},
                   {"id", "site-search"},
                   {"name", "q"},
                   {"value", page.search_query},
                   {"autocomplete", "off"}});
  w.Element("button", {{"type", "submit"}}, "Search");
  w.Close("span").Close("form");
  w.Close("div").Newline();
  w.Open("nav", {{"class", "site-nav"}, {"aria-label", "Main"}});
  w.Open("ul", {{"class", "wrap"}});
  w.Open("li").Element("a", {{"href", "/"}}, "Home").Close("li");
  w.Open("li").Element("a", {{"href", "/a-z/"}}, "Conditions A to Z").Close("li");
  w.Open("li").Element("a", {{"href", "/glossary/"}}, "Glossary").Close("li");
  w.Close("ul").Close("nav").Newline();
  w.Close("header").Newline();

  if (!page.breadcrumbs.empty()) {
    w.Open("nav", {{"class", "breadcrumbs wrap"}, {"aria-label", "Breadcrumb"}}).Open("ol");
    for (const Breadcrumb& b : page.breadcrumbs) {
      w.Open("li").Element("a", {{"href", b.url}}, b.label).Close("li");
    }
    w.Close("ol").Close("nav").Newline();
  }

  w.Open("main", {{"id", "main"}, {"class", "wrap"}, {"tabindex", "-1"}}).Newline();
  w.Append(page.main);
  w.Close("main").Newline();

  w.Open("footer", {{"class", "site-footer"}}).Open("div", {{"class", "wrap"}});
  w.Element("p", {{"class", "disclaimer"}}, Disclaimer(site));
  w.Open("ul", {{"class", "footer-links"}});
  w.Open("li").Element("a", {{"href", "/a-z/"}}, "Conditions A to Z").Close("li");
  w.Open("li").Element("a", {{"href", "/glossary/"}}, "Glossary").Close("li");
  w.Open("li").Element("a", {{"href", "/api/v1/articles.json"}}, "Open data (JSON)").Close("li");
  w.Close("ul");
  w.Element("p", {{"class", "publisher"}}, "Published by " + site.publisher);
  w.Close("div").Close("footer").Newline();
  w.Close("body").Newline().Close("html").Newline();
  doc += w.Take().str();
  return doc;
}

}  // namespace evidoc::render
