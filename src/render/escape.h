// Escapers, one per destination (STYLE.md practice 7; as md4c does).
//
// Every piece of text that reaches an output file goes through exactly one of
// these, chosen by where it lands: HTML text, an HTML attribute value (always
// double-quoted by our writers), a URL component, a JSON string, or XML/SVG
// text and attribute values. Each function appends to `out` (so a page is
// built in one buffer) and has a returning convenience form.
//
// All functions are pure, never fail and never throw (beyond std::bad_alloc).
// Invalid UTF-8 in the input is replaced by U+FFFD in JSON and XML output
// (those formats reject it outright: a parser would refuse the whole file);
// HTML output passes bytes >= 0x80 through unchanged after the same repair,
// so every page is valid UTF-8 whatever the content holds.
#pragma once

#include <string>
#include <string_view>

namespace evidoc::render {

// HTML text content (between tags): & < > become entities. Also removes NUL
// and the C0 controls HTML forbids (except tab, LF, CR), and repairs UTF-8.
void AppendHtmlText(std::string& out, std::string_view text);
std::string EscapeHtmlText(std::string_view text);

// A double-quoted HTML attribute value: & < > " ' become entities, plus the
// same control-character and UTF-8 repair as AppendHtmlText.
void AppendHtmlAttr(std::string& out, std::string_view value);
std::string EscapeHtmlAttr(std::string_view value);

// Percent-encodes one URL component (a path segment or a query value):
// every byte except the RFC 3986 unreserved set A-Z a-z 0-9 - . _ ~ becomes
// %XX (uppercase hex). '/' is encoded too: this is for one segment.
void AppendUrlComponent(std::string& out, std::string_view component);
std::string EscapeUrlComponent(std::string_view component);

// The inside of a JSON string (without the surrounding quotes): " \ and the
// control characters are escaped as JSON requires, and additionally < > &
// U+2028 U+2029 as \u003c \u003e \u0026 \u2028 \u2029 so the result is also
// safe inside an HTML <script type="application/ld+json"> block and in
// JavaScript. Invalid UTF-8 becomes \ufffd.
void AppendJsonString(std::string& out, std::string_view text);
std::string EscapeJsonString(std::string_view text);

// XML 1.0 / SVG text or double-quoted attribute value: & < > " ' become
// entities; characters XML 1.0 forbids (C0 controls except tab/LF/CR) are
// dropped; invalid UTF-8 becomes U+FFFD.
void AppendXmlText(std::string& out, std::string_view text);
std::string EscapeXmlText(std::string_view text);

// Whether `url` may be placed in an href/src attribute. Allowed: relative
// references ("/leg-cramps/", "#ref-1", "images/a.svg", "?q=x") and absolute
// URLs whose scheme is http, https, mailto or tel. Refused: every other
// scheme (javascript:, data:, vbscript:, file:, ...), including disguised
// forms browsers would still run ("JaVaScRiPt:", " javascript:",
// "java\tscript:", "&#106;avascript:" is harmless once attribute-escaped
// because the entity is then literal text). Refused too: protocol-relative
// "//host" URLs (they leave the site without saying so) and URLs with
// control characters or backslashes.
bool IsSafeUrl(std::string_view url);

}  // namespace evidoc::render
