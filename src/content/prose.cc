#include "content/prose.h"

namespace evidoc::content {
namespace {

bool IsBlock(NodeKind k) {
  switch (k) {
    case NodeKind::kDocument:
    case NodeKind::kHeading:
    case NodeKind::kParagraph:
    case NodeKind::kList:
    case NodeKind::kListItem:
    case NodeKind::kBlockQuote:
    case NodeKind::kCodeBlock:
    case NodeKind::kThematicBreak:
    case NodeKind::kTable:
    case NodeKind::kTableRow:
    case NodeKind::kTableCell:
    case NodeKind::kHtmlBlock:
      return true;
    default:
      return false;
  }
}

// Not prose: skipped with everything inside them.
bool IsExcluded(NodeKind k) {
  return k == NodeKind::kHeading || k == NodeKind::kCodeBlock || k == NodeKind::kHtmlBlock ||
         k == NodeKind::kCode || k == NodeKind::kCitation || k == NodeKind::kImage;
}

}  // namespace

std::vector<std::string> ExtractProse(const Node& document) {
  std::vector<std::string> blocks;
  std::string current;
  auto end_block = [&] {
    if (current.find_first_not_of(" \n") != std::string::npos) blocks.push_back(current);
    current.clear();
  };
  // Pre-order walk with an explicit stack; a nullptr marks "a block ends here".
  std::vector<const Node*> todo{&document};
  while (!todo.empty()) {
    const Node* n = todo.back();
    todo.pop_back();
    if (n == nullptr) {
      end_block();
      continue;
    }
    if (IsExcluded(n->kind)) {
      if (IsBlock(n->kind)) end_block();
      continue;
    }
    if (n->kind == NodeKind::kText) current += n->text;
    if (n->kind == NodeKind::kSoftBreak || n->kind == NodeKind::kHardBreak) current += ' ';
    if (IsBlock(n->kind)) {
      end_block();  // text before a nested block (a tight list item's text, then its sub-list)
      todo.push_back(nullptr);
    }
    for (auto it = n->children.rbegin(); it != n->children.rend(); ++it) todo.push_back(&*it);
  }
  end_block();
  return blocks;
}

}  // namespace evidoc::content
