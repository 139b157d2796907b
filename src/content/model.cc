#include "content/model.h"

#include <algorithm>

namespace evidoc::content {

// The loader sorts articles by slug, so a binary search finds them (a site
// of 10,000 articles looks slugs up for every cross-link). A Content built by
// hand in a test may be unsorted: a miss falls back to a linear scan.
const Article* Content::FindArticle(const std::string& slug) const {
  auto it = std::lower_bound(articles.begin(), articles.end(), slug,
                             [](const Article& a, const std::string& s) { return a.slug < s; });
  if (it != articles.end() && it->slug == slug) return &*it;
  for (const Article& a : articles) {
    if (a.slug == slug) return &a;
  }
  return nullptr;
}

// References and treatments are few (hundreds); callers that look up in a
// loop build their own maps.

const Reference* Content::FindReference(const std::string& key) const {
  for (const Reference& r : references) {
    if (r.key == key) return &r;
  }
  return nullptr;
}

const Treatment* Content::FindTreatment(const std::string& id) const {
  for (const Treatment& t : treatments) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

}  // namespace evidoc::content
