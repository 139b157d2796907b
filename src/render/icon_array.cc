#include "render/icon_array.h"

#include <algorithm>

#include "render/escape.h"

namespace evidoc::render {
namespace {

constexpr int kCols = 10;
constexpr int kW = kIconArrayWidth / kCols;   // 16
constexpr int kH = kIconArrayHeight / kCols;  // 20

// Dark colours at >= 4.5:1 on white so the figures meet WCAG 1.4.11 (3:1 for
// graphics) with room to spare; the pale figure is outlined in a grey that
// also meets 3:1.
std::string_view Ink(IconTone tone) {
  switch (tone) {
    case IconTone::kBenefit:
      return "#006631";  // 7.0:1
    case IconTone::kHarm:
      return "#a8201a";  // 6.9:1
    case IconTone::kNeutral:
      return "#005eb8";  // 5.9:1
  }
  return "#005eb8";
}

// Only [a-z0-9-] survive: ids go into attributes and url(#...) references.
std::string SafeId(std::string_view id) {
  std::string s;
  for (char c : id) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') s.push_back(c);
  }
  return s.empty() ? "icons" : s;
}

void Rect(std::string& out, int x, int y, int w, int h, const std::string& pattern) {
  if (w <= 0 || h <= 0) return;
  out += "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) + "\" width=\"" +
         std::to_string(w) + "\" height=\"" + std::to_string(h) + "\" fill=\"url(#" + pattern +
         ")\"/>";
}

constexpr std::string_view kFigure =
    "<circle cx=\"8\" cy=\"5\" r=\"3.2\"/><path d=\"M3 18v-5a5 5 0 0 1 10 0v5z\"/>";

}  // namespace

std::string IconArraySvg(const IconArray& array) {
  const int affected = std::clamp(array.affected, 0, 100);
  const std::string id = SafeId(array.id);
  const std::string ink(Ink(array.tone));
  std::string s;
  s.reserve(1600);
  s += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"icon-array-svg\" role=\"img\" width=\"";
  s += std::to_string(kIconArrayWidth) + "\" height=\"" + std::to_string(kIconArrayHeight);
  s += "\" viewBox=\"0 0 " + std::to_string(kIconArrayWidth) + " " +
       std::to_string(kIconArrayHeight) + "\" aria-labelledby=\"" + id + "-t\">";
  s += "<title id=\"" + id + "-t\">";
  AppendXmlText(s, array.text);
  s += "</title><defs>";
  // Stripes: the pattern part of "colour plus pattern".
  s += "<pattern id=\"" + id + "-s\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\" " +
       "patternTransform=\"rotate(45)\"><rect width=\"4\" height=\"4\" fill=\"" + ink +
       "\"/><rect width=\"1.5\" height=\"4\" fill=\"#fff\"/></pattern>";
  s += "<pattern id=\"" + id + "-a\" width=\"" + std::to_string(kW) + "\" height=\"" +
       std::to_string(kH) + "\" patternUnits=\"userSpaceOnUse\"><g fill=\"url(#" + id +
       "-s)\" stroke=\"" + ink + "\" stroke-width=\"1\">" + std::string(kFigure) + "</g></pattern>";
  s += "<pattern id=\"" + id + "-u\" width=\"" + std::to_string(kW) + "\" height=\"" +
       std::to_string(kH) +
       "\" patternUnits=\"userSpaceOnUse\"><g fill=\"#f0f4f5\" stroke=\"#5c6b73\" "
       "stroke-width=\"1\">" +
       std::string(kFigure) + "</g></pattern>";
  s += "</defs>";
  // Affected people fill whole rows first, then part of one row.
  const int full = affected / kCols, rest = affected % kCols;
  const std::string a = id + "-a", u = id + "-u";
  Rect(s, 0, 0, kIconArrayWidth, full * kH, a);
  Rect(s, 0, full * kH, rest * kW, rest ? kH : 0, a);
  Rect(s, rest * kW, full * kH, (kCols - rest) * kW, rest ? kH : 0, u);
  const int used_rows = full + (rest ? 1 : 0);
  Rect(s, 0, used_rows * kH, kIconArrayWidth, (kCols - used_rows) * kH, u);
  s += "</svg>";
  return s;
}

Html RenderIconArray(const IconArray& array) {
  HtmlWriter w;
  w.Open("figure", {{"class", "icon-array"}});
  if (!array.heading.empty()) w.Element("p", {{"class", "icon-array-heading"}}, array.heading);
  // Built only from numbers, our ids and XML-escaped text.
  w.Append(Html::Trusted(IconArraySvg(array)));
  w.Element("figcaption", array.text);
  w.Close("figure");
  return w.Take();
}

}  // namespace evidoc::render
