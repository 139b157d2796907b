#include "render/escape.h"

#include <array>

namespace evidoc::render {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// Length of the valid UTF-8 sequence starting at s[i] (s[i] >= 0x80), or 0
// if it is not valid: overlong forms, surrogates and code points above
// U+10FFFF are invalid (RFC 3629), exactly as browsers decode.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  const size_t left = s.size() - i;
  auto cont = [&](size_t k) { return (b(k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return left >= 2 && cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (left < 3 || !cont(i + 1) || !cont(i + 2)) return 0;
    if (c == 0xE0 && b(i + 1) < 0xA0) return 0;   // overlong
    if (c == 0xED && b(i + 1) >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (left < 4 || !cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    if (c == 0xF0 && b(i + 1) < 0x90) return 0;   // overlong
    if (c == 0xF4 && b(i + 1) >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

// Bytes that every escaper copies unchanged: printable ASCII and tab,
// newline and carriage return, minus the escaper's special characters.
// The loops skip runs of them with one table lookup per byte.
using PlainTable = std::array<bool, 256>;
constexpr PlainTable MakePlainTable(std::string_view special, bool controls_plain) {
  PlainTable t{};
  for (int c = 0x20; c < 0x7F; ++c) t[c] = true;
  t['\t'] = t['\n'] = t['\r'] = controls_plain;
  for (char c : special) t[static_cast<unsigned char>(c)] = false;
  return t;
}
constexpr PlainTable kHtmlTextPlain = MakePlainTable("&<>", true);
constexpr PlainTable kHtmlAttrPlain = MakePlainTable("&<>\"'", true);
constexpr PlainTable kJsonPlain = MakePlainTable("\"\\<>&", false);

// The shared loop: `replace(c)` returns the replacement for an ASCII byte or
// an empty view to keep it; an ASCII control byte is dropped when
// `drop_control` says so. Bytes >= 0x80 are copied when they form valid
// UTF-8 and replaced by `bad_utf8` otherwise. Runs of unchanged bytes are
// appended in one call, which is what keeps this fast on ordinary prose.
template <typename Replace>
void EscapeLoop(std::string& out, std::string_view s, Replace replace, std::string_view bad_utf8,
                const PlainTable& plain) {
  out.reserve(out.size() + s.size() + s.size() / 8);
  size_t run = 0;  // start of the pending unchanged run
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && plain[static_cast<unsigned char>(s[i])]) ++i;
    if (i == s.size()) break;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const size_t n = Utf8SequenceLength(s, i);
      if (n > 0) {
        i += n;
        continue;
      }
      out.append(s.data() + run, i - run);
      out.append(bad_utf8);
      ++i;
      run = i;
      continue;
    }
    const std::string_view r = replace(static_cast<char>(c));
    if (r.data() == nullptr) {
      ++i;
      continue;
    }
    out.append(s.data() + run, i - run);
    out.append(r);  // may be empty: the byte is dropped
    ++i;
    run = i;
  }
  out.append(s.data() + run, s.size() - run);
}

bool IsForbiddenControl(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  return (u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7F;
}

constexpr std::string_view kKeep{};       // data() == nullptr: keep the byte
constexpr std::string_view kDrop{"", 0};  // data() != nullptr, empty: drop it

std::string_view HtmlTextReplacement(char c) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    default:
      return IsForbiddenControl(c) ? kDrop : kKeep;
  }
}

std::string_view HtmlAttrReplacement(char c) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    case '\'':
      return "&#39;";
    default:
      return IsForbiddenControl(c) ? kDrop : kKeep;
  }
}

constexpr char kHex[] = "0123456789ABCDEF";
constexpr char kHexLower[] = "0123456789abcdef";

}  // namespace

void AppendHtmlText(std::string& out, std::string_view text) {
  EscapeLoop(out, text, HtmlTextReplacement, kReplacement, kHtmlTextPlain);
}

std::string EscapeHtmlText(std::string_view text) {
  std::string out;
  AppendHtmlText(out, text);
  return out;
}

void AppendHtmlAttr(std::string& out, std::string_view value) {
  EscapeLoop(out, value, HtmlAttrReplacement, kReplacement, kHtmlAttrPlain);
}

