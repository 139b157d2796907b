#include "content/image_size.h"

#include <cmath>
#include <cstdlib>
#include <string>

namespace evidoc::content {
namespace {

std::optional<ImageSize> PngSize(std::string_view b) {
  // 8-byte signature, then the IHDR chunk: length(4) "IHDR"(4) width(4) height(4), big-endian.
  static constexpr char kSignature[] = "\x89PNG\r\n\x1a\n";
  if (b.size() < 24 || b.substr(0, 8) != std::string_view(kSignature, 8) ||
      b.substr(12, 4) != "IHDR") {
    return std::nullopt;
  }
  auto u32 = [&](size_t at) {
    return (static_cast<unsigned long>(static_cast<unsigned char>(b[at])) << 24) |
           (static_cast<unsigned long>(static_cast<unsigned char>(b[at + 1])) << 16) |
           (static_cast<unsigned long>(static_cast<unsigned char>(b[at + 2])) << 8) |
           static_cast<unsigned long>(static_cast<unsigned char>(b[at + 3]));
  };
  unsigned long w = u32(16), h = u32(20);
  // PNG allows up to 2^31-1; anything over 100,000 px is not a web image.
  if (w == 0 || h == 0 || w > 100000 || h > 100000) return std::nullopt;
  return ImageSize{static_cast<int>(w), static_cast<int>(h)};
}

// The value of attribute `name` inside the tag text `tag`, or nullopt.
std::optional<std::string> Attribute(std::string_view tag, std::string_view name) {
  size_t pos = 0;
  while ((pos = tag.find(name, pos)) != std::string_view::npos) {
    bool starts_word = pos > 0 && (tag[pos - 1] == ' ' || tag[pos - 1] == '\n' ||
                                   tag[pos - 1] == '\t' || tag[pos - 1] == '\r');
    size_t p = pos + name.size();
    pos = p;
    if (!starts_word) continue;
    while (p < tag.size() && (tag[p] == ' ' || tag[p] == '\t' || tag[p] == '\n')) ++p;
    if (p >= tag.size() || tag[p] != '=') continue;
    ++p;
    while (p < tag.size() && (tag[p] == ' ' || tag[p] == '\t' || tag[p] == '\n')) ++p;
    if (p >= tag.size() || (tag[p] != '"' && tag[p] != '\'')) continue;
    char quote = tag[p];
    size_t end = tag.find(quote, p + 1);
    if (end == std::string_view::npos) return std::nullopt;
    return std::string(tag.substr(p + 1, end - p - 1));
  }
  return std::nullopt;
}

// "640", "640px", "640.5" -> 641 (rounded); anything else (%, em) -> 0.
int Length(const std::string& v) {
  char* end = nullptr;
  double d = std::strtod(v.c_str(), &end);
  std::string rest(end);
  if (end == v.c_str() || !(rest.empty() || rest == "px") || !(d > 0) || d > 100000) return 0;
  return static_cast<int>(std::lround(d));
}

std::optional<ImageSize> SvgSize(std::string_view b) {
  size_t start = b.find("<svg");
  if (start == std::string_view::npos) return std::nullopt;
  size_t end = b.find('>', start);
  if (end == std::string_view::npos) return std::nullopt;
  std::string_view tag = b.substr(start, end - start);
  ImageSize size;
  if (auto w = Attribute(tag, "width")) size.width = Length(*w);
  if (auto h = Attribute(tag, "height")) size.height = Length(*h);
  if (size.width > 0 && size.height > 0) return size;
  if (auto vb = Attribute(tag, "viewBox")) {
    double v[4];
    const char* p = vb->c_str();
    for (double& x : v) {
      char* e = nullptr;
      x = std::strtod(p, &e);
      if (e == p) return std::nullopt;
      p = e;
      while (*p == ' ' || *p == ',') ++p;
    }
    if (v[2] > 0 && v[3] > 0 && v[2] <= 100000 && v[3] <= 100000) {
      return ImageSize{static_cast<int>(std::lround(v[2])), static_cast<int>(std::lround(v[3]))};
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<ImageSize> ReadImageSize(std::string_view bytes) {
  if (auto png = PngSize(bytes)) return png;
  return SvgSize(bytes);
}

}  // namespace evidoc::content
