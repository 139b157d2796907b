#include "render/article_page.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "render/escape.h"
#include "render/json_writer.h"
#include "render/layout.h"
#include "render/references.h"
#include "render/urls.h"

namespace evidoc::render {
namespace {

using content::Node;
using content::NodeDetail;
using content::NodeKind;

// The loader already limits Markdown nesting (content/limits.h); this
// guards the recursion when a Content is built some other way (tests,
// fuzzers). Deeper nodes are rendered as their plain text.
constexpr int kMaxRenderDepth = 64;

// Ids the page chrome and the article's own sections use; body headings
// and glossary definitions never take these.
constexpr std::string_view kReservedIds[] = {"main",       "site-search", "warning-signs",
                                             "references", "related",     "questions",
                                             "treatments", "medicines"};

// The words of a subtree, without markup. Iterative (an explicit stack), so
// it is safe at any depth: it is what the renderer falls back to past
// kMaxRenderDepth.
std::string PlainText(const Node& root) {
  std::string s;
  std::vector<const Node*> stack = {&root};
  while (!stack.empty()) {
    const Node* n = stack.back();
    stack.pop_back();
    if (n->kind == NodeKind::kText || n->kind == NodeKind::kCode) {
      s += n->text;
    } else if (n->kind == NodeKind::kSoftBreak || n->kind == NodeKind::kHardBreak) {
      s += ' ';
    } else if (n->kind == NodeKind::kImage) {
      s += n->detail().alt;
    } else {
      for (auto it = n->children.rbegin(); it != n->children.rend(); ++it) stack.push_back(&*it);
    }
  }
  return s;
}

// "images/a.svg", "./images/a.svg", "../images/a.svg" and "/images/a.svg"
// all name the content folder's images/a.svg (articles live one folder
// down, in articles/).
std::string_view ContentImagePath(std::string_view src) {
  for (;;) {
    if (src.substr(0, 2) == "./") {
      src.remove_prefix(2);
    } else if (src.substr(0, 3) == "../") {
      src.remove_prefix(3);
    } else if (!src.empty() && src.front() == '/') {
      src.remove_prefix(1);
    } else {
      return src;
    }
  }
}

std::string DefinitionText(std::string_view definition) {
  // Inside parentheses mid-sentence a closing full stop reads oddly.
  while (!definition.empty() && (definition.back() == '.' || definition.back() == ' ')) {
    definition.remove_suffix(1);
  }
  std::string d(definition);
  // "A dummy treatment..." reads as "(a dummy treatment...)" mid-sentence;
  // an initialism ("DVT is...") keeps its capitals.
  if (d.size() >= 2 && d[0] >= 'A' && d[0] <= 'Z' &&
      (d[1] == ' ' || (d[1] >= 'a' && d[1] <= 'z'))) {
    d[0] = static_cast<char>(d[0] - 'A' + 'a');
  }
  return " (" + d + ")";
}

class BodyWriter {
 public:
  BodyWriter(const SiteIndex& index, const content::Article& article)
      : index_(index), article_(article), used_terms_(index.glossary().NewUsedSet()) {
    for (std::string_view id : kReservedIds) ids_.insert(std::string(id));
    for (size_t i = 0; i < article.cited_keys.size(); ++i) {
      ref_numbers_.emplace(article.cited_keys[i], static_cast<int>(i + 1));
      ids_.insert("ref-" + std::to_string(i + 1));
    }
    for (const Node& c : article.body.children) {
      if (c.kind == NodeKind::kHeading && c.level == 1) heading_shift_ = 1;
    }
  }

  Html Render() {
    Children(article_.body, {}, 0);
    return w_.Take();
  }

 private:
  struct Context {
    bool in_heading = false;
    bool in_link = false;
    bool in_code = false;
  };

  std::string UniqueId(std::string base) {
    if (ids_.insert(base).second) return base;
    for (int n = 2;; ++n) {
      std::string id = base + "-" + std::to_string(n);
      if (ids_.insert(id).second) return id;
    }
  }

  void Children(const Node& n, Context ctx, int depth) {
    for (const Node& c : n.children) Write(c, ctx, depth + 1);
  }

