#include "render/references.h"

#include "render/escape.h"

namespace evidoc::render {

std::string DoiUrl(std::string_view doi) {
  if (doi.empty()) return {};
  // A DOI is "prefix/suffix" and the suffix may hold any printable
  // character; encode each '/'-separated part so the URL stays a URL.
  std::string url = "https://doi.org";
  size_t start = 0;
  while (start <= doi.size()) {
    size_t slash = doi.find('/', start);
    if (slash == std::string_view::npos) slash = doi.size();
    url.push_back('/');
    AppendUrlComponent(url, doi.substr(start, slash - start));
    start = slash + 1;
  }
  return url;
}

std::string PubMedUrl(std::string_view pmid) {
  if (pmid.empty()) return {};
  for (const char c : pmid) {
    if (c < '0' || c > '9') return {};
  }
  return "https://pubmed.ncbi.nlm.nih.gov/" + std::string(pmid) + "/";
}

std::string VancouverCitation(const content::Reference& ref) {
  std::string s;
  const size_t shown = ref.authors.size() > 6 ? 6 : ref.authors.size();
  for (size_t i = 0; i < shown; ++i) {
    if (i > 0) s += ", ";
    s += ref.authors[i];
  }
  if (ref.authors.size() > 6) s += ", et al";
  if (!s.empty()) s += ". ";
  if (!ref.title.empty()) {
    s += ref.title;
    if (s.back() != '.' && s.back() != '?' && s.back() != '!') s += '.';
    s += ' ';
  }
  if (!ref.container_title.empty()) s += ref.container_title + ". ";
  if (ref.year > 0) {
    s += std::to_string(ref.year);
    if (!ref.volume.empty()) {
      s += ";" + ref.volume;
      if (!ref.issue.empty()) s += "(" + ref.issue + ")";
    }
    if (!ref.page.empty()) s += ":" + ref.page;
    s += ".";
  }
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

void WriteReferenceList(HtmlWriter& w, const SiteIndex& index, const std::vector<std::string>& keys,
                        std::string_view heading) {
  if (keys.empty()) return;
  w.Open("section", {{"class", "reference-section"}, {"aria-labelledby", "references"}});
  w.Element("h2", {{"id", "references"}}, heading);
  w.Open("ol", {{"class", "references"}});
  int number = 0;
  for (const std::string& key : keys) {
    ++number;
    const content::Reference* ref = index.FindReference(key);
    if (ref == nullptr) continue;
    const std::string id = "ref-" + std::to_string(number);
    w.Open("li", {{"id", id}, {"value", std::to_string(number)}});
    w.Text(VancouverCitation(*ref));
    const std::string doi = DoiUrl(ref->doi);
    const std::string pubmed = PubMedUrl(ref->pmid);
    if (!doi.empty() || !pubmed.empty() || !ref->url.empty()) w.Text(" ");
    if (!doi.empty()) w.Element("a", {{"href", doi}}, "DOI: " + ref->doi).Text(" ");
    if (!pubmed.empty()) w.Element("a", {{"href", pubmed}}, "PubMed: " + ref->pmid).Text(" ");
    if (doi.empty() && pubmed.empty() && !ref->url.empty() && IsSafeUrl(ref->url)) {
      w.Element("a", {{"href", ref->url}}, "Read online");
    }
    w.Close("li");
  }
  w.Close("ol").Close("section").Newline();
}

void WriteReferenceJson(JsonWriter& w, const content::Reference& ref, int number) {
  w.BeginObject();
  w.Key("number").Int(number);
  w.Key("key").String(ref.key);
  w.Key("citation").String(VancouverCitation(ref));
  w.Key("title").String(ref.title);
  w.Key("authors").StringArray(ref.authors);
  w.Key("container_title").String(ref.container_title);
  if (ref.year > 0) {
    w.Key("year").Int(ref.year);
  } else {
    w.Key("year").Null();
  }
  w.Key("volume").String(ref.volume);
  w.Key("issue").String(ref.issue);
  w.Key("page").String(ref.page);
  w.Key("doi").String(ref.doi);
  w.Key("doi_url").String(DoiUrl(ref.doi));
  w.Key("pmid").String(ref.pmid);
  w.Key("pubmed_url").String(PubMedUrl(ref.pmid));
  w.Key("url").String(ref.url);
  w.EndObject();
}

}  // namespace evidoc::render
