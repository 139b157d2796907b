// The content model: what `load` produces from a content folder and what
// every later stage (weigh, render, search, tools, serve) reads.
//
// This header is a contract between subsystems: extend it, never rename.
// Everything here is plain data, validated by the loader (content/loader.h):
// once a Content exists without errors, every cross-reference in it resolves
// (citation keys, related slugs, treatment ids, glossary aliases, medicines'
// condition slugs). Values are immutable after loading; share a Content by
// `std::shared_ptr<const Content>`.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/diagnostic.h"

namespace evidoc::content {

// content/site.yaml
struct SiteSettings {
  std::string title = "evidoc";                    // site name, shown in every page header
  std::string base_url = "http://127.0.0.1:8080";  // absolute, no trailing slash; sitemap, JSON-LD
  std::string language = "en-GB";                  // BCP 47, <html lang>
  std::string publisher = "evidoc";                // shown as publisher and in JSON-LD
  double reading_grade_target = 8.0;               // check warns above this (FK and SMOG)
  int review_period_months = 36;                   // default next_review = last_reviewed + this
  std::string disclaimer;                          // shown on every page; a sane default if empty
  Location location;
};

// A clinical code attached to an article: system is "ICD-10-CM" or "SNOMED CT".
struct Code {
  std::string system;
  std::string code;
  std::string display;  // optional human label
};

struct Image {
  std::string src;  // path relative to the content folder, e.g. "images/leg-cramps.svg"
  std::string alt;  // required, non-empty
  int width = 0;    // pixels; read from the SVG/PNG if omitted, required in output
  int height = 0;
  std::string caption;  // optional
  Location location;
};

// How soon to get help. Ordered from most to least urgent.
enum class Urgency { kEmergency, kSameDay, kSeeDoctor, kSelfCare };

// A warning sign shown near the top of a condition page, never collapsed.
struct RedFlag {
  std::string sign;  // what the reader notices ("Your calf is swollen and painful")
  Urgency urgency = Urgency::kSeeDoctor;
  std::string advice;  // what to do ("See a doctor today")
  std::string reason;  // why ("This can be a blood clot (DVT)")
  Location location;
};

// --- Parsed article body -------------------------------------------------
// The loader parses each article's CommonMark (md4c) into this tree once;
// render walks it (never re-parsing Markdown). Citations and cross-links are
// resolved by the loader.
enum class NodeKind {
  kDocument,
  kHeading,
  kParagraph,
  kList,
  kListItem,
  kBlockQuote,
  kCodeBlock,
  kThematicBreak,
  kTable,
  kTableRow,
  kTableCell,
  kHtmlBlock,
  // inlines
  kText,
  kEmphasis,
  kStrong,
  kCode,
  kLink,
  kImage,
  kSoftBreak,
  kHardBreak,
  kCitation,  // [@a; @b] — keys in `citation_keys`, suppress_author for [-@a]
};

// A place in the article's own file (Article::path): 1-based line and
// column, 0 when unknown. Nodes carry no path: every node of an article is in
// the article's file, and a copy of the path in each of ~175 nodes per article
// was a fifth of a large site's memory.
struct LineColumn {
  int line = 0;
  int column = 0;

  bool operator==(const LineColumn&) const = default;
};

// The fields only links, images, citations and headings carry. They live out
// of line (Node::detail): an article has about 175 nodes, mostly text and
// paragraphs, and these fields inline made every node 312 bytes instead of 88,
// so that a 10,000-article site held a gigabyte of tree.
struct NodeDetail {
  std::string href;  // kLink: resolved target (another article's slug as "/slug/", or the URL);
                     // kImage: the image's path relative to the content folder
  std::string link_slug;  // kLink to another article: its slug; empty for external links
  std::string title;      // kLink/kImage title attribute
  std::string alt;        // kImage alt text
  int width = 0;          // kImage: pixels (read from the file by the loader)
  int height = 0;         // kImage: pixels
  std::vector<std::string> citation_keys;  // kCitation
  bool suppress_author = false;            // kCitation: [-@key]
  std::string anchor;  // kHeading: the id used for in-page links ("what-are-leg-cramps")

