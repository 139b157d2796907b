#include "render/api_json.h"

#include "render/escape.h"
#include "render/json_writer.h"
#include "render/urls.h"

namespace evidoc::render {

std::string ArticleListJson(const SiteIndex& index) {
  const std::string& base = index.site().base_url;
  JsonWriter j(1);
  j.BeginObject().Key("articles").BeginArray();
  for (const content::Article& a : index.content().articles) {
    j.BeginObject();
    j.Key("slug").String(a.slug);
    j.Key("title").String(a.title);
    j.Key("summary").String(a.summary);
    j.Key("url").String(AbsoluteUrl(base, ArticleUrl(a.slug)));
    j.Key("api_url").String(AbsoluteUrl(base, ApiArticleUrl(a.slug)));
    j.Key("last_reviewed").String(a.last_reviewed.ToIso());
    j.Key("next_review").String(a.next_review.ToIso());
    j.Key("codes").BeginArray();
    for (const content::Code& c : a.codes) {
      j.BeginObject().Key("system").String(c.system).Key("code").String(c.code);
      j.Key("display").String(c.display).EndObject();
    }
    j.EndArray();
    j.Key("synonyms").StringArray(a.synonyms);
    j.EndObject();
  }
  j.EndArray().EndObject();
  std::string s = j.Take();
  s.push_back('\n');
  return s;
}

std::string SitemapXml(const std::string& base_url, const std::vector<SitemapEntry>& entries) {
  std::string s =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const SitemapEntry& e : entries) {
    s += "<url><loc>";
    AppendXmlText(s, AbsoluteUrl(base_url, e.url_path));
    s += "</loc>";
    if (!e.lastmod.empty()) {
      s += "<lastmod>";
      AppendXmlText(s, e.lastmod);
      s += "</lastmod>";
    }
    s += "</url>\n";
  }
  s += "</urlset>\n";
  return s;
}

}  // namespace evidoc::render