std::string EscapeHtmlAttr(std::string_view value) {
  std::string out;
  AppendHtmlAttr(out, value);
  return out;
}

void AppendUrlComponent(std::string& out, std::string_view component) {
  for (const char ch : component) {
    const unsigned char c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
}

std::string EscapeUrlComponent(std::string_view component) {
  std::string out;
  AppendUrlComponent(out, component);
  return out;
}

void AppendJsonString(std::string& out, std::string_view s) {
  out.reserve(out.size() + s.size() + 8);
  size_t run = 0;
  size_t i = 0;
  auto flush = [&](size_t upto) { out.append(s.data() + run, upto - run); };
  auto unicode = [&](unsigned v) {
    out += "\\u";
    out.push_back(kHexLower[(v >> 12) & 15]);
    out.push_back(kHexLower[(v >> 8) & 15]);
    out.push_back(kHexLower[(v >> 4) & 15]);
    out.push_back(kHexLower[v & 15]);
  };
  while (i < s.size()) {
    while (i < s.size() && kJsonPlain[static_cast<unsigned char>(s[i])]) ++i;
    if (i == s.size()) break;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const size_t n = Utf8SequenceLength(s, i);
      if (n == 0) {
        flush(i);
        out += "\\ufffd";
        run = ++i;
        continue;
      }
      // U+2028/U+2029 (E2 80 A8/A9) end a line in older JavaScript.
      if (n == 3 && c == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
          (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0xA8) {
        flush(i);
        unicode(static_cast<unsigned char>(s[i + 2]) == 0xA8 ? 0x2028 : 0x2029);
        i += 3;
        run = i;
        continue;
      }
      i += n;
      continue;
    }
    const char* simple = nullptr;
    switch (c) {
      case '"':
        simple = "\\\"";
        break;
      case '\\':
        simple = "\\\\";
        break;
      case '\n':
        simple = "\\n";
        break;
      case '\r':
        simple = "\\r";
        break;
      case '\t':
        simple = "\\t";
        break;
      case '\b':
        simple = "\\b";
        break;
      case '\f':
        simple = "\\f";
        break;
      default:
        break;
    }
    if (simple != nullptr) {
      flush(i);
      out += simple;
      run = ++i;
    } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
      flush(i);
      unicode(c);
      run = ++i;
    } else {
      ++i;
    }
  }
  flush(s.size());
}

std::string EscapeJsonString(std::string_view text) {
  std::string out;
  AppendJsonString(out, text);
  return out;
}

void AppendXmlText(std::string& out, std::string_view text) {
  // Same entities as an HTML attribute; &#39; is a numeric reference, valid
  // in XML 1.0 without a DTD (unlike HTML's named &apos; in old parsers).
  EscapeLoop(out, text, HtmlAttrReplacement, kReplacement, kHtmlAttrPlain);
}

std::string EscapeXmlText(std::string_view text) {
  std::string out;
  AppendXmlText(out, text);
  return out;
}

bool IsSafeUrl(std::string_view url) {
  // Browsers strip leading/trailing C0 controls and spaces and remove tab
  // and newlines anywhere before parsing a URL (WHATWG URL "basic URL
  // parser"), which is how "java\tscript:" still runs. Rather than emulate
  // that, refuse any control character or backslash outright: no honest
  // link contains one.
  for (const char ch : url) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F || c == '\\') return false;
  }
  size_t start = 0;
  while (start < url.size() && url[start] == ' ') ++start;
  url.remove_prefix(start);
  if (url.size() >= 2 && url[0] == '/' && url[1] == '/') return false;  // protocol-relative
  // A scheme is present when a ':' comes before any '/', '?' or '#'.
  const size_t colon = url.find(':');
  if (colon == std::string_view::npos) return true;
  const size_t delimiter = url.find_first_of("/?#");
  if (delimiter != std::string_view::npos && delimiter < colon) return true;
  std::string scheme;
  for (size_t k = 0; k < colon; ++k) {
    char c = url[k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    scheme.push_back(c);
  }
  return scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "tel";
}

}  // namespace evidoc::render