  void Wrapped(std::string_view tag, const Node& n, Context ctx, int depth) {
    w_.Open(tag);
    Children(n, ctx, depth);
    w_.Close(tag);
  }

  void Text(std::string_view text, Context ctx) {
    if (ctx.in_heading || ctx.in_link || ctx.in_code) {
      w_.Text(text);
      return;
    }
    const auto matches = index_.glossary().FindFirstUses(text, used_terms_);
    size_t at = 0;
    for (const GlossaryLinker::Match& m : matches) {
      w_.Text(text.substr(at, m.begin - at));
      const content::GlossaryTerm& term = index_.glossary().term(m.term_index);
      const std::string def_id = UniqueId("def-" + Slugify(term.id));
      w_.Open("a",
              {{"class", "term"}, {"href", GlossaryUrl(term.id)}, {"aria-describedby", def_id}})
          .Element("dfn", text.substr(m.begin, m.end - m.begin))
          .Close("a");
      w_.Element("span", {{"class", "term-def"}, {"id", def_id}}, DefinitionText(term.definition));
      at = m.end;
    }
    w_.Text(text.substr(at));
  }

  void Image(const Node& node) {
    const NodeDetail& n = node.detail();
    const std::string_view path = ContentImagePath(n.href);
    const std::string alt = n.alt.empty() ? PlainText(node) : n.alt;
    if (index_.FindImage(path) == nullptr) {
      // Only the content's own images are published: a remote image would
      // make the page request another site. Keep the words.
      w_.Text(alt);
      return;
    }
    // The loader reads each image's size into the node; fall back to the
    // site-wide table for trees built some other way.
    int width = n.width, height = n.height;
    if (width <= 0 || height <= 0) {
      if (const auto size = index_.ImageSize(path)) {
        width = size->width;
        height = size->height;
      }
    }
    const bool sized = width > 0 && height > 0;
    w_.Void("img", {{"src", ImageUrl(path)},
                    {"alt", alt},
                    {"width", std::to_string(width), sized},
                    {"height", std::to_string(height), sized},
                    {"title", n.title, !n.title.empty()},
                    {"loading", "lazy"},
                    {"decoding", "async"}});
  }

  void Citation(const Node& n) {
    std::vector<int> numbers;
    for (const std::string& key : n.detail().citation_keys) {
      const auto it = ref_numbers_.find(key);
      if (it != ref_numbers_.end()) numbers.push_back(it->second);
    }
    if (numbers.empty()) return;
    w_.Open("sup", {{"class", "cite"}}).Text("[");
    for (size_t i = 0; i < numbers.size(); ++i) {
      if (i > 0) w_.Text(", ");
      const std::string num = std::to_string(numbers[i]);
      w_.Element("a", {{"href", "#ref-" + num}, {"aria-label", "Reference " + num}}, num);
    }
    w_.Text("]").Close("sup");
  }

  void Link(const Node& n, Context ctx, int depth) {
    const NodeDetail& link = n.detail();
    std::string href;
    if (!link.link_slug.empty()) {
      href = ArticleUrl(link.link_slug);
      const size_t hash = link.href.find('#');
      if (hash != std::string::npos) href += link.href.substr(hash);
    } else if (IsSafeUrl(link.href)) {
      href = link.href;
    } else {
      // javascript:, data: and the like: keep the words, drop the link.
      Children(n, ctx, depth);
      return;
    }
    ctx.in_link = true;
    w_.Open("a", {{"href", href}, {"title", link.title, !link.title.empty()}});
    Children(n, ctx, depth);
    w_.Close("a");
  }

  void Table(const Node& n, Context ctx, int depth) {
    w_.Open("div", {{"class", "table-wrap"}}).Open("table");
    bool in_head = false, in_body = false;
    for (const Node& row : n.children) {
      const bool header =
          !row.children.empty() && std::all_of(row.children.begin(), row.children.end(),
                                               [](const Node& c) { return c.header_cell; });
      if (header && !in_body && !in_head) {
        w_.Open("thead");
        in_head = true;
      } else if (!header && !in_body) {
        if (in_head) w_.Close("thead");
        w_.Open("tbody");
        in_body = true;
      }
      w_.Open("tr");
      for (const Node& cell : row.children) {
        if (cell.header_cell) {
          w_.Open("th", {{"scope", "col"}});
          Children(cell, ctx, depth + 1);
          w_.Close("th");
        } else {
          Wrapped("td", cell, ctx, depth + 1);
        }
      }
      w_.Close("tr");
    }
    if (in_body) {
      w_.Close("tbody");
    } else if (in_head) {
      w_.Close("thead");
    }
    w_.Close("table").Close("div").Newline();
  }

