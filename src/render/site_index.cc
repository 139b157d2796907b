#include "render/site_index.h"

#include <string>

namespace evidoc::render {

SiteIndex::SiteIndex(const content::Content& content)
    : content_(&content), glossary_(content.glossary) {
  articles_.reserve(content.articles.size());
  for (const content::Article& a : content.articles) articles_.emplace(a.slug, &a);
  references_.reserve(content.references.size());
  for (const content::Reference& r : content.references) references_.emplace(r.key, &r);
  // Images are few and small; read every size once here rather than once per
  // page that shows the image.
  for (const auto& [path, bytes] : content.image_files) {
    if (auto size = content::ReadImageSize(bytes)) image_sizes_.emplace(path, *size);
  }
}

const content::Article* SiteIndex::FindArticle(std::string_view slug) const {
  const auto it = articles_.find(slug);
  return it == articles_.end() ? nullptr : it->second;
}

const content::Reference* SiteIndex::FindReference(std::string_view key) const {
  const auto it = references_.find(key);
  return it == references_.end() ? nullptr : it->second;
}

const std::string* SiteIndex::FindImage(std::string_view content_path) const {
  const auto it = content_->image_files.find(std::string(content_path));
  return it == content_->image_files.end() ? nullptr : &it->second;
}

}  // namespace evidoc::render

namespace evidoc::render {

std::optional<content::ImageSize> SiteIndex::ImageSize(std::string_view content_path) const {
  const auto it = image_sizes_.find(content_path);
  if (it == image_sizes_.end()) return std::nullopt;
  return it->second;
}

}  // namespace evidoc::render
