#include "site/render_site.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "render/api_json.h"
#include "render/article_page.h"
#include "render/embedded_files.h"
#include "render/index_pages.h"
#include "render/site_index.h"
#include "render/urls.h"
#include "site/extensions.h"
#include "site/site_builder.h"

namespace evidoc::site {
namespace {

std::string ContentTypeFor(std::string_view path) {
  const size_t dot = path.rfind('.');
  const std::string_view ext = dot == std::string_view::npos ? "" : path.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "json") return "application/json";
  if (ext == "xml") return "application/xml";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "js") return "text/javascript; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "webp") return "image/webp";
  if (ext == "gif") return "image/gif";
  if (ext == "txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

SiteFile MakeFile(std::string path, std::string bytes) {
  SiteFile f;
  f.content_type = ContentTypeFor(path);
  f.path = std::move(path);
  f.bytes = std::move(bytes);
  return f;
}

// Everything a worker needs, shared read-only by all threads.
struct Job {
  const knowledge::Knowledge& knowledge;
  const content::Content& content;
  const render::SiteIndex& index;
  const FileSink& sink;
};

// The fixed tasks run first (the extension families are the slowest single
// tasks), then one task per article.
enum class Fixed { kHome, kAtoZ, kGlossary, kNotFound, kArticleList, kAssets, kImages, kCount };

class Collector {
 public:
  // Records an HTML page for the sitemap (not the 404 page).
  void Note(const std::string& path, std::string lastmod) {
    if (path.size() < 10 || path.compare(path.size() - 10, 10, "index.html") != 0) return;
    std::lock_guard<std::mutex> lock(mu_);
    pages_.emplace("/" + path.substr(0, path.size() - 10), std::move(lastmod));
  }
  std::vector<render::SitemapEntry> Entries() {
    std::vector<render::SitemapEntry> v;
    for (auto& [url, lastmod] : pages_) v.push_back({url, lastmod});
    return v;
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::string> pages_;  // url -> lastmod, sorted
};

void Emit(const Job& job, Collector& pages, std::string path, std::string bytes,
          std::string lastmod = {}) {
  pages.Note(path, std::move(lastmod));
  job.sink(MakeFile(std::move(path), std::move(bytes)));
}

void RunFixed(const Job& job, Collector& pages, Fixed which) {
  const render::SiteIndex& index = job.index;
  switch (which) {
    case Fixed::kHome:
      Emit(job, pages, "index.html", render::RenderHomePage(index, HomeTools(job.knowledge)));
      break;
    case Fixed::kAtoZ:
      // 100 KB: the page weight our accessibility tests hold every page to.
      for (auto& [url, html] : render::RenderAtoZPages(index, 100 * 1024)) {
        Emit(job, pages, render::FileForUrl(url), std::move(html));
      }
      break;
    case Fixed::kGlossary:
      Emit(job, pages, "glossary/index.html", render::RenderGlossaryPage(index));
      break;
    case Fixed::kNotFound:
      Emit(job, pages, "404.html", render::RenderNotFoundPage(index));
      // Not noted for the sitemap: a results page is not for search engines.
      job.sink(MakeFile("search/index.html", render::RenderStaticSearchPage(index)));
      break;
    case Fixed::kArticleList:
      Emit(job, pages, "api/v1/articles.json", render::ArticleListJson(index));
      break;
    case Fixed::kAssets:
      for (const render::EmbeddedFile& f : render::EmbeddedFiles()) {
        if (f.path.substr(0, 7) == "assets/")
          Emit(job, pages, std::string(f.path), std::string(f.bytes));
      }
      break;
    case Fixed::kImages:
      for (const auto& [path, bytes] : job.content.image_files) {
        // Same relative path as in the content folder: /images/a.svg.
        Emit(job, pages, path, bytes);
      }
      break;
    case Fixed::kCount:
      break;
  }
}

void RunArticle(const Job& job, Collector& pages, const content::Article& a) {
  const render::Html body = render::RenderArticleBody(job.index, a);
  const render::ArticleExtras extras = ArticleExtrasFor(job.knowledge, a);
  const std::string dir = render::FileForUrl(render::ArticleUrl(a.slug));
  Emit(job, pages, dir, render::RenderArticlePage(job.index, a, body, extras),
       a.last_reviewed.ToIso());
  std::string api = render::ApiArticleUrl(a.slug);
  Emit(job, pages, api.substr(1), render::ArticleJson(job.index, a, body));
}

}  // namespace

size_t RenderSiteStreaming(const knowledge::Knowledge& knowledge, const RenderOptions& options,
                           const FileSink& sink) {
  const content::Content& content = *knowledge.content;
  const render::SiteIndex index(content);
  Collector pages;

  // Extension families may replace core files (a richer 404.html): core
  // files whose path a family also writes are held back, so each path is
  // written once and the result does not depend on thread timing. Families
  // run first, before any core task, for that reason.
  std::mutex replaced_mu;
  std::vector<std::string> replaced;
  std::atomic<size_t> count{0};
  const FileSink counting = [&](SiteFile&& f) {
    ++count;
    sink(std::move(f));
  };

  for (const FileFamily& family : ExtraFileFamilies()) {
    for (SiteFile& f : family(knowledge)) {
      {
        std::lock_guard<std::mutex> lock(replaced_mu);
        replaced.push_back(f.path);
      }
      pages.Note(f.path, "");
      counting(std::move(f));
    }
  }
  std::sort(replaced.begin(), replaced.end());
  const FileSink filtered = [&](SiteFile&& f) {
    if (std::binary_search(replaced.begin(), replaced.end(), f.path)) return;
    counting(std::move(f));
  };
  const Job core{knowledge, content, index, filtered};

  const size_t fixed = static_cast<size_t>(Fixed::kCount);
  const size_t tasks = fixed + content.articles.size();
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t t = next++; t < tasks; t = next++) {
      if (t < fixed) {
        RunFixed(core, pages, static_cast<Fixed>(t));
      } else {
        RunArticle(core, pages, content.articles[t - fixed]);
      }
    }
  };
  unsigned threads = options.threads > 0 ? static_cast<unsigned>(options.threads)
                                         : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<size_t>(threads, tasks));
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back(worker);
  worker();
  for (std::thread& th : pool) th.join();

  // Last, once every page is known: the sitemap lists them all.
  counting(MakeFile("sitemap.xml", render::SitemapXml(content.site.base_url, pages.Entries())));
  return count.load();
}

std::vector<SiteFile> RenderSite(const knowledge::Knowledge& knowledge,
                                 const RenderOptions& options) {
  std::mutex mu;
  std::vector<SiteFile> files;
  RenderSiteStreaming(knowledge, options, [&](SiteFile&& f) {
    std::lock_guard<std::mutex> lock(mu);
    files.push_back(std::move(f));
  });
  std::sort(files.begin(), files.end(),
            [](const SiteFile& a, const SiteFile& b) { return a.path < b.path; });
  return files;
}

}  // namespace evidoc::site