  bool operator==(const NodeDetail&) const = default;
};

struct Node {
  NodeKind kind = NodeKind::kText;
  int level = 0;             // kHeading: 1..6
  bool ordered = false;      // kList
  bool header_cell = false;  // kTableCell in the header row
  LineColumn location;       // where the node starts in the article's file
  std::string text;          // kText, kCode, kCodeBlock: the literal text
  std::vector<Node> children;

  Node() = default;
  Node(const Node& other)
      : kind(other.kind),
        level(other.level),
        ordered(other.ordered),
        header_cell(other.header_cell),
        location(other.location),
        text(other.text),
        children(other.children),
        detail_(other.detail_ ? std::make_unique<NodeDetail>(*other.detail_) : nullptr) {}
  Node& operator=(const Node& other) {
    if (this != &other) *this = Node(other);
    return *this;
  }
  Node(Node&&) noexcept = default;
  Node& operator=(Node&&) noexcept = default;
  ~Node() = default;

  // The link, image, citation and heading fields: a shared empty NodeDetail
  // for a node that has none.
  const NodeDetail& detail() const {
    static const NodeDetail kNone;
    return detail_ ? *detail_ : kNone;
  }
  // The same, made on first use, for the loader and tests that build nodes.
  NodeDetail& mutable_detail() {
    if (!detail_) detail_ = std::make_unique<NodeDetail>();
    return *detail_;
  }

