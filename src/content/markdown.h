// An article file: splitting the YAML front matter from the Markdown body,
// and parsing the body once (md4c, CommonMark + tables) into the Node tree of
// model.h, with pandoc citations ([@key], [@a; @b], [-@key]) found in text
// runs and every node located in the ORIGINAL file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostic.h"
#include "content/model.h"
#include "content/source_text.h"

namespace evidoc::content {

struct FrontMatter {
  bool found = false;     // the file starts with a '---' line and the block is closed
  std::string_view yaml;  // the text between the '---' lines (points into the file)
  int yaml_first_line = 2;
  size_t body_offset = 0;  // byte offset of the body in the file
  int body_first_line = 1;
};

// Finds the front matter: the file starts with a line "---" (after an
// optional UTF-8 byte-order mark) and the block ends at the next line that is
// "---" or "...". On failure reports an error (missing or unclosed front
// matter) and returns found = false.
FrontMatter SplitFrontMatter(const std::string& path, std::string_view file, Diagnostics& diags);

// A citation key as written: where its '@' is, for "unknown citation key".
struct CitationUse {
  std::string key;
  Location location;
};

// A link or image target as written, in the pre-order of the kLink/kImage
// nodes in the tree (so the n-th kLink/kImage node met in a pre-order walk is
// links[n]); location is the target's position when md4c gives it, else the
// node's.
struct LinkUse {
  std::string target;
  Location location;
};

struct ParsedBody {
  Node document;                       // kDocument
  std::vector<CitationUse> citations;  // in document order
  std::vector<LinkUse> links;          // kLink and kImage targets, pre-order
};

// Parses `file.substr(body_offset)` as CommonMark with tables (raw HTML is
// kept as text, never passed through). Never fails on text; reports only
// nesting deeper than kMaxMarkdownDepth (the deeper content is kept, flattened).
// `index` must index `file`. Link hrefs are left as written (the loader
// resolves cross-links); heading anchors are made unique within the article.
ParsedBody ParseMarkdownBody(const std::string& path, std::string_view file, size_t body_offset,
                             const LineIndex& index, Diagnostics& diags);

// "What are leg cramps?" -> "what-are-leg-cramps" (ASCII letters and digits
// lower-cased, other runs become one '-'; non-ASCII letters kept).
std::string Slugify(std::string_view text);

}  // namespace evidoc::content
