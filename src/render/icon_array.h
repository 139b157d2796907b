// Icon arrays: 100 people drawn as a 10 x 10 grid of figures, the first
// `affected` of them (row by row, from the top left) drawn differently.
//
// Affected people differ by colour AND pattern (a dark figure with diagonal
// stripes against a pale plain figure), so the array reads in greyscale, in
// print and for colour-blind readers. The SVG has role="img" with a <title>
// that says the numbers, and the figure has a visible caption: the text
// equivalent is always on the page, not only in the picture.
//
// Small on purpose: each figure is a tiled <pattern>, so an array is a few
// rectangles (about 1.5 KB), not 100 shapes. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "render/html.h"

namespace evidoc::render {

enum class IconTone { kBenefit, kHarm, kNeutral };

struct IconArray {
  int affected = 0;     // clamped to 0..100
  std::string id;       // unique on the page: prefixes the SVG's ids ([a-z0-9-] only)
  std::string heading;  // shown above the array: "With quinine"
  std::string text;     // the text equivalent: "About 35 out of 100 people had ..."
  IconTone tone = IconTone::kNeutral;
};

// Width and height of the SVG in CSS pixels (set as attributes so nothing
// shifts while the page loads).
inline constexpr int kIconArrayWidth = 160;
inline constexpr int kIconArrayHeight = 200;

// <figure class="icon-array"> with the heading, the SVG and the caption.
Html RenderIconArray(const IconArray& array);

// Just the SVG markup (for tests and the printable summary).
std::string IconArraySvg(const IconArray& array);

}  // namespace evidoc::render
