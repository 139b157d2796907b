#include "render/html.h"

#include "render/escape.h"

namespace evidoc::render {
namespace {

bool IsUrlAttribute(std::string_view name) {
  return name == "href" || name == "src" || name == "action" || name == "formaction" ||
         name == "poster" || name == "cite";
}

}  // namespace

void HtmlWriter::WriteAttrs(std::initializer_list<Attr> attrs) {
  for (const Attr& a : attrs) {
    if (!a.present) continue;
    out_.push_back(' ');
    out_.append(a.name);
    out_.append("=\"");
    if (!IsUrlAttribute(a.name) || IsSafeUrl(a.value)) AppendHtmlAttr(out_, a.value);
    out_.push_back('"');
  }
}

HtmlWriter& HtmlWriter::Open(std::string_view tag, std::initializer_list<Attr> attrs) {
  out_.push_back('<');
  out_.append(tag);
  WriteAttrs(attrs);
  out_.push_back('>');
  return *this;
}

HtmlWriter& HtmlWriter::Close(std::string_view tag) {
  out_.append("</");
  out_.append(tag);
  out_.push_back('>');
  return *this;
}

HtmlWriter& HtmlWriter::Void(std::string_view tag, std::initializer_list<Attr> attrs) {
  return Open(tag, attrs);
}

HtmlWriter& HtmlWriter::Text(std::string_view text) {
  AppendHtmlText(out_, text);
  return *this;
}

HtmlWriter& HtmlWriter::Element(std::string_view tag, std::initializer_list<Attr> attrs,
                                std::string_view text) {
  Open(tag, attrs);
  Text(text);
  return Close(tag);
}

HtmlWriter& HtmlWriter::Append(const Html& fragment) {
  out_.append(fragment.str());
  return *this;
}

Html HtmlWriter::Take() {
  Html h;
  h.markup_ = std::move(out_);
  out_.clear();
  return h;
}

}  // namespace evidoc::render
