// Full-text search over the site: articles (title, summary, lay synonyms,
// warning signs, the medicines that may cause the condition, body text), the
// glossary and the treatments, on Xapian with English stemming, synonyms
// (the articles' lay synonyms and the glossary's aliases) and spelling
// correction ("did you mean").
//
// An index is built once per snapshot from a Knowledge and then only read.
// Thread-safe: Search and Suggest may be called concurrently (each call takes
// one of a small pool of Xapian handles, since a Xapian::Database is not
// thread-safe). Never throws: a Xapian error becomes an empty result, and
// Build reports its failure as a message.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "knowledge/knowledge.h"

namespace evidoc::search {

enum class DocKind { kArticle, kTreatment, kGlossary };
std::string_view DocKindName(DocKind kind);  // "article", "treatment", "glossary"

struct SearchHit {
  DocKind kind = DocKind::kArticle;
  std::string id;   // article slug, treatment id or glossary term id
  std::string url;  // site path, e.g. "/leg-cramps/"
  std::string title;
  std::string summary;       // plain text
  std::string snippet_html;  // HTML-escaped excerpt with the matched words in <mark>…</mark>
  double score = 0;          // relative, higher is better
};

struct SearchResults {
  std::string query;            // as searched (trimmed, bounded)
  std::string corrected;        // "did you mean": a spelling-corrected query, or ""
  bool used_corrected = false;  // the hits are for `corrected` (the query found nothing)
  size_t total = 0;             // estimated number of matching documents
  std::vector<SearchHit> hits;
};

struct Suggestion {
  std::string text;   // what to show and search ("charley horse")
  std::string title;  // the page it leads to ("Leg cramps")
  std::string url;
};

// A query longer than this is cut (at a UTF-8 boundary): a real query is a
// few words, and Xapian's work grows with the number of terms.
inline constexpr size_t kMaxQueryBytes = 256;
inline constexpr size_t kMaxResults = 50;

// Where a document lives on the site. The default puts articles at
// "/{slug}/", treatments at "/{condition}/{id}/" and glossary terms at
// "/glossary/#{id}".
using UrlResolver = std::function<std::string(DocKind, const std::string& id)>;

struct BuildOptions {
  // Run Xapian's spelling corrector on every query, as before the shortcut
  // of search_index.cc that runs it only when it may change the answer.
  // Slower, and the same answers: for tests that check the shortcut.
  bool reference = false;
};

class SearchIndex {
 public:
  // Builds the index in a private temporary directory (removed by the
  // destructor). Fails only if Xapian or the file system does.
  static tl::expected<std::unique_ptr<SearchIndex>, std::string> Build(
      const knowledge::Knowledge& knowledge, UrlResolver urls = nullptr, BuildOptions options = {});
  ~SearchIndex();

  // Searches; at most `limit` (≤ kMaxResults) hits from `offset`. Words are
  // ORed and ranked with BM25; articles are preferred to treatments and
  // treatments to glossary entries. A spelling correction ("did you mean") is
  // offered only when the query found nothing or the correction replaces a
  // word that is not in the index; when the query finds nothing and the
  // correction does, the hits are the correction's.
  SearchResults Search(std::string_view query, size_t offset = 0, size_t limit = 10) const;

  // Suggestions as you type: titles, lay synonyms, glossary terms and
  // treatment names with a word starting with the last word typed (and
  // containing the earlier words), best first, at most `limit`.
  std::vector<Suggestion> Suggest(std::string_view prefix, size_t limit = 8) const;

  size_t document_count() const;

 private:
  struct Impl;
  SearchResults Run(const std::string& query, size_t offset, size_t limit) const;
  explicit SearchIndex(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The plain text of a parsed Markdown body (for indexing and snippets).
std::string PlainText(const content::Node& node);

}  // namespace evidoc::search
