#include "search/search_index.h"

#include <stdlib.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <unordered_set>

#include "search/snippet.h"

namespace evidoc::search {
namespace {

// How much a kind of page is preferred: a lay query is usually about a
// condition, so its article comes before a treatment or a glossary entry
// that happens to use the same words.
// How many other articles point to an article (related lists and links in the
// text): the editors' own judgement of which page is the hub for a topic, as
// in-links are on the web. Each adds 10% (at most 10 count), which decides
// between pages that match a query almost equally ("swollen painful calf"
// matches a burst Baker's cyst and a DVT; the DVT page is the one the others
// send readers to).
double LinkPrior(int inlinks) { return 1.0 + 0.1 * std::min(inlinks, 10); }

// An article whose title or one of whose lay synonyms appears, as a phrase,
// in the query is what the reader named: "blood clot in the lung" is a
// synonym the editors gave the pulmonary-embolism page, so that page wins
// over pages that merely share the words.
constexpr double kNamedBoost = 2.0;

// How much of a page a hit shows (bytes of its text).
constexpr size_t kSnippetBytes = 240;

// Lower case; every run of characters other than ASCII letters and digits
// (and bytes of UTF-8 sequences, kept) becomes one space.
std::string PhraseKey(std::string_view s) {
  std::string out;
  bool space = false;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c >= 0x80) {
      if (space && !out.empty()) out.push_back(' ');
      space = false;
      out.push_back(static_cast<char>(std::tolower(c)));
    } else {
      space = true;
    }
  }
  return out;
}

void CollectLinks(const content::Node& n, std::set<std::string>& out) {
  if (n.kind == content::NodeKind::kLink && !n.detail().link_slug.empty()) {
    out.insert(n.detail().link_slug);
  }
  for (const auto& c : n.children) CollectLinks(c, out);
}

double KindBoost(DocKind k) {
  switch (k) {
    case DocKind::kArticle:
      return 1.6;
    case DocKind::kTreatment:
      return 1.0;
    case DocKind::kGlossary:
      return 0.6;
  }
  return 1.0;
}

// Common English words that carry no meaning in a lay query ("cramps FROM
// statins", "calf cramp AT night"); they are dropped from queries.
constexpr const char* kStopWords[] = {
    "a",   "about",  "an",   "and",  "are",  "as",   "at",    "be",    "by",
    "can", "do",     "does", "for",  "from", "get",  "has",   "have",  "how",
    "i",   "if",     "in",   "is",   "it",   "me",   "my",    "of",    "on",
    "or",  "should", "so",   "that", "the",  "this", "to",    "what",  "when",
    "why", "will",   "with", "you",  "your", "am",   "after", "while", "during"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  std::string key = PhraseKey(s);
  size_t start = 0;
  while (start < key.size()) {
    size_t sp = key.find(' ', start);
    out.push_back(key.substr(start, sp == std::string::npos ? sp : sp - start));
    if (sp == std::string::npos) break;
    start = sp + 1;
  }
  return out;
}

// The index's unstemmed terms: the words of the site's text as the
// TermGenerator indexed them (lower case). Prefixed terms (stems "Z…",
// identifiers "Q…") start with a capital letter and are left out.
using WordSet = std::unordered_set<std::string>;

// Whether `corrected` replaces a word of `query` that is not a term of the
// index. When the two do not align word for word, assume it does.
bool ChangesAnUnknownWord(const WordSet& known, std::string_view query,
                          std::string_view corrected) {
  std::vector<std::string> a = Words(query), b = Words(corrected);
  if (a.size() != b.size()) return true;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i] && known.count(a[i]) == 0) return true;
  }
  return false;
}

