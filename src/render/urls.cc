#include "render/urls.h"

#include "render/escape.h"

namespace evidoc::render {

std::string ArticleUrl(std::string_view slug) {
  std::string s = "/";
  AppendUrlComponent(s, slug);
  s.push_back('/');
  return s;
}

std::string GlossaryUrl(std::string_view term_id) {
  // The glossary page uses Slugify(id) as each term's anchor.
  return "/glossary/#" + Slugify(term_id);
}

std::string ImageUrl(std::string_view content_path) {
  // Keep the folder structure ("images/a.svg"), encoding each segment.
  while (content_path.substr(0, 2) == "./") content_path.remove_prefix(2);
  while (!content_path.empty() && content_path.front() == '/') content_path.remove_prefix(1);
  std::string s;
  size_t start = 0;
  while (start <= content_path.size()) {
    size_t slash = content_path.find('/', start);
    if (slash == std::string_view::npos) slash = content_path.size();
    s.push_back('/');
    AppendUrlComponent(s, content_path.substr(start, slash - start));
    start = slash + 1;
  }
  return s;
}

std::string ApiArticleUrl(std::string_view slug) {
  std::string s = "/api/v1/articles/";
  AppendUrlComponent(s, slug);
  s += ".json";
  return s;
}

std::string AbsoluteUrl(std::string_view base_url, std::string_view path) {
  while (!base_url.empty() && base_url.back() == '/') base_url.remove_suffix(1);
  std::string s(base_url);
  s.append(path);
  return s;
}

std::string FileForUrl(std::string_view url_path) {
  while (!url_path.empty() && url_path.front() == '/') url_path.remove_prefix(1);
  std::string s(url_path);
  if (s.empty() || s.back() == '/') s += "index.html";
  return s;
}

std::string Slugify(std::string_view text) {
  std::string s;
  bool dash = false;
  for (const char ch : text) {
    char c = ch;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (dash && !s.empty()) s.push_back('-');
      dash = false;
      s.push_back(c);
    } else {
      dash = true;
    }
  }
  if (s.empty()) s = "section";
  return s;
}

}  // namespace evidoc::render
