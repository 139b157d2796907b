// Lookup tables built once per render of a site and shared, read-only, by
// every page renderer (and by every rendering thread): articles by slug,
// references by key, the glossary linker. Built in one pass over Content so
// that rendering 10,000 pages never searches a vector.
//
// Immutable after construction; thread-safe to read. Holds pointers into the
// Content, which must outlive it.
#pragma once

#include <optional>
#include <string_view>
#include <unordered_map>

#include "content/image_size.h"
#include "content/model.h"
#include "render/glossary_linker.h"

namespace evidoc::render {

class SiteIndex {
 public:
  explicit SiteIndex(const content::Content& content);

  const content::Content& content() const { return *content_; }
  const content::SiteSettings& site() const { return content_->site; }
  const GlossaryLinker& glossary() const { return glossary_; }

  // nullptr when absent.
  const content::Article* FindArticle(std::string_view slug) const;
  const content::Reference* FindReference(std::string_view key) const;
  const std::string* FindImage(std::string_view content_path) const;
  // The intrinsic size of an image in Content::image_files, read from its
  // bytes (PNG/SVG); nullopt if it is not there or unreadable.
  std::optional<content::ImageSize> ImageSize(std::string_view content_path) const;

 private:
  const content::Content* content_;
  GlossaryLinker glossary_;
  std::unordered_map<std::string_view, const content::Article*> articles_;
  std::unordered_map<std::string_view, const content::Reference*> references_;
  std::unordered_map<std::string_view, content::ImageSize> image_sizes_;
};

}  // namespace evidoc::render
