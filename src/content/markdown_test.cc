#include "content/markdown.h"

#include <gtest/gtest.h>

#include <string>

#include "content/limits.h"

namespace evidoc::content {
namespace {

struct Parsed {
  std::string file;
  LineIndex index;
  Diagnostics diags;
  ParsedBody body;
  explicit Parsed(std::string text, size_t offset = 0)
      : file(std::move(text)),
        index(file),
        body(ParseMarkdownBody("f.md", file, offset, index, diags)) {}
};

TEST(SplitFrontMatter, FindsTheBlockAndTheBody) {
  Diagnostics d;
  std::string f = "---\ntitle: T\n---\nBody\n";
  FrontMatter fm = SplitFrontMatter("f.md", f, d);
  ASSERT_TRUE(fm.found);
  EXPECT_EQ(fm.yaml, "title: T\n");
  EXPECT_EQ(fm.yaml_first_line, 2);
  EXPECT_EQ(fm.body_offset, 17u);
  EXPECT_EQ(fm.body_first_line, 4);
  EXPECT_TRUE(d.empty());
}

TEST(SplitFrontMatter, ByteOrderMarkTrailingSpacesAndDots) {
  Diagnostics d;
  std::string f = "\xEF\xBB\xBF---  \r\na: 1\r\n...\r\nBody";
  FrontMatter fm = SplitFrontMatter("f.md", f, d);
  ASSERT_TRUE(fm.found);
  EXPECT_EQ(fm.yaml, "a: 1\r\n");
  EXPECT_EQ(f.substr(fm.body_offset), "Body");
}

TEST(SplitFrontMatter, EmptyFile) {
  Diagnostics d;
  EXPECT_FALSE(SplitFrontMatter("f.md", "", d).found);
  EXPECT_EQ(d.items().size(), 1u);
}

TEST(ParseMarkdownBody, BlocksAndInlines) {
  Parsed p(
      "# Title\n\n## Title\n\nSome *em* and **strong** and `code` &amp; &#x263A; &bogus;\n"
      "next line  \nhard\n\n> quote\n\n1. one\n2. two\n\n---\n\n```\nint x;\n```\n\n"
      "| a | b |\n|---|---|\n| 1 | 2 |\n\n<div>raw</div>\n");
  EXPECT_TRUE(p.diags.empty());
  const Node& doc = p.body.document;
  ASSERT_EQ(doc.kind, NodeKind::kDocument);
  std::vector<NodeKind> kinds;
  for (const Node& n : doc.children) kinds.push_back(n.kind);
  EXPECT_EQ(kinds,
            (std::vector<NodeKind>{NodeKind::kHeading, NodeKind::kHeading, NodeKind::kParagraph,
                                   NodeKind::kBlockQuote, NodeKind::kList, NodeKind::kThematicBreak,
                                   NodeKind::kCodeBlock, NodeKind::kTable, NodeKind::kParagraph}));
  EXPECT_EQ(doc.children[0].level, 1);
  EXPECT_EQ(doc.children[0].detail().anchor, "title");
  EXPECT_EQ(doc.children[1].detail().anchor, "title-2");  // unique within the article
  const Node& para = doc.children[2];
  EXPECT_EQ(para.location, (LineColumn{5, 1}));
  std::vector<NodeKind> inl;
  for (const Node& n : para.children) inl.push_back(n.kind);
  EXPECT_EQ(inl, (std::vector<NodeKind>{NodeKind::kText, NodeKind::kEmphasis, NodeKind::kText,
                                        NodeKind::kStrong, NodeKind::kText, NodeKind::kCode,
                                        NodeKind::kText, NodeKind::kSoftBreak, NodeKind::kText,
                                        NodeKind::kHardBreak, NodeKind::kText}));
  EXPECT_EQ(para.children[5].text, "code");
  EXPECT_EQ(para.children[6].text, " & \u263A &bogus;");  // entities decoded, unknown kept
  EXPECT_TRUE(doc.children[4].ordered);
  EXPECT_EQ(doc.children[4].children.size(), 2u);
  EXPECT_EQ(doc.children[6].text, "int x;\n");
  const Node& table = doc.children[7];
  ASSERT_EQ(table.children.size(), 2u);  // header row and one body row, no thead/tbody
  EXPECT_TRUE(table.children[0].children[0].header_cell);
  EXPECT_FALSE(table.children[1].children[0].header_cell);
  // Raw HTML is not passed through: it stays text.
  EXPECT_EQ(doc.children[8].children[0].text, "<div>raw</div>");
}

TEST(ParseMarkdownBody, CitationForms) {
  Parsed p(
      "A [@a]. B [@b; @c]. C [-@d]. D [see @e, p. 3; also @f.]. E `[@g]`. "
      "F [not a cite] me@x.org [@]. G [@h.i:j-k]\n");
  std::vector<std::string> keys;
  for (const CitationUse& c : p.body.citations) keys.push_back(c.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"a", "b", "c", "d", "e", "f", "h.i:j-k"}));
  const Node& para = p.body.document.children[0];
  std::vector<const Node*> cites;
  for (const Node& n : para.children) {
    if (n.kind == NodeKind::kCitation) cites.push_back(&n);
  }
  ASSERT_EQ(cites.size(), 5u);
  EXPECT_EQ(cites[1]->detail().citation_keys, (std::vector<std::string>{"b", "c"}));
  EXPECT_TRUE(cites[2]->detail().suppress_author);
  EXPECT_FALSE(cites[3]->detail().suppress_author);
  // Key positions: the '@' of each key, column counted in bytes.
  EXPECT_EQ(p.body.citations[0].location, (Location{"f.md", 1, 4}));
  EXPECT_EQ(p.body.citations[2].location, (Location{"f.md", 1, 16}));
  EXPECT_EQ(cites[0]->location, (LineColumn{1, 3}));
}

