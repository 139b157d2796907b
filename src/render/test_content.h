// A small Content built in code for rendering tests (site/ tests use it
// too): two articles that cross-link, three references, a glossary, one
// image. Header-only, tests only.
#pragma once

#include <memory>
#include <string>

#include "content/model.h"

namespace evidoc::render::testing {

inline content::Node Text(std::string t) {
  content::Node n;
  n.kind = content::NodeKind::kText;
  n.text = std::move(t);
  return n;
}

inline content::Node Block(content::NodeKind kind, std::vector<content::Node> children) {
  content::Node n;
  n.kind = kind;
  n.children = std::move(children);
  return n;
}

inline content::Node Heading(int level, std::string text, std::string anchor) {
  content::Node n = Block(content::NodeKind::kHeading, {Text(std::move(text))});
  n.level = level;
  n.mutable_detail().anchor = std::move(anchor);
  return n;
}

inline content::Node Cite(std::vector<std::string> keys) {
  content::Node n;
  n.kind = content::NodeKind::kCitation;
  n.mutable_detail().citation_keys = std::move(keys);
  return n;
}

inline content::Node Link(std::string href, std::string slug, std::string text) {
  content::Node n = Block(content::NodeKind::kLink, {Text(std::move(text))});
  n.mutable_detail().href = std::move(href);
  n.mutable_detail().link_slug = std::move(slug);
  return n;
}

inline content::Node Image(std::string src, std::string alt, std::string title = "") {
  content::Node n;
  n.kind = content::NodeKind::kImage;
  n.mutable_detail().href = std::move(src);
  n.mutable_detail().alt = std::move(alt);
  n.mutable_detail().title = std::move(title);
  return n;
}

inline std::shared_ptr<content::Content> SmallContent() {
  using content::NodeKind;
  auto c = std::make_shared<content::Content>();
  c->root = "content";
  c->site.title = "Leg health explained";
  c->site.base_url = "https://example.org";
  c->site.publisher = "evidoc editors";

  content::Reference naylor;
  naylor.key = "naylor1994";
  naylor.title = "A general population survey of rest cramps";
  naylor.authors = {"Naylor JR", "Young JB"};
  naylor.container_title = "Age Ageing";
  naylor.year = 1994;
  naylor.volume = "23";
  naylor.issue = "5";
  naylor.page = "418-20";
  naylor.doi = "10.1093/ageing/23.5.418";
  naylor.pmid = "7825490";
  content::Reference cochrane;
  cochrane.key = "elmasry2015";
  cochrane.title = "Quinine for muscle cramps";
  cochrane.authors = {"El-Tawil S",    "Al Musa T",  "Valli H", "Lunn MP",
                      "Brassington R", "El-Tawil T", "Weber M"};
  cochrane.container_title = "Cochrane Database Syst Rev";
  cochrane.year = 2015;
  cochrane.page = "CD005044";
  cochrane.pmid = "26041491";
  content::Reference never;
  never.key = "uncited";
  never.title = "Never cited";
  c->references = {naylor, cochrane, never};

  content::GlossaryTerm placebo;
  placebo.id = "placebo";
  placebo.term = "placebo";
  placebo.aliases = {"placebos", "dummy pill"};
  placebo.definition = "A dummy treatment with no active medicine in it.";
  content::GlossaryTerm dvt;
  dvt.id = "deep-vein-thrombosis";
  dvt.term = "deep vein thrombosis";
  dvt.aliases = {"DVT"};
  dvt.definition = "A blood clot in a deep vein, usually in the leg.";
  c->glossary = {dvt, placebo};

  content::Article cramps;
  cramps.path = "articles/leg-cramps.md";
  cramps.slug = "leg-cramps";
  cramps.title = "Leg cramps";
  cramps.summary = "A sudden, painful tightening of a leg muscle.";
  cramps.codes = {{"ICD-10-CM", "G47.62", "Sleep related leg cramps"},
                  {"SNOMED CT", "449918009", "Cramp in lower leg"}};
  cramps.synonyms = {"charley horse", "night cramps"};
  cramps.last_reviewed = {2024, 3, 15};
  cramps.next_review = {2027, 3, 15};
  content::Image hero;
  hero.src = "images/leg.svg";
  hero.alt = "A calf muscle tightening";
  hero.width = 640;
  hero.height = 360;
  cramps.hero = hero;
  cramps.related = {"dvt"};
  content::RedFlag see{"Cramps most nights",
                       content::Urgency::kSeeDoctor,
                       "Book a visit.",
                       "Your doctor can look for a cause.",
                       {}};
  content::RedFlag emergency{"Sudden breathlessness",
                             content::Urgency::kEmergency,
                             "Call 999 or 112 now.",
                             "A clot may have reached your lungs.",
                             {}};
  content::RedFlag same{"Your calf is swollen",
                        content::Urgency::kSameDay,
                        "See a doctor today.",
                        "This can be a DVT.",
                        {}};
  cramps.red_flags = {see, emergency, same};
  cramps.questions_to_ask = {"Could one of my medicines be causing my cramps?"};
  cramps.cited_keys = {"naylor1994", "elmasry2015"};
  cramps.body = Block(
      NodeKind::kDocument,
      {Heading(2, "What is a placebo?", "what-is-a-placebo"),
       Block(NodeKind::kParagraph,
             {Text("Most cramps are harmless"), Cite({"naylor1994"}),
              Text(". In trials, a Placebo works as well as many pills; placebos again"),
              Cite({"naylor1994", "elmasry2015"}), Text(".")}),
       Block(NodeKind::kParagraph, {Text("A cramp is not a "), Link("/dvt/", "dvt", "DVT"),
                                    Text(", though a DVT can hurt. Don't "),
                                    Link("javascript:alert(1)", "", "click here"), Text(".")}),
       Block(NodeKind::kParagraph,
             {Image("../images/leg.svg", "A \"stretched\" calf", "Stretching")}),
       Block(NodeKind::kList, {Block(NodeKind::kListItem, {Text("Stretch <gently>")}),
                               Block(NodeKind::kListItem, {Text("Drink water & rest")})})});
  c->articles.push_back(cramps);

  content::Article dvt_article;
  dvt_article.path = "articles/dvt.md";
  dvt_article.slug = "dvt";
  dvt_article.title = "Deep vein thrombosis";
  dvt_article.summary = "A blood clot in a deep vein.";
  dvt_article.last_reviewed = {2025, 1, 31};
  dvt_article.next_review = {2028, 1, 31};
  dvt_article.related = {"leg-cramps"};
  dvt_article.body =
      Block(NodeKind::kDocument,
            {Block(NodeKind::kParagraph, {Text("A deep vein thrombosis is a clot.")})});
  c->articles.insert(c->articles.begin(), dvt_article);  // sorted by slug, as the loader does

  c->image_files["images/leg.svg"] =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"360\"></svg>";
  return c;
}

}  // namespace evidoc::render::testing
