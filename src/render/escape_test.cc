#include "render/escape.h"

#include <gtest/gtest.h>

namespace evidoc::render {
namespace {

TEST(EscapeHtmlText, EscapesMarkupCharacters) {
  EXPECT_EQ(EscapeHtmlText("<script>alert(\"x\")</script> & more"),
            "&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; more");
  EXPECT_EQ(EscapeHtmlText("plain text stays"), "plain text stays");
  EXPECT_EQ(EscapeHtmlText(""), "");
}

TEST(EscapeHtmlText, KeepsValidUtf8AndRepairsInvalid) {
  EXPECT_EQ(EscapeHtmlText("Baker\xE2\x80\x99s cyst \xC2\xB5g"),
            "Baker\xE2\x80\x99s cyst \xC2\xB5g");
  // A lone continuation byte, a truncated sequence, an overlong '<' (C0 BC)
  // and a UTF-16 surrogate (ED A0 80) each become U+FFFD.
  EXPECT_EQ(EscapeHtmlText("a\x80"
                           "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(EscapeHtmlText("a\xE2\x80"), "a\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(EscapeHtmlText("\xC0\xBCscript"), "\xEF\xBF\xBD\xEF\xBF\xBDscript");
  EXPECT_EQ(EscapeHtmlText("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(EscapeHtmlText("\xF4\x90\x80\x80"),
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");      // above U+10FFFF
  EXPECT_EQ(EscapeHtmlText("\xF0\x9F\x98\x80"), "\xF0\x9F\x98\x80");  // an emoji is fine
}

TEST(EscapeHtmlText, DropsForbiddenControls) {
  EXPECT_EQ(EscapeHtmlText(std::string("a\0b\x01"
                                       "c\x7F"
                                       "d\te\nf",
                                       11)),
            "abcd\te\nf");
}

TEST(EscapeHtmlAttr, CannotBreakOutOfQuotes) {
  EXPECT_EQ(EscapeHtmlAttr("\" onmouseover=\"alert(1)"), "&quot; onmouseover=&quot;alert(1)");
  EXPECT_EQ(EscapeHtmlAttr("' onfocus='x' <>&"), "&#39; onfocus=&#39;x&#39; &lt;&gt;&amp;");
}

TEST(EscapeUrlComponent, EncodesAllButUnreserved) {
  EXPECT_EQ(EscapeUrlComponent("leg-cramps_2.x~"), "leg-cramps_2.x~");
  EXPECT_EQ(EscapeUrlComponent("a b/c?d#e&f=g"), "a%20b%2Fc%3Fd%23e%26f%3Dg");
  EXPECT_EQ(EscapeUrlComponent("\"><script>"), "%22%3E%3Cscript%3E");
  EXPECT_EQ(EscapeUrlComponent("caf\xC3\xA9"), "caf%C3%A9");
}

TEST(EscapeJsonString, EscapesAsJsonAndForScriptBlocks) {
  EXPECT_EQ(EscapeJsonString("say \"hi\"\\ \n\t\r\b\f"), "say \\\"hi\\\"\\\\ \\n\\t\\r\\b\\f");
  EXPECT_EQ(EscapeJsonString("</script><!--&"), "\\u003c/script\\u003e\\u003c!--\\u0026");
  EXPECT_EQ(EscapeJsonString(std::string("\x01\0", 2)), "\\u0001\\u0000");
  EXPECT_EQ(EscapeJsonString("a\xE2\x80\xA8"
                             "b\xE2\x80\xA9"),
            "a\\u2028b\\u2029");
  EXPECT_EQ(EscapeJsonString("bad\xFF"), "bad\\ufffd");
  EXPECT_EQ(EscapeJsonString("\xC2\xB5g"), "\xC2\xB5g");
}

TEST(EscapeXmlText, EscapesAndDropsForbiddenCharacters) {
  EXPECT_EQ(EscapeXmlText("a<b & \"c\" 'd'>"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
  EXPECT_EQ(EscapeXmlText(std::string("x\0y\x0B"
                                      "z",
                                      5)),
            "xyz");
  EXPECT_EQ(EscapeXmlText("\xFE"), "\xEF\xBF\xBD");
}

struct UrlCase {
  const char* url;
  bool safe;
};

TEST(IsSafeUrl, AllowsRelativeAndWebSchemesOnly) {
  const UrlCase cases[] = {
      {"/leg-cramps/", true},
      {"#ref-1", true},
      {"images/a.svg", true},
      {"?q=cramp", true},
      {"https://doi.org/10.1093/ageing/23.5.418", true},
      {"HTTP://example.org", true},
      {"mailto:editor@example.org", true},
      {"tel:+44111", true},
      {"a/b:c", true},  // the ':' comes after a '/', so it is a path
      {"", true},
      {"javascript:alert(1)", false},
      {"JaVaScRiPt:alert(1)", false},
      {" javascript:alert(1)", false},
      {"java\tscript:alert(1)", false},
      {"java\nscript:alert(1)", false},
      {"\x01javascript:alert(1)", false},
      {"vbscript:msgbox", false},
      {"data:text/html;base64,PHNjcmlwdD4=", false},
      {"file:///etc/passwd", false},
      {"//evil.example/", false},
      {"/\\evil.example/", false},
  };
  for (const UrlCase& c : cases) {
    EXPECT_EQ(IsSafeUrl(c.url), c.safe) << "url: " << c.url;
  }
}

}  // namespace
}  // namespace evidoc::render