TEST(ParseMarkdownBody, CitationAfterEmphasisAndOnSecondLine) {
  Parsed p("Some *text*\nthen [@k] here.\n");
  ASSERT_EQ(p.body.citations.size(), 1u);
  EXPECT_EQ(p.body.citations[0].location, (Location{"f.md", 2, 7}));
}

TEST(ParseMarkdownBody, LinksAndImagesInPreOrder) {
  Parsed p("[a *b*](x.md \"T\") ![alt *em* ![inner](i.png)](o.png) [c](<y z.md>)\n");
  ASSERT_EQ(p.body.links.size(), 3u);
  EXPECT_EQ(p.body.links[0].target, "x.md");
  EXPECT_EQ(p.body.links[0].location, (Location{"f.md", 1, 9}));
  EXPECT_EQ(p.body.links[1].target, "o.png");
  EXPECT_EQ(p.body.links[2].target, "y z.md");
  const Node& para = p.body.document.children[0];
  EXPECT_EQ(para.children[0].kind, NodeKind::kLink);
  EXPECT_EQ(para.children[0].detail().title, "T");
  const Node& img = para.children[2];
  EXPECT_EQ(img.kind, NodeKind::kImage);
  EXPECT_EQ(img.detail().alt, "alt em inner");
  EXPECT_TRUE(img.children.empty());
}

TEST(ParseMarkdownBody, OffsetsCountFromTheWholeFile) {
  std::string file = "---\na: 1\n---\n\nText [@k].\n";
  Parsed p(file, 13);
  ASSERT_EQ(p.body.citations.size(), 1u);
  EXPECT_EQ(p.body.citations[0].location, (Location{"f.md", 5, 7}));
}

int Depth(const Node& root) {
  int max = 0;
  std::vector<std::pair<const Node*, int>> todo{{&root, 1}};
  while (!todo.empty()) {
    auto [n, d] = todo.back();
    todo.pop_back();
    max = std::max(max, d);
    for (const Node& c : n->children) todo.push_back({&c, d + 1});
  }
  return max;
}

TEST(ParseMarkdownBody, DeepNestingIsCappedAndTextKept) {
  Parsed p(std::string(10000, '>') + " deep words\n");
  EXPECT_EQ(p.diags.items().size(), 1u);
  EXPECT_LE(Depth(p.body.document), kMaxMarkdownDepth + 2);
  std::string all;
  std::vector<const Node*> todo{&p.body.document};
  while (!todo.empty()) {
    const Node* n = todo.back();
    todo.pop_back();
    all += n->text;
    for (const Node& c : n->children) todo.push_back(&c);
  }
  EXPECT_EQ(all, "deep words");
  Parsed q(std::string(5000, '[') + "x" + std::string(5000, ']') + "(" + std::string(3000, '*'));
  EXPECT_LE(Depth(q.body.document), kMaxMarkdownDepth + 2);
}

TEST(Slugify, Anchors) {
  EXPECT_EQ(Slugify("What are leg cramps?"), "what-are-leg-cramps");
  EXPECT_EQ(Slugify("  DVT & you -- 2024 "), "dvt-you-2024");
  EXPECT_EQ(Slugify("Baker\u2019s cyst"), "baker\u2019s-cyst");
  EXPECT_EQ(Slugify("!!!"), "");
}

}  // namespace
}  // namespace evidoc::content