  void Write(const Node& n, Context ctx, int depth) {
    if (depth > kMaxRenderDepth) {
      w_.Text(PlainText(n));
      return;
    }
    switch (n.kind) {
      case NodeKind::kDocument:
        Children(n, ctx, depth);
        break;
      case NodeKind::kHeading: {
        const int level = std::clamp(n.level + heading_shift_, 2, 6);
        const std::string tag = "h" + std::to_string(level);
        const std::string& anchor = n.detail().anchor;
        const std::string id = UniqueId(anchor.empty() ? Slugify(PlainText(n)) : anchor);
        ctx.in_heading = true;
        w_.Open(tag, {{"id", id}});
        Children(n, ctx, depth);
        w_.Close(tag).Newline();
        break;
      }
      case NodeKind::kParagraph:
        if (n.children.size() == 1 && n.children[0].kind == NodeKind::kImage &&
            !n.children[0].detail().title.empty()) {
          // A paragraph that is only a titled image is a figure with a caption.
          w_.Open("figure");
          Image(n.children[0]);
          w_.Element("figcaption", n.children[0].detail().title).Close("figure").Newline();
          break;
        }
        Wrapped("p", n, ctx, depth);
        w_.Newline();
        break;
      case NodeKind::kList:
        Wrapped(n.ordered ? "ol" : "ul", n, ctx, depth);
        w_.Newline();
        break;
      case NodeKind::kListItem:
        Wrapped("li", n, ctx, depth);
        break;
      case NodeKind::kBlockQuote:
        Wrapped("blockquote", n, ctx, depth);
        w_.Newline();
        break;
      case NodeKind::kCodeBlock:
        w_.Open("pre").Element("code", n.text).Close("pre").Newline();
        break;
      case NodeKind::kThematicBreak:
        w_.Void("hr").Newline();
        break;
      case NodeKind::kTable:
        Table(n, ctx, depth);
        break;
      case NodeKind::kTableRow:
      case NodeKind::kTableCell:
        Children(n, ctx, depth);  // only reached for malformed trees
        break;
      case NodeKind::kHtmlBlock:
        // Raw HTML from Markdown is never published: it could carry script
        // or styles that break the page's guarantees (evidoc check warns).
        break;
      case NodeKind::kText:
        Text(n.text, ctx);
        break;
      case NodeKind::kEmphasis:
        Wrapped("em", n, ctx, depth);
        break;
      case NodeKind::kStrong:
        Wrapped("strong", n, ctx, depth);
        break;
      case NodeKind::kCode:
        w_.Element("code", n.text);
        break;
      case NodeKind::kLink:
        Link(n, ctx, depth);
        break;
      case NodeKind::kImage:
        Image(n);
        break;
      case NodeKind::kSoftBreak:
        w_.Text("\n");
        break;
      case NodeKind::kHardBreak:
        w_.Void("br");
        break;
      case NodeKind::kCitation:
        Citation(n);
        break;
    }
  }

