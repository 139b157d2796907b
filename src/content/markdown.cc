#include "content/markdown.h"

#include <md4c.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>

#include "content/limits.h"

namespace evidoc::content {

FrontMatter SplitFrontMatter(const std::string& path, std::string_view file, Diagnostics& diags) {
  FrontMatter fm;
  size_t start = 0;
  if (file.substr(0, 3) == "\xEF\xBB\xBF") start = 3;  // byte-order mark
  auto line_at = [&](size_t pos, size_t& next) {
    size_t end = file.find('\n', pos);
    next = end == std::string_view::npos ? file.size() : end + 1;
    std::string_view l =
        file.substr(pos, (end == std::string_view::npos ? file.size() : end) - pos);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    return l;
  };
  size_t next = 0;
  std::string_view first = line_at(start, next);
  // Trailing spaces after '---' are tolerated, as Hugo and Jekyll do.
  while (!first.empty() && first.back() == ' ') first.remove_suffix(1);
  if (first != "---") {
    diags.Error(Location{path, 1, 1},
                "missing front matter: an article must start with a line '---', then YAML fields, "
                "then '---'");
    return fm;
  }
  size_t yaml_start = next;
  int line = 2;
  for (size_t pos = next; pos < file.size(); ++line) {
    size_t after = 0;
    std::string_view l = line_at(pos, after);
    std::string_view trimmed = l;
    while (!trimmed.empty() && trimmed.back() == ' ') trimmed.remove_suffix(1);
    if (trimmed == "---" || trimmed == "...") {
      fm.found = true;
      fm.yaml = file.substr(yaml_start, pos - yaml_start);
      fm.body_offset = after;
      fm.body_first_line = line + 1;
      return fm;
    }
    pos = after;
  }
  diags.Error(Location{path, 1, 1},
              "front matter is not closed: add a line '---' after its fields");
  return fm;
}

std::string Slugify(std::string_view text) {
  std::string out;
  bool dash = false;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c >= 0x80) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += static_cast<char>(c < 0x80 ? std::tolower(c) : c);
    } else {
      dash = true;
    }
  }
  return out;
}

