#include "content/model.h"

namespace evidoc::content {

// Linear scans: correct even for a Content built by hand in a test (not
// sorted); callers that look up in a loop build their own maps.
const Article* Content::FindArticle(const std::string& slug) const {
  for (const Article& a : articles) {
    if (a.slug == slug) return &a;
  }
  return nullptr;
}

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
