// The prose of an article body, as readability measures it: paragraph,
// list-item and table-cell text, without headings, citations, code, images
// or markup. (It lives in content/, not text/, because it walks the content
// Node tree and text/ is the lower layer.)
#pragma once

#include <string>
#include <vector>

#include "content/model.h"

namespace evidoc::content {

// One string per prose block (paragraph, tight list item, table cell), in
// document order; link text is kept, link targets are not. Iterative: safe
// for any tree depth.
std::vector<std::string> ExtractProse(const Node& document);

}  // namespace evidoc::content