namespace {

// Decodes the HTML entities people actually type in prose; others stay as
// written (md4c passes any &name; through; it has no entity table of its own).
std::string DecodeEntity(std::string_view e) {
  static const std::map<std::string_view, std::string_view> kNamed = {
      {"&amp;", "&"},         {"&lt;", "<"},         {"&gt;", ">"},          {"&quot;", "\""},
      {"&apos;", "'"},        {"&nbsp;", "\u00A0"},  {"&ndash;", "\u2013"},  {"&mdash;", "\u2014"},
      {"&hellip;", "\u2026"}, {"&lsquo;", "\u2018"}, {"&rsquo;", "\u2019"},  {"&ldquo;", "\u201C"},
      {"&rdquo;", "\u201D"},  {"&deg;", "\u00B0"},   {"&plusmn;", "\u00B1"}, {"&times;", "\u00D7"},
      {"&micro;", "\u00B5"},  {"&copy;", "\u00A9"},  {"&reg;", "\u00AE"},    {"&le;", "\u2264"},
      {"&ge;", "\u2265"}};
  auto it = kNamed.find(e);
  if (it != kNamed.end()) return std::string(it->second);
  if (e.size() >= 4 && e[1] == '#') {
    bool hex = e[2] == 'x' || e[2] == 'X';
    std::string digits(e.substr(hex ? 3 : 2, e.size() - (hex ? 4 : 3)));
    char* end = nullptr;
    unsigned long cp = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
    if (digits.empty() || *end != '\0' || cp == 0 || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return "\uFFFD";
    }
    std::string out;
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
  }
  return std::string(e);
}

LineColumn LineColumnOf(const Location& at) { return {at.line, at.column}; }

bool IsKeyStart(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool IsKeyChar(char c) {
  // pandoc: alphanumerics, '_' and internal punctuation :.#$%&-+?<>~/
  return IsKeyStart(c) || std::string_view(":.#$%&-+?<>~/").find(c) != std::string_view::npos;
}

// Builds the tree from md4c's callbacks.
class Builder {
 public:
  Builder(const std::string& path, std::string_view file, const LineIndex& index,
          Diagnostics& diags, Location body_start)
      : path_(path), file_(file), index_(index), diags_(diags), last_location_(body_start) {
    result_.document.kind = NodeKind::kDocument;
    stack_.push_back(&result_.document);
  }

  ParsedBody Finish() {
    FlushText();
    FixLocations(result_.document);
    return std::move(result_);
  }

  static int EnterBlock(MD_BLOCKTYPE type, void* detail, void* self) {
    return static_cast<Builder*>(self)->OnEnterBlock(type, detail);
  }
  static int LeaveBlock(MD_BLOCKTYPE type, void*, void* self) {
    static_cast<Builder*>(self)->OnLeave(type == MD_BLOCK_THEAD || type == MD_BLOCK_TBODY ||
                                         type == MD_BLOCK_DOC);
    return 0;
  }
  static int EnterSpan(MD_SPANTYPE type, void* detail, void* self) {
    return static_cast<Builder*>(self)->OnEnterSpan(type, detail);
  }
  static int LeaveSpan(MD_SPANTYPE type, void*, void* self) {
    auto* b = static_cast<Builder*>(self);
    if (b->skip_spans_ > 0) {  // a span inside an image's alt text
      --b->skip_spans_;
      return 0;
    }
    if (type == MD_SPAN_IMG && b->Top()->kind == NodeKind::kImage && b->overflow_ == 0)
      --b->in_image_;
    bool skipped = !(type == MD_SPAN_EM || type == MD_SPAN_STRONG || type == MD_SPAN_A ||
                     type == MD_SPAN_IMG || type == MD_SPAN_CODE);
    b->OnLeave(skipped);
    return 0;
  }
  static int Text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* self) {
    static_cast<Builder*>(self)->OnText(type, text, size);
    return 0;
  }

 private:
  // Position of a pointer md4c gives us, if it points into the file.
  bool Offset(const char* p, size_t& offset) const {
    if (p < file_.data() || p > file_.data() + file_.size()) return false;
    offset = static_cast<size_t>(p - file_.data());
    return true;
  }
  Location LocationOf(const char* p) const {
    size_t off = 0;
    return Offset(p, off) ? index_.At(path_, off) : Location{};
  }

  Node* Top() { return stack_.back(); }

  // Pushes a new child of the current node, unless the tree is already
  // kMaxMarkdownDepth deep: then its content is kept in the current node.
  Node* Open(NodeKind kind) {
    FlushText();
    if (static_cast<int>(stack_.size()) > kMaxMarkdownDepth) {
      if (!depth_reported_) {
        diags_.Error(
            last_location_.line ? last_location_ : Location{path_, 1, 1},
            "Markdown nested more than " + std::to_string(kMaxMarkdownDepth) + " levels deep");
        depth_reported_ = true;
      }
      ++overflow_;
      return nullptr;
    }
    Top()->children.push_back(Node{});
    Node* n = &Top()->children.back();
    n->kind = kind;
    stack_.push_back(n);
    return n;
  }

  void OnLeave(bool skipped) {
    FlushText();
    if (skipped) return;
    if (overflow_ > 0) {
      --overflow_;
      return;
    }
    Node* n = Top();
    if (n->kind == NodeKind::kImage) {
      // The image's children are its alt text (CommonMark renders them plain).
      n->mutable_detail().alt = PlainText(*n);
      n->children.clear();
    } else if (n->kind == NodeKind::kHeading) {
      n->mutable_detail().anchor = UniqueAnchor(Slugify(PlainText(*n)));
    }
    // The tree is kept for the whole build: no spare capacity.
    if (n->children.capacity() > n->children.size()) n->children.shrink_to_fit();
    if (stack_.size() > 1) stack_.pop_back();
  }

  int OnEnterBlock(MD_BLOCKTYPE type, void* detail) {
    switch (type) {
      case MD_BLOCK_DOC:
      case MD_BLOCK_THEAD:
      case MD_BLOCK_TBODY:
        return 0;  // no node: rows hang directly under the table
      case MD_BLOCK_QUOTE:
        Open(NodeKind::kBlockQuote);
        return 0;
      case MD_BLOCK_UL:
        Open(NodeKind::kList);
        return 0;
      case MD_BLOCK_OL:
        if (Node* n = Open(NodeKind::kList)) n->ordered = true;
        return 0;
      case MD_BLOCK_LI:
        Open(NodeKind::kListItem);
        return 0;
      case MD_BLOCK_HR:
        Open(NodeKind::kThematicBreak);
        return 0;
      case MD_BLOCK_H:
        if (Node* n = Open(NodeKind::kHeading)) {
          n->level = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
        }
        return 0;
      case MD_BLOCK_CODE:
        Open(NodeKind::kCodeBlock);
        return 0;
      case MD_BLOCK_HTML:
        Open(NodeKind::kHtmlBlock);
        return 0;
      case MD_BLOCK_P:
        Open(NodeKind::kParagraph);
        return 0;
      case MD_BLOCK_TABLE:
        Open(NodeKind::kTable);
        return 0;
      case MD_BLOCK_TR:
        Open(NodeKind::kTableRow);
        return 0;
      case MD_BLOCK_TH:
        if (Node* n = Open(NodeKind::kTableCell)) n->header_cell = true;
        return 0;
      case MD_BLOCK_TD:
        Open(NodeKind::kTableCell);
        return 0;
    }
    return 0;
  }

  std::string Attribute(const MD_ATTRIBUTE& a) {
    std::string out;
    if (a.text == nullptr) return out;
    // substr_offsets has one more entry than there are substrings; the last is a.size.
    for (unsigned i = 0; a.substr_offsets[i] < a.size; ++i) {
      std::string_view piece(a.text + a.substr_offsets[i],
                             a.substr_offsets[i + 1] - a.substr_offsets[i]);
      if (a.substr_types[i] == MD_TEXT_ENTITY) {
        out += DecodeEntity(piece);
      } else if (a.substr_types[i] == MD_TEXT_NULLCHAR) {
        out += "\uFFFD";
      } else {
        out += piece;
      }
    }
    return out;
  }

  int OnEnterSpan(MD_SPANTYPE type, void* detail) {
    if (in_image_ > 0) {
      // An image's alt text is plain: spans (even nested images) inside it
      // only contribute their text, and never become nodes or links.
      ++skip_spans_;
      return 0;
    }
    switch (type) {
      case MD_SPAN_EM:
        Open(NodeKind::kEmphasis);
        return 0;
      case MD_SPAN_STRONG:
        Open(NodeKind::kStrong);
        return 0;
      case MD_SPAN_CODE:
        Open(NodeKind::kCode);
        return 0;
      case MD_SPAN_A: {
        auto* d = static_cast<MD_SPAN_A_DETAIL*>(detail);
        NoteLink(d->href);
        if (Node* n = Open(NodeKind::kLink)) {
          NodeDetail& link = n->mutable_detail();
          link.href = Attribute(d->href);
          link.title = Attribute(d->title);
          n->location = LineColumnOf(result_.links.back().location);
        }
        return 0;
      }
      case MD_SPAN_IMG: {
        auto* d = static_cast<MD_SPAN_IMG_DETAIL*>(detail);
        NoteLink(d->src);
        if (Node* n = Open(NodeKind::kImage)) {
          NodeDetail& image = n->mutable_detail();
          image.href = Attribute(d->src);
          image.title = Attribute(d->title);
          n->location = LineColumnOf(result_.links.back().location);
          ++in_image_;
        }
        return 0;
      }
      default:
        FlushText();  // strikethrough, maths, wiki links, underline: not enabled
        return 0;
    }
  }

  void NoteLink(const MD_ATTRIBUTE& a) {
    FlushText();
    Location at = LocationOf(a.text);
    if (at.line == 0) at = last_location_.line ? last_location_ : Location{path_, 1, 1};
    // Only record (and so only resolve) links that become nodes.
    if (static_cast<int>(stack_.size()) <= kMaxMarkdownDepth) {
      result_.links.push_back({Attribute(a), at});
    }
  }

  void OnText(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size) {
    std::string_view t(text, size);
    Location at = LocationOf(text);
    if (at.line) last_location_ = at;
    Node* top = Top();
    bool verbatim = top->kind == NodeKind::kCode || top->kind == NodeKind::kCodeBlock ||
                    top->kind == NodeKind::kHtmlBlock;
    if (verbatim && overflow_ == 0) {
      if (top->location.line == 0) top->location = LineColumnOf(at);
      top->text += t;
      return;
    }
    switch (type) {
      case MD_TEXT_NORMAL:
      case MD_TEXT_CODE:
      case MD_TEXT_HTML:
      case MD_TEXT_LATEXMATH:
        AppendText(t, text);
        return;
      case MD_TEXT_ENTITY:
        AppendText(DecodeEntity(t), text);
        return;
      case MD_TEXT_NULLCHAR:
        AppendText("\uFFFD", text);
        return;
      case MD_TEXT_BR:
      case MD_TEXT_SOFTBR: {
        FlushText();
        Node br;
        br.kind = type == MD_TEXT_BR ? NodeKind::kHardBreak : NodeKind::kSoftBreak;
        br.location = LineColumnOf(at);
        Top()->children.push_back(std::move(br));
        return;
      }
    }
  }

  // Consecutive text callbacks form one run: md4c splits text at every
  // character that might open a span ('[', '*', ...), and a citation like
  // "[@a; @b]" arrives in pieces.
  void AppendText(std::string_view piece, const char* source) {
    size_t off = 0;
    pending_segments_.push_back({pending_.size(), Offset(source, off) ? off : std::string::npos});
    pending_ += piece;
  }

  Location PendingLocation(size_t pos) const {
    // The segment containing `pos`, then the same distance into the source.
    // Binary search: a long paragraph has many segments and many citations.
    auto it = std::upper_bound(
        pending_segments_.begin(), pending_segments_.end(), pos,
        [](size_t p, const std::pair<size_t, size_t>& seg) { return p < seg.first; });
    size_t k = it == pending_segments_.begin()
                   ? 0
                   : static_cast<size_t>(it - pending_segments_.begin()) - 1;
    if (pending_segments_.empty() || pending_segments_[k].second == std::string::npos) {
      return last_location_.line ? last_location_ : Location{path_, 1, 1};
    }
    return index_.At(path_, pending_segments_[k].second + (pos - pending_segments_[k].first));
  }

  void EmitText(size_t from, size_t to) {
    if (from >= to) return;
    Node n;
    n.kind = NodeKind::kText;
    n.text = pending_.substr(from, to - from);
    n.location = LineColumnOf(PendingLocation(from));
    Top()->children.push_back(std::move(n));
  }

  // Parses a citation at pending_[open] == '['; returns the index after ']'
  // or npos if the bracket is not a citation.
  // REQUIRES: `close` is the first ']' after `open`, with no '[' between.
  size_t TryCitation(size_t open, size_t close, Node& out) {
    std::string_view inner(pending_.data() + open + 1, close - open - 1);
    std::vector<CitationUse> uses;
    bool suppress = false;
    // Items are separated by ';'; each has a key after '@' (with an optional
    // '-' before it) and optional prefix/locator text we keep out of the key.
    size_t item_start = 0;
    while (item_start <= inner.size()) {
      size_t item_end = inner.find(';', item_start);
      if (item_end == std::string_view::npos) item_end = inner.size();
      std::string_view item = inner.substr(item_start, item_end - item_start);
      size_t at = std::string_view::npos;
      for (size_t i = 0; i < item.size(); ++i) {
        bool boundary = i == 0 || item[i - 1] == ' ' || item[i - 1] == '-';
        if (item[i] == '@' && boundary && i + 1 < item.size() && IsKeyStart(item[i + 1])) {
          at = i;
          break;
        }
      }
      if (at == std::string_view::npos) return std::string::npos;  // "[see figure 2]"
      size_t k = at + 1;
      while (k < item.size() && IsKeyChar(item[k])) ++k;
      while (k > at + 1 && !IsKeyStart(item[k - 1])) --k;  // trailing punctuation is not the key
      if (uses.empty() && at > 0 && item[at - 1] == '-') suppress = true;
      size_t pos = open + 1 + item_start + at;
      uses.push_back({std::string(item.substr(at + 1, k - at - 1)), PendingLocation(pos)});
      item_start = item_end + 1;
    }
    out.kind = NodeKind::kCitation;
    NodeDetail& citation = out.mutable_detail();
    citation.suppress_author = suppress;
    out.location = LineColumnOf(PendingLocation(open));
    for (CitationUse& u : uses) {
      citation.citation_keys.push_back(u.key);
      result_.citations.push_back(std::move(u));
    }
    return close + 1;
  }

  void FlushText() {
    if (pending_.empty()) {
      pending_segments_.clear();
      return;
    }
    // Linear in the run's length whatever it holds (a paragraph of 4 MiB of
    // '[' must not take quadratic time): `close` only moves forward, and a
    // '[' whose next ']' comes after another '[' is not a citation.
    size_t emitted = 0;
    size_t close = pending_.find(']');
    for (size_t i = pending_.find('['); i != std::string::npos; i = pending_.find('[', i + 1)) {
      if (i < emitted) continue;
      if (close != std::string::npos && close < i) close = pending_.find(']', i);
      if (close == std::string::npos) break;
      size_t next_open = pending_.find('[', i + 1);
      if (next_open < close) continue;
      Node cite;
      size_t after = TryCitation(i, close, cite);
      if (after == std::string::npos) continue;
      EmitText(emitted, i);
      Top()->children.push_back(std::move(cite));
      emitted = after;
      i = after - 1;
    }
    EmitText(emitted, pending_.size());
    pending_.clear();
    pending_segments_.clear();
  }

  static std::string PlainText(const Node& n) {
    std::string out;
    // Iterative, so that no input depth can overflow the stack here.
    std::vector<const Node*> todo{&n};
    while (!todo.empty()) {
      const Node* x = todo.back();
      todo.pop_back();
      if (x->kind == NodeKind::kText || x->kind == NodeKind::kCode) out += x->text;
      if (x->kind == NodeKind::kSoftBreak) out += ' ';
      for (auto it = x->children.rbegin(); it != x->children.rend(); ++it) todo.push_back(&*it);
    }
    return out;
  }

  std::string UniqueAnchor(std::string base) {
    if (base.empty()) base = "section";
    int& n = anchors_[base];
    ++n;
    return n == 1 ? base : base + "-" + std::to_string(n);
  }

  // A block with no location of its own takes its first located child's.
  static void FixLocations(Node& root) {
    std::vector<std::pair<Node*, bool>> todo{{&root, false}};
    while (!todo.empty()) {
      auto [n, done] = todo.back();
      todo.pop_back();
      if (!done) {
        todo.push_back({n, true});
        for (Node& c : n->children) todo.push_back({&c, false});
      } else if (n->location.line == 0) {
        for (const Node& c : n->children) {
          if (c.location.line) {
            n->location = c.location;
            break;
          }
        }
      }
    }
  }

  const std::string& path_;
  std::string_view file_;
  const LineIndex& index_;
  Diagnostics& diags_;
  ParsedBody result_;
  std::vector<Node*> stack_;
  int overflow_ = 0;
  int in_image_ = 0;    // open kImage nodes (0 or 1)
  int skip_spans_ = 0;  // spans entered inside an image, not yet left
  bool depth_reported_ = false;
  Location last_location_;
  std::string pending_;
  std::vector<std::pair<size_t, size_t>> pending_segments_;  // (offset in pending_, file offset)
  std::map<std::string, int> anchors_;
};

}  // namespace

ParsedBody ParseMarkdownBody(const std::string& path, std::string_view file, size_t body_offset,
                             const LineIndex& index, Diagnostics& diags) {
  Builder builder(path, file, index, diags, index.At(path, std::min(body_offset, file.size())));
  MD_PARSER parser{};
  parser.abi_version = 0;
  // CommonMark plus tables. Raw HTML is disabled so it stays visible text:
  // patient pages never pass an author's HTML through.
  parser.flags = MD_FLAG_TABLES | MD_FLAG_NOHTML;
  parser.enter_block = &Builder::EnterBlock;
  parser.leave_block = &Builder::LeaveBlock;
  parser.enter_span = &Builder::EnterSpan;
  parser.leave_span = &Builder::LeaveSpan;
  parser.text = &Builder::Text;
  if (body_offset > file.size()) body_offset = file.size();
  std::string_view body = file.substr(body_offset);
  md_parse(body.data(), static_cast<MD_SIZE>(body.size()), &parser, &builder);
  ParsedBody result = builder.Finish();
  if (result.document.location.line == 0) {
    result.document.location = LineColumnOf(index.At(path, body_offset));
  }
  return result;
}

}  // namespace evidoc::content