 private:
  std::unique_ptr<NodeDetail> detail_;
};

struct Article {
  std::string path;  // relative to the content folder, e.g. "articles/leg-cramps.md"
  std::string slug;  // URL segment: /{slug}/
  std::string title;
  std::string summary;  // one or two plain sentences, used in lists, meta description, search
  std::vector<Code> codes;
  std::vector<std::string> synonyms;  // lay words people search for ("charley horse")
  Date last_reviewed;
  Date next_review;
  std::vector<std::string> reviewers;
  std::optional<Image> hero;
  std::vector<std::string> related;  // slugs of related articles (resolved)
  std::vector<RedFlag> red_flags;
  std::vector<std::string> treatments;        // ids of evidence files (resolved)
  std::vector<std::string> questions_to_ask;  // "Questions to ask your doctor"
  Node body;                                  // kDocument
  std::vector<std::string> cited_keys;        // in order of first citation; numbering for [n]
  Location location;                          // the file (line 1)
};

// One reference, from CSL-JSON (what Zotero and pandoc export).
struct Reference {
  std::string key;   // CSL "id"
  std::string type;  // CSL "type", e.g. "article-journal"
  std::string title;
  std::vector<std::string> authors;  // "Family GI" each, in order
  std::string container_title;       // journal
  int year = 0;
  std::string volume, issue, page;
  std::string doi;   // without "https://doi.org/"
  std::string pmid;  // digits only
  std::string url;
  Location location;
};

struct GlossaryTerm {
  std::string id;                    // slug of the term, anchor on the glossary page
  std::string term;                  // "placebo"
  std::vector<std::string> aliases;  // other forms that link to it ("placebos", "dummy pill")
  std::string definition;            // one plain sentence
  Location location;
};

struct MedicineMember {
  std::string generic;              // "furosemide"
  std::vector<std::string> brands;  // "Lasix"
  std::string rxnorm;               // RxCUI, empty when not verified
  std::string atc;                  // member's own ATC code if known
};

// A class of medicines that may cause a condition (or treat it).
struct MedicineClass {
  std::string id;    // "diuretics"
  std::string name;  // "Diuretics (water tablets)"
  std::string atc;   // "C03"
  std::vector<MedicineMember> members;
  struct Effect {
    std::string condition;               // article slug ("leg-cramps")
    std::string explanation;             // plain words: how it may cause it
    std::vector<std::string> citations;  // reference keys
  };
  std::vector<Effect> may_cause;
  Location location;
};

// Symptom checker: yes/no questions and declarative rules.
struct SymptomQuestion {
  std::string id;
  std::string text;       // "Is your calf swollen?"
  std::string hint;       // optional help text
  bool red_flag = false;  // a "yes" here must never end in self-care
  Location location;
};

struct SymptomRule {
  std::string id;
  std::vector<std::string> all_of;  // question ids that must all be answered yes
  Urgency urgency = Urgency::kSeeDoctor;
  std::string advice;  // what to do
  std::string reason;  // why, shown to the reader
  Location location;
};

struct SymptomChecker {
  std::string id;  // "leg-pain"
  std::string title;
  std::string condition;  // article slug it belongs to
  std::vector<SymptomQuestion> questions;
  std::vector<SymptomRule> rules;
  std::string default_advice;  // when no rule matches (self-care)
  Location location;
};

// Evidence files (content/evidence/): see knowledge/ and docs/evidence-format.md.
// The loader parses them into this raw form; weigh turns them into analyses.
struct StudyRow {
  std::map<std::string, std::string> cells;  // column name -> raw cell text
  int line = 0;                              // physical line in the CSV
};

struct PublishedPooledResult {
  std::string measure;  // "MD", "RR", "OR", "SMD", ...
  double estimate = 0, ci_lb = 0, ci_ub = 0;
  int k = 0;
  int participants = 0;
  std::string certainty;              // the review's own: high|moderate|low|very_low
  std::string citation;               // reference key
  std::optional<int> events;          // dichotomous: total events, when reported (information size)
  std::optional<double> i2;           // percent, when the review reports it
  std::string design = "randomised";  // randomised | observational
  Location location;
};

struct Judgement {
  int downgrade = 0;       // 0, 1 or 2 levels
  std::string reason;      // required when downgrade > 0 or when overriding
  bool overrides = false;  // true when it overrides a computed proposal
  Location location;
};

struct Outcome {
  std::string id;
  std::string name;       // lay name: "how many cramps people have"
  std::string kind;       // "benefit" | "harm"
  std::string type;       // "dichotomous" | "continuous"
  std::string better;     // "lower" | "higher"
  std::string unit;       // continuous: "cramps in 2 weeks"; dichotomous: "people"
  std::string timeframe;  // "2 weeks"
  double mid = 0;         // minimal important difference (natural units or risk difference)
  std::optional<double> comparator_risk;  // dichotomous: per 1 (0..1)
  std::optional<double> comparator_mean;  // continuous
  std::string comparator_source;          // citation key or text
  std::string comparator_unknown;  // why no comparator can be given (comparator: {unknown: …})
  std::string measure;             // RR|OR|RD|MD|SMD|ROM|GEN
  std::string method = "REML";     // pooling method
  std::string data_path;           // CSV relative to content folder, if study rows
  std::vector<StudyRow> studies;   // parsed CSV rows
  std::optional<PublishedPooledResult> published;  // when no study data exist
  bool main = false;                               // a main benefit/harm for the category
  std::map<std::string, Judgement>
      judgements;    // "risk_of_bias", "indirectness", "inconsistency", ...
  std::string note;  // honest caveat shown to readers
  Location location;
  // Added by weigh (issue #4), see docs/evidence-format.md:
  std::string test = "z";                                       // z | knha
  std::optional<double> size_small, size_moderate, size_large;  // thresholds; default MID x 1, 2, 3
  std::string less_word = "fewer";  // continuous: "about 2 fewer cramps"
  std::string more_word = "more";
  bool no_studies = false;  // an honest gap: no study measured it
};

struct Treatment {
  std::string id;           // "quinine-idiopathic"
  std::string name;         // "Quinine"
  std::string condition;    // article slug
  std::string population;   // "adults with night-time leg cramps"
  std::string comparison;   // "placebo"
  std::string description;  // what it is, plain words
  std::string how_taken;    // practical issues
  std::string side_effects_summary;
  std::string cost;
  std::vector<Outcome> outcomes;
  std::optional<std::string> category_override;  // one of the six codes
  std::string category_override_reason;
  std::vector<std::string> citations;
  std::string path;
  Location location;
};

// The whole validated content folder.
struct Content {
  std::string root;  // the folder it was loaded from
  SiteSettings site;
  std::vector<Article> articles;       // sorted by slug
  std::vector<Reference> references;   // bibliography, in file order
  std::vector<GlossaryTerm> glossary;  // sorted by term
  std::vector<MedicineClass> medicines;
  std::vector<SymptomChecker> symptom_checkers;
  std::vector<Treatment> treatments;
  std::map<std::string, std::string>
      image_files;  // content-relative path -> bytes (images to copy)

  const Article* FindArticle(const std::string& slug) const;
  const Reference* FindReference(const std::string& key) const;
  const Treatment* FindTreatment(const std::string& id) const;
};

}  // namespace evidoc::content
