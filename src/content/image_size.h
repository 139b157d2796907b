// Reading an image's intrinsic size (pixels) from its bytes, so editors need
// not write width and height (pages need them to avoid layout shift).
#pragma once

#include <optional>
#include <string_view>

namespace evidoc::content {

struct ImageSize {
  int width = 0;
  int height = 0;
};

// PNG: the IHDR chunk. SVG: the root <svg> element's width and height
// attributes (plain numbers or "px"), else its viewBox's width and height.
// Returns nullopt for other formats, relative units (%, em) without a
// viewBox, or malformed data. Never reads past `bytes`.
std::optional<ImageSize> ReadImageSize(std::string_view bytes);

}  // namespace evidoc::content