  const SiteIndex& index_;
  const content::Article& article_;
  HtmlWriter w_;
  std::vector<bool> used_terms_;
  std::unordered_set<std::string> ids_;
  std::unordered_map<std::string, int> ref_numbers_;
  int heading_shift_ = 0;
};

std::string UrgencyClass(content::Urgency u) {
  std::string s = "red-flag urgency-";
  for (const char c : UrgencyCode(u)) s.push_back(c == '_' ? '-' : c);
  return s;
}

void WriteWarningSigns(HtmlWriter& w, const content::Article& a) {
  if (a.red_flags.empty()) return;
  std::vector<const content::RedFlag*> flags;
  for (const content::RedFlag& f : a.red_flags) flags.push_back(&f);
  // Strongest urgency first; the editor's order within one urgency.
  std::stable_sort(flags.begin(), flags.end(),
                   [](const auto* x, const auto* y) { return x->urgency < y->urgency; });
  w.Open("section", {{"class", "warning-signs"}, {"aria-labelledby", "warning-signs"}});
  w.Element("h2", {{"id", "warning-signs"}}, "Warning signs");
  w.Element("p", "Get help if you have any of these:");
  w.Open("ul");
  for (const content::RedFlag* f : flags) {
    w.Open("li", {{"class", UrgencyClass(f->urgency)}});
    w.Open("p").Element("span", {{"class", "urgency"}}, UrgencyLabel(f->urgency)).Text(" ");
    w.Element("strong", f->sign).Close("p");
    if (!f->advice.empty()) w.Element("p", f->advice);
    if (!f->reason.empty()) w.Element("p", {{"class", "reason"}}, f->reason);
    w.Close("li");
  }
  w.Close("ul").Close("section").Newline();
}

void WriteHero(HtmlWriter& w, const SiteIndex& index, const content::Image& hero) {
  const std::string_view path = ContentImagePath(hero.src);
  int width = hero.width, height = hero.height;
  if (width <= 0 || height <= 0) {
    if (auto size = index.ImageSize(path)) {
      width = size->width;
      height = size->height;
    }
  }
  const bool sized = width > 0 && height > 0;
  w.Open("figure", {{"class", "hero"}});
  w.Void("img", {{"src", ImageUrl(path)},
                 {"alt", hero.alt},
                 {"width", std::to_string(width), sized},
                 {"height", std::to_string(height), sized}});
  if (!hero.caption.empty()) w.Element("figcaption", hero.caption);
  w.Close("figure").Newline();
}

void WriteRelated(HtmlWriter& w, const SiteIndex& index, const content::Article& a) {
  std::vector<const content::Article*> related;
  for (const std::string& slug : a.related) {
    if (const content::Article* r = index.FindArticle(slug)) related.push_back(r);
  }
  if (related.empty()) return;
  w.Open("section", {{"aria-labelledby", "related"}});
  w.Element("h2", {{"id", "related"}}, "Related conditions");
  w.Open("ul", {{"class", "card-list"}});
  for (const content::Article* r : related) {
    w.Open("li").Element("a", {{"href", ArticleUrl(r->slug)}}, r->title);
    if (!r->summary.empty()) w.Element("p", r->summary);
    w.Close("li");
  }
  w.Close("ul").Close("section").Newline();
}

void WriteCodesJson(JsonWriter& j, const content::Article& a) {
  j.BeginArray();
  for (const content::Code& c : a.codes) {
    j.BeginObject().Key("system").String(c.system).Key("code").String(c.code);
    j.Key("display").String(c.display).EndObject();
  }
  j.EndArray();
}

// schema.org's codingSystem names the system as HL7 and others spell it.
std::string_view SchemaCodingSystem(std::string_view system) {
  if (system == "SNOMED CT") return "SNOMED-CT";
  return system;
}

}  // namespace

std::string_view UrgencyLabel(content::Urgency u) {
  switch (u) {
    case content::Urgency::kEmergency:
      return "Emergency";
    case content::Urgency::kSameDay:
      return "Get help today";
    case content::Urgency::kSeeDoctor:
      return "See a doctor";
    case content::Urgency::kSelfCare:
      return "Self-care";
  }
  return "See a doctor";
}

std::string_view UrgencyCode(content::Urgency u) {
  switch (u) {
    case content::Urgency::kEmergency:
      return "emergency";
    case content::Urgency::kSameDay:
      return "same_day";
    case content::Urgency::kSeeDoctor:
      return "see_doctor";
    case content::Urgency::kSelfCare:
      return "self_care";
  }
  return "see_doctor";
}

Html RenderArticleBody(const SiteIndex& index, const content::Article& article) {
  return BodyWriter(index, article).Render();
}

std::string ArticleJsonLd(const SiteIndex& index, const content::Article& a) {
  const content::SiteSettings& site = index.site();
  JsonWriter j;
  j.BeginObject();
  j.Key("@context").String("https://schema.org");
  j.Key("@type").String("MedicalWebPage");
  j.Key("name").String(a.title);
  j.Key("description").String(a.summary);
  j.Key("url").String(AbsoluteUrl(site.base_url, ArticleUrl(a.slug)));
  j.Key("inLanguage").String(site.language);
  j.Key("genre").BeginArray().String("Condition").EndArray();
  // NHS website content API shape: [last reviewed, next review due].
  j.Key("lastReviewed").BeginArray().String(a.last_reviewed.ToIso());
  j.String(a.next_review.ToIso()).EndArray();
  j.Key("author").BeginObject().Key("@type").String("Organization");
  j.Key("name").String(site.publisher).EndObject();
  j.Key("publisher").BeginObject().Key("@type").String("Organization");
  j.Key("name").String(site.publisher).EndObject();
  if (!a.synonyms.empty()) {
    std::string keywords;
    for (const std::string& s : a.synonyms) keywords += (keywords.empty() ? "" : ", ") + s;
    j.Key("keywords").String(keywords);
  }
  j.Key("about").BeginObject();
  j.Key("@type").String("MedicalCondition");
  j.Key("name").String(a.title);
  if (!a.synonyms.empty()) j.Key("alternateName").StringArray(a.synonyms);
  j.Key("code").BeginArray();
  for (const content::Code& c : a.codes) {
    j.BeginObject().Key("@type").String("MedicalCode");
    j.Key("codeValue").String(c.code).Key("codingSystem").String(SchemaCodingSystem(c.system));
    if (!c.display.empty()) j.Key("name").String(c.display);
    j.EndObject();
  }
  j.EndArray();
  j.EndObject();
  if (!a.related.empty()) {
    j.Key("relatedLink").BeginArray();
    for (const std::string& slug : a.related) {
      j.String(AbsoluteUrl(site.base_url, ArticleUrl(slug)));
    }
    j.EndArray();
  }
  if (a.hero) {
    j.Key("primaryImageOfPage").BeginObject().Key("@type").String("ImageObject");
    j.Key("url").String(AbsoluteUrl(site.base_url, ImageUrl(ContentImagePath(a.hero->src))));
    j.EndObject();
  }
  j.EndObject();
  return j.Take();
}

namespace {

// "Was this page helpful?": a plain HTML form that `evidoc serve` answers at
// POST /feedback (stored without personal data). No JavaScript needed.
void WriteFeedbackForm(HtmlWriter& w, const std::string& page_url) {
  w.Open("section", {{"class", "feedback"}, {"aria-labelledby", "feedback-h"}});
  w.Element("h2", {{"id", "feedback-h"}}, "Help us improve this page");
  w.Open("form", {{"method", "post"}, {"action", "/feedback"}, {"class", "tool-form"}});
  w.Void("input", {{"type", "hidden"}, {"name", "page"}, {"value", page_url}});
  w.Open("fieldset").Element("legend", "Was this page helpful?");
  for (const char* answer : {"yes", "no"}) {
    const std::string id = std::string("feedback-") + answer;
    w.Open("div", {{"class", "choice"}});
    w.Void("input", {{"type", "radio"}, {"id", id}, {"name", "helpful"}, {"value", answer}});
    w.Element("label", {{"for", id}}, answer[0] == 'y' ? "Yes" : "No");
    w.Close("div");
  }
  w.Close("fieldset");
  w.Element("label", {{"for", "feedback-comment"}},
            "How could we make it better? (optional; please do not write your name or any "
            "personal details)");
  w.Open("textarea",
         {{"id", "feedback-comment"}, {"name", "comment"}, {"maxlength", "1000"}, {"rows", "3"}})
      .Close("textarea");
  w.Element("button", {{"type", "submit"}, {"class", "button"}}, "Send feedback");
  w.Close("form").Close("section").Newline();
}

}  // namespace

std::string RenderArticlePage(const SiteIndex& index, const content::Article& a, const Html& body,
                              const ArticleExtras& extras) {
  HtmlWriter w;
  w.Open("article", {{"class", "condition"}}).Newline();
  w.Element("h1", a.title).Newline();
  if (!a.summary.empty()) w.Element("p", {{"class", "lede"}}, a.summary).Newline();
  if (!a.synonyms.empty()) {
    std::string also;
    for (const std::string& s : a.synonyms) also += (also.empty() ? "" : ", ") + s;
    w.Element("p", {{"class", "synonyms"}}, "Also called: " + also).Newline();
  }
  WriteWarningSigns(w, a);
  w.Append(extras.after_warning_signs);
  if (a.hero) WriteHero(w, index, *a.hero);
  w.Append(body);
  w.Append(extras.before_questions);
  if (!a.questions_to_ask.empty()) {
    w.Open("section", {{"aria-labelledby", "questions"}});
    w.Element("h2", {{"id", "questions"}}, "Questions to ask your doctor").Open("ul");
    for (const std::string& q : a.questions_to_ask) w.Element("li", q);
    w.Close("ul").Close("section").Newline();
  }
  WriteRelated(w, index, a);
  WriteReferenceList(w, index, a.cited_keys);
  w.Open("div", {{"class", "review-dates"}}).Open("p");
  w.Text("Page last reviewed: " + a.last_reviewed.ToLong()).Void("br");
  w.Text("Next review due: " + a.next_review.ToLong()).Close("p").Close("div").Newline();
  WriteFeedbackForm(w, ArticleUrl(a.slug));
  w.Close("article").Newline();

  Page page;
  page.site = &index.site();
  page.url_path = ArticleUrl(a.slug);
  page.title = a.title;
  page.description = a.summary;
  page.breadcrumbs = {{"Home", "/"}, {"Conditions A to Z", "/a-z/"}};
  page.main = w.Take();
  page.json_ld = ArticleJsonLd(index, a);
  page.stylesheets = extras.stylesheets;
  page.scripts = extras.scripts;
  return RenderPage(page);
}

std::string ArticleJson(const SiteIndex& index, const content::Article& a, const Html& body) {
  const content::SiteSettings& site = index.site();
  JsonWriter j(2);
  j.BeginObject();
  j.Key("slug").String(a.slug);
  j.Key("title").String(a.title);
  j.Key("summary").String(a.summary);
  j.Key("url").String(AbsoluteUrl(site.base_url, ArticleUrl(a.slug)));
  j.Key("last_reviewed").String(a.last_reviewed.ToIso());
  j.Key("next_review").String(a.next_review.ToIso());
  j.Key("codes");
  WriteCodesJson(j, a);
  j.Key("synonyms").StringArray(a.synonyms);
  j.Key("reviewers").StringArray(a.reviewers);
  if (a.hero) {
    j.Key("hero").BeginObject();
    j.Key("url").String(AbsoluteUrl(site.base_url, ImageUrl(ContentImagePath(a.hero->src))));
    j.Key("alt").String(a.hero->alt);
    j.Key("width").Int(a.hero->width).Key("height").Int(a.hero->height);
    j.EndObject();
  } else {
    j.Key("hero").Null();
  }
  j.Key("red_flags").BeginArray();
  std::vector<const content::RedFlag*> flags;
  for (const content::RedFlag& f : a.red_flags) flags.push_back(&f);
  std::stable_sort(flags.begin(), flags.end(),
                   [](const auto* x, const auto* y) { return x->urgency < y->urgency; });
  for (const content::RedFlag* f : flags) {
    j.BeginObject().Key("sign").String(f->sign).Key("urgency").String(UrgencyCode(f->urgency));
    j.Key("advice").String(f->advice).Key("reason").String(f->reason).EndObject();
  }
  j.EndArray();
  j.Key("related").BeginArray();
  for (const std::string& slug : a.related) {
    const content::Article* r = index.FindArticle(slug);
    j.BeginObject().Key("slug").String(slug);
    j.Key("title").String(r != nullptr ? r->title : slug);
    j.Key("url").String(AbsoluteUrl(site.base_url, ArticleUrl(slug))).EndObject();
  }
  j.EndArray();
  j.Key("questions_to_ask").StringArray(a.questions_to_ask);
  j.Key("treatments").StringArray(a.treatments);
  j.Key("references").BeginArray();
  int number = 0;
  for (const std::string& key : a.cited_keys) {
    ++number;
    if (const content::Reference* ref = index.FindReference(key)) {
      WriteReferenceJson(j, *ref, number);
    }
  }
  j.EndArray();
  j.Key("html").String(body.str());
  j.EndObject();
  return j.Take();
}

}  // namespace evidoc::render