// Xapian's corrector offers for a word the most frequent word of the
// spelling table within two edits (insert, delete, replace a character,
// swap two adjacent ones). Two words within two edits share a string made
// by deleting at most two characters from each, so these strings, for the
// spelling words that do not make exactly one word for Words() ("baker's"
// is "baker s"), tell which query words the corrector might answer with
// such a word. Code points, not bytes, as Xapian counts.
// Calls `visit` with `word` and each string made by deleting one or two of
// its characters, until `visit` returns true; returns whether it did.
template <typename Visit>
bool AnyDeletion(const std::string& word, Visit visit) {
  std::vector<size_t> starts;  // where each character starts
  for (size_t i = 0; i < word.size(); ++i) {
    if ((static_cast<unsigned char>(word[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  starts.push_back(word.size());
  const size_t n = starts.size() - 1;
  if (visit(word)) return true;
  std::string one, two;
  for (size_t i = 0; i < n; ++i) {
    const size_t a = starts[i], b = starts[i + 1];  // the bytes of character i
    one.assign(word, 0, a).append(word, b);
    if (visit(one)) return true;
    for (size_t j = i + 1; j < n; ++j) {
      const size_t c = starts[j], d = starts[j + 1];
      two.assign(word, 0, a).append(word, b, c - b).append(word, d);
      if (visit(two)) return true;
    }
  }
  return false;
}

void AddDeletions(const std::string& word, WordSet& out) {
  AnyDeletion(word, [&](const std::string& d) {
    out.insert(d);
    return false;
  });
}

bool NearAnOddSpelling(const WordSet& odd_deletions, size_t longest_odd, const std::string& w) {
  if (odd_deletions.empty() || w.size() > longest_odd + 2) return false;
  return AnyDeletion(w, [&](const std::string& d) { return odd_deletions.count(d) != 0; });
}

// Whether the corrector could change what the user is shown for `query`:
// false only when the query found something (`total` > 0), has nothing but
// ASCII letters, digits and spaces (so Xapian's words are Words()'), every
// word is a term of the index, and none is within two edits of an odd
// spelling word. Then any correction replaces known words by single words
// and is not offered (see ChangesAnUnknownWord), so it need not be made.
// `plain` holds the index's words that are not near an odd spelling.
bool MayOfferCorrection(const WordSet& plain, std::string_view query, size_t total) {
  if (total == 0) return true;
  for (unsigned char c : query) {
    if (!std::isalnum(c) && c != ' ') return true;
  }
  for (const std::string& w : Words(query)) {
    if (plain.count(w) == 0) return true;
  }
  return false;
}

std::string BoundQuery(std::string_view q) {
  while (!q.empty() && std::isspace(static_cast<unsigned char>(q.front()))) q.remove_prefix(1);
  while (!q.empty() && std::isspace(static_cast<unsigned char>(q.back()))) q.remove_suffix(1);
  if (q.size() <= kMaxQueryBytes) return std::string(q);
  size_t n = kMaxQueryBytes;
  // Step back over UTF-8 continuation bytes so a character is never split.
  while (n > 0 && (static_cast<unsigned char>(q[n]) & 0xC0) == 0x80) --n;
  return std::string(q.substr(0, n));
}

void AppendText(const content::Node& n, std::string& out) {
  switch (n.kind) {
    case content::NodeKind::kText:
    case content::NodeKind::kCode:
    case content::NodeKind::kCodeBlock:
      // A citation ("… found this [@key].") is not text: the space before
      // it would stand before the full stop ("found this .").
      if (!n.text.empty() && !out.empty() && out.back() == ' ' &&
          std::strchr(".,;:!?)", n.text.front()) != nullptr && n.text.front() != '\0') {
        out.pop_back();
      }
      out += n.text;
      break;
    case content::NodeKind::kSoftBreak:
    case content::NodeKind::kHardBreak:
      out += ' ';
      break;
    case content::NodeKind::kImage:
      out += n.detail().alt;
      break;
    default:
      break;
  }
  for (const auto& c : n.children) AppendText(c, out);
  // A block ends its sentence: a heading or a list item without punctuation
  // of its own gets some, so that a snippet reads "weak muscles; Neuropathy
  // and cramps. Nerve damage is…" rather than "weak muscles Neuropathy and
  // cramps Nerve damage is…", and can start after a heading.
  auto end_block = [&](char mark) {
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (out.empty()) return;
    if (std::strchr(".!?:;,", out.back()) == nullptr) out += mark;
    out += ' ';
  };
  switch (n.kind) {
    case content::NodeKind::kHeading:
    case content::NodeKind::kParagraph:
    case content::NodeKind::kTableCell:
      end_block('.');
      break;
    case content::NodeKind::kListItem:
      end_block(';');
      break;
    case content::NodeKind::kCodeBlock:
      if (!out.empty() && out.back() != ' ') out += ' ';
      break;
    default:
      break;
  }
}

std::string DefaultUrl(DocKind kind, const std::string& id, const std::string& condition) {
  switch (kind) {
    case DocKind::kArticle:
      return "/" + id + "/";
    case DocKind::kTreatment:
      return "/" + condition + "/" + id + "/";
    case DocKind::kGlossary:
      return "/glossary/#" + id;
  }
  return "/";
}

struct SuggestEntry {
  std::string text;   // as shown
  std::string lower;  // for matching
  std::string title;
  std::string url;
  int rank = 0;  // lower is better: titles, then synonyms, then the rest
};

}  // namespace

std::string_view DocKindName(DocKind kind) {
  switch (kind) {
    case DocKind::kArticle:
      return "article";
    case DocKind::kTreatment:
      return "treatment";
    case DocKind::kGlossary:
      return "glossary";
  }
  return "article";
}

std::string PlainText(const content::Node& node) {
  std::string out;
  AppendText(node, out);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

struct SearchIndex::Impl {
  std::string dir;
  // What a hit shows, kept in memory by docid (docs[docid - 1]) so that
  // ranking and paging read no document from disk.
  struct Doc {
    DocKind kind = DocKind::kArticle;
    std::string id, url, title, summary;
    double prior = 1.0;
    size_t page = 0;  // in `snippets`
  };
  std::vector<Doc> docs;
  // A Xapian::Database, QueryParser, Enquire and Stem are not thread-safe
  // (their reference counts are not atomic), so each handle has its own,
  // set up once and reused by every query that takes the handle.
  struct Handle {
    std::mutex mutex;
    Xapian::Database db;
    Xapian::QueryParser parser;
    std::optional<Xapian::Enquire> enquire;
    Xapian::Stem stem;
  };
  std::vector<std::unique_ptr<Handle>> handles;
  // The pages' text, split into words once, for snippets.
  SnippetIndex snippets{
      [stem = Xapian::Stem("english")](const std::string& word) { return stem(word); }};
  WordSet known_words;
  // The known words not within two edits of an odd spelling word (see
  // AddDeletions), found once here rather than for every query.
  WordSet plain_known_words;
  bool reference = false;  // BuildOptions::reference
  mutable std::atomic<size_t> next{0};
  Xapian::SimpleStopper stopper;
  std::vector<SuggestEntry> suggestions;
  std::map<std::string, std::set<std::string>> named;  // PhraseKey(title|synonym) → slugs
  size_t documents = 0;

  // The articles named by a phrase of the query (see kNamedBoost).
  std::set<std::string> NamedIn(std::string_view query) const {
    std::set<std::string> out;
    std::string key = PhraseKey(query);
    std::vector<std::string> words;
    size_t start = 0;
    while (start < key.size() && words.size() < 16) {
      size_t sp = key.find(' ', start);
      words.push_back(key.substr(start, sp == std::string::npos ? sp : sp - start));
      if (sp == std::string::npos) break;
      start = sp + 1;
    }
    for (size_t i = 0; i < words.size(); ++i) {
      std::string phrase;
      for (size_t j = i; j < words.size() && j < i + 8; ++j) {
        if (j > i) phrase += ' ';
        phrase += words[j];
        auto it = named.find(phrase);
        if (it != named.end()) out.insert(it->second.begin(), it->second.end());
      }
    }
    return out;
  }

  ~Impl() {
    handles.clear();
    std::error_code ec;
    if (!dir.empty()) std::filesystem::remove_all(dir, ec);
  }

  Handle& Acquire() const { return *handles[next.fetch_add(1) % handles.size()]; }
};

SearchIndex::SearchIndex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SearchIndex::~SearchIndex() = default;

tl::expected<std::unique_ptr<SearchIndex>, std::string> SearchIndex::Build(
    const knowledge::Knowledge& knowledge, UrlResolver urls, BuildOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->reference = options.reference;
  for (const char* w : kStopWords) impl->stopper.add(w);
  // Xapian's in-memory backend has neither synonyms nor spelling, so the
  // index is a glass database in a private temporary directory.
  std::error_code ec;
  std::string tmp = std::filesystem::temp_directory_path(ec).string();
  if (ec) tmp = "/tmp";
  std::string pattern = tmp + "/evidoc-search.XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    return tl::unexpected("cannot create a temporary directory for the search index in " + tmp);
  }
  impl->dir = pattern;
  const content::Content* content = knowledge.content.get();
  if (content == nullptr) return tl::unexpected(std::string("no content to index"));
  auto url_for = [&](DocKind kind, const std::string& id, const std::string& condition) {
    if (urls) {
      std::string u = urls(kind, id);
      if (!u.empty()) return u;
    }
    return DefaultUrl(kind, id, condition);
  };
  auto add_suggest = [&](std::string text, const std::string& title, const std::string& url,
                         int rank) {
    if (text.empty()) return;
    SuggestEntry e{text, Lower(text), title, url, rank};
    impl->suggestions.push_back(std::move(e));
  };

  try {
    Xapian::WritableDatabase db(impl->dir, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    tg.set_stopper(&impl->stopper);
    tg.set_database(db);
    tg.set_flags(Xapian::TermGenerator::FLAG_SPELLING);

    auto add_doc = [&](DocKind kind, const std::string& id, const std::string& url,
                       const std::string& title, const std::string& summary,
                       const std::string& text, const auto& index, double prior = 1.0) {
      Xapian::Document doc;
      tg.set_document(doc);
      index();
      doc.add_boolean_term("Q" + std::string(DocKindName(kind)) + ":" + id);
      Xapian::docid docid = db.add_document(doc);
      if (impl->docs.size() < docid) impl->docs.resize(docid);
      Impl::Doc& d = impl->docs[docid - 1];
      d = Impl::Doc{kind, id, url, title, summary, prior, impl->snippets.AddPage(text)};
    };

    // Which medicines may cause each condition: "cramps from statins" is a
    // question about the leg-cramps page.
    std::map<std::string, std::string> medicine_words;
    for (const auto& mc : content->medicines) {
      for (const auto& eff : mc.may_cause) {
        std::string& w = medicine_words[eff.condition];
        w += mc.name + " " + mc.id + " " + eff.explanation + " ";
        for (const auto& m : mc.members) {
          w += m.generic + " ";
          for (const auto& b : m.brands) w += b + " ";
        }
      }
    }

    std::map<std::string, int> inlinks;
    for (const auto& a : content->articles) {
      std::set<std::string> targets(a.related.begin(), a.related.end());
      CollectLinks(a.body, targets);
      targets.erase(a.slug);
      for (const auto& t : targets) ++inlinks[t];
    }

    for (const auto& a : content->articles) {
      std::string url = url_for(DocKind::kArticle, a.slug, "");
      double prior = LinkPrior(inlinks[a.slug]);
      impl->named[PhraseKey(a.title)].insert(a.slug);
      for (const auto& syn : a.synonyms) impl->named[PhraseKey(syn)].insert(a.slug);
      std::string body = PlainText(a.body);
      add_doc(
          DocKind::kArticle, a.slug, url, a.title, a.summary, a.summary + " " + body,
          [&] {
            tg.index_text(a.title, 6);
            tg.increase_termpos();
            for (const auto& s : a.synonyms) {
              tg.index_text(s, 5);
              tg.increase_termpos();
            }
            tg.index_text(a.summary, 2);
            tg.increase_termpos();
            for (const auto& rf : a.red_flags) {
              tg.index_text(rf.sign, 2);
              tg.increase_termpos();
            }
            for (const auto& c : a.codes) {
              tg.index_text(c.display, 1);
              tg.increase_termpos();
            }
            auto mw = medicine_words.find(a.slug);
            if (mw != medicine_words.end()) {
              tg.index_text(mw->second, 2);
              tg.increase_termpos();
            }
            tg.index_text(body, 1);
          },
          prior);
      add_suggest(a.title, a.title, url, 0);
      for (const auto& s : a.synonyms) {
        // A lay synonym is also a Xapian synonym of the title's words, so a
        // query for it also matches pages that use the title's words.
        add_suggest(s, a.title, url, 1);
        std::string key = Lower(s);
        Xapian::TermIterator end;
        Xapian::Stem stem("english");
        std::string title_lower = Lower(a.title);
        size_t start = 0;
        while (start < title_lower.size()) {
          size_t sp = title_lower.find_first_of(" -'", start);
          std::string word = title_lower.substr(start, sp == std::string::npos ? sp : sp - start);
          if (!word.empty() && !impl->stopper(word)) db.add_synonym(key, "Z" + stem(word));
          if (sp == std::string::npos) break;
          start = sp + 1;
        }
      }
    }

    for (const auto& t : knowledge.treatments) {
      if (t.treatment == nullptr) continue;
      const auto& tr = *t.treatment;
      std::string url = url_for(DocKind::kTreatment, tr.id, tr.condition);
      std::string summary = t.verdict.empty() ? tr.description : t.verdict;
      add_doc(DocKind::kTreatment, tr.id, url, tr.name, summary,
              tr.description + " " + t.verdict + " " + tr.side_effects_summary, [&] {
                tg.index_text(tr.name, 4);
                tg.increase_termpos();
                tg.index_text(tr.description, 1);
                tg.increase_termpos();
                tg.index_text(t.verdict, 1);
                tg.increase_termpos();
                tg.index_text(tr.side_effects_summary, 1);
              });
      add_suggest(tr.name, tr.name, url, 2);
    }

    for (const auto& g : content->glossary) {
      std::string url = url_for(DocKind::kGlossary, g.id, "");
      add_doc(DocKind::kGlossary, g.id, url, g.term, g.definition, g.definition, [&] {
        tg.index_text(g.term, 4);
        tg.increase_termpos();
        for (const auto& al : g.aliases) {
          tg.index_text(al, 3);
          tg.increase_termpos();
        }
        tg.index_text(g.definition, 1);
      });
      add_suggest(g.term, g.term, url, 3);
      Xapian::Stem stem("english");
      std::string term_lower = Lower(g.term);
      for (const auto& al : g.aliases) {
        std::string key = Lower(al);
        if (key == term_lower) continue;
        // Both directions: a reader may use either word.
        if (key.find(' ') == std::string::npos && term_lower.find(' ') == std::string::npos) {
          db.add_synonym("Z" + stem(key), "Z" + stem(term_lower));
          db.add_synonym("Z" + stem(term_lower), "Z" + stem(key));
        }
        db.add_synonym(
            key, term_lower.find(' ') == std::string::npos ? "Z" + stem(term_lower) : term_lower);
      }
    }
    impl->documents = db.get_doccount();
    db.commit();
    db.close();

    Xapian::Database read(impl->dir);
    for (auto t = read.allterms_begin(); t != read.allterms_end(); ++t) {
      const std::string term = *t;
      if (!term.empty() && !(term[0] >= 'A' && term[0] <= 'Z')) impl->known_words.insert(term);
    }
    WordSet odd_spelling_deletions;
    size_t longest_odd_spelling = 0;  // in bytes
    for (auto t = read.spellings_begin(); t != read.spellings_end(); ++t) {
      const std::string word = *t;
      if (Words(word).size() == 1) continue;
      AddDeletions(word, odd_spelling_deletions);
      longest_odd_spelling = std::max(longest_odd_spelling, word.size());
    }
    for (const std::string& w : impl->known_words) {
      if (!NearAnOddSpelling(odd_spelling_deletions, longest_odd_spelling, w)) {
        impl->plain_known_words.insert(w);
      }
    }
    impl->snippets.Finish();
    // Two threads serve; four handles keep them from waiting on each other.
    for (int i = 0; i < 4; ++i) {
      auto h = std::make_unique<Impl::Handle>();
      h->stem = Xapian::Stem("english");
      h->db = Xapian::Database(impl->dir);
      h->parser.set_database(h->db);
      h->parser.set_stemmer(h->stem);
      h->parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
      h->parser.set_stopper(&impl->stopper);
      h->parser.set_default_op(Xapian::Query::OP_OR);
      h->enquire.emplace(h->db);
      impl->handles.push_back(std::move(h));
    }
  } catch (const Xapian::Error& e) {
    return tl::unexpected("search index: " + e.get_description());
  }
  std::stable_sort(impl->suggestions.begin(), impl->suggestions.end(),
                   [](const SuggestEntry& a, const SuggestEntry& b) {
                     return a.rank != b.rank ? a.rank < b.rank : a.lower < b.lower;
                   });
  return std::unique_ptr<SearchIndex>(new SearchIndex(std::move(impl)));
}

size_t SearchIndex::document_count() const { return impl_->documents; }

SearchResults SearchIndex::Search(std::string_view raw_query, size_t offset, size_t limit) const {
  std::string query = BoundQuery(raw_query);
  if (query.empty()) return SearchResults{};
  return Run(query, std::min<size_t>(offset, 1000), std::min(limit, kMaxResults));
}

SearchResults SearchIndex::Run(const std::string& query_text, size_t offset, size_t limit) const {
  SearchResults out;
  out.query = query_text;
  Impl::Handle& h = impl_->Acquire();
  std::lock_guard<std::mutex> lock(h.mutex);
  try {
    // Without FLAG_SPELLING_CORRECTION: the corrector looks up every word's
    // neighbours in the spelling table (a fifth of a search's time), and
    // its answer is used only in the cases below. The flag changes only
    // get_corrected_query_string(), never the query.
    const unsigned flags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_LOVEHATE |
                           Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS;
    auto run = [&](const std::string& text, const Xapian::Query& query) {
      const std::set<std::string> named = impl_->NamedIn(text);
      Xapian::Enquire& enquire = *h.enquire;
      enquire.set_query(query);
      // Re-rank a generous window by kind, then page through it.
      Xapian::MSet mset = enquire.get_mset(0, std::max<size_t>(offset + limit, 50));
      out.total = mset.get_matches_estimated();
      struct Ranked {
        const Impl::Doc* doc;
        double score;
      };
      std::vector<Ranked> ranked;
      ranked.reserve(mset.size());
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        Xapian::docid id = *it;
        if (id == 0 || id > impl_->docs.size()) continue;
        const Impl::Doc& d = impl_->docs[id - 1];
        double score = it.get_weight() * KindBoost(d.kind) * d.prior;
        if (d.kind == DocKind::kArticle && named.count(d.id)) score *= kNamedBoost;
        ranked.push_back({&d, score});
      }
      std::stable_sort(ranked.begin(), ranked.end(),
                       [](const Ranked& a, const Ranked& b) { return a.score > b.score; });
      // What the snippets mark: every term of the query, its synonyms' too.
      const SnippetQuery marks = impl_->snippets.Match(
          std::vector<std::string>(query.get_unique_terms_begin(), query.get_unique_terms_end()));
      for (size_t i = offset; i < ranked.size() && out.hits.size() < limit; ++i) {
        const Impl::Doc& d = *ranked[i].doc;
        SearchHit hit;
        hit.kind = d.kind;
        hit.id = d.id;
        hit.url = d.url;
        hit.title = d.title;
        hit.summary = d.summary;
        hit.score = ranked[i].score;
        hit.snippet_html = impl_->snippets.Make(d.page, marks, kSnippetBytes);
        out.hits.push_back(std::move(hit));
      }
    };
    Xapian::QueryParser& qp = h.parser;
    Xapian::Query query = qp.parse_query(out.query, flags);
    run(out.query, query);
    // "Did you mean" only for a word the index does not know: Xapian's
    // corrector also offers a more frequent neighbour of a word that is
    // there ("charley horse" → "charley worse", "calf cramp" → "calf
    // cramps"), which is noise when the query found what it asked for. So
    // the corrector runs only when the query found nothing or has a word
    // the index does not know.
    const WordSet& known = impl_->known_words;
    if (impl_->reference || MayOfferCorrection(impl_->plain_known_words, out.query, out.total)) {
      (void)qp.parse_query(out.query, flags | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
      std::string corrected = qp.get_corrected_query_string();
      if (!corrected.empty() && PhraseKey(corrected) != PhraseKey(out.query) &&
          (out.total == 0 || ChangesAnUnknownWord(known, out.query, corrected))) {
        out.corrected = corrected;
      }
    }
    if (out.hits.empty() && !out.corrected.empty()) {
      Xapian::Query q2 = qp.parse_query(out.corrected, flags);
      run(out.corrected, q2);
      out.used_corrected = !out.hits.empty();
    }
  } catch (const Xapian::Error&) {
    out.hits.clear();
    out.total = 0;
  }
  return out;
}

std::vector<Suggestion> SearchIndex::Suggest(std::string_view raw, size_t limit) const {
  std::vector<Suggestion> out;
  std::string q = Lower(BoundQuery(raw));
  if (q.empty()) return out;
  limit = std::min<size_t>(limit, 20);
  // Split into words: all but the last must occur, the last is a prefix of a word.
  std::vector<std::string> words;
  size_t start = 0;
  while (start < q.size()) {
    size_t sp = q.find(' ', start);
    std::string w = q.substr(start, sp == std::string::npos ? sp : sp - start);
    if (!w.empty()) words.push_back(w);
    if (sp == std::string::npos) break;
    start = sp + 1;
  }
  if (words.empty()) return out;
  std::set<std::string> seen;
  for (const auto& e : impl_->suggestions) {
    bool ok = true;
    for (size_t i = 0; i < words.size() && ok; ++i) {
      const std::string& w = words[i];
      size_t pos = 0;
      bool found = false;
      while ((pos = e.lower.find(w, pos)) != std::string::npos) {
        bool word_start = pos == 0 || !std::isalnum(static_cast<unsigned char>(e.lower[pos - 1]));
        if (word_start) {
          found = true;
          break;
        }
        ++pos;
      }
      ok = found;
    }
    if (!ok || !seen.insert(e.lower).second) continue;
    out.push_back(Suggestion{e.text, e.title, e.url});
    if (out.size() >= limit) break;
  }
  return out;
}

}  // namespace evidoc::search
