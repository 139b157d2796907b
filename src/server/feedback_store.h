// Where readers' feedback ("Was this page helpful?") and the searches that
// found nothing are kept, for editors (`evidoc report`). Two stores behind
// one interface: SQLite (one server, the default) and PostgreSQL (several
// replicas sharing state).
//
// What is stored, on purpose: the page path, yes/no, an optional comment of
// at most kMaxCommentChars, and the time (to the second); for searches, only
// the query text of searches that found nothing. Never an IP address, a
// cookie, a user agent or anything typed into the medicines or symptom check.
//
// Every Add* of these stores returns only after the row is committed. `evidoc
// serve` wraps its store in a MissedSearchWriter (missed_search_writer.h):
// feedback is still committed before the reply, but missed searches are
// queued and written by a background thread, so a crash may lose the last
// few queued searches (statistics, never a reader's feedback).
// Thread-safe: each store serialises its use of its connection.
// No exception crosses this interface: failures are messages.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace evidoc::server {

// A comment longer than this is refused: feedback is a sentence or two, and
// a bound keeps the database from being used as free storage.
inline constexpr size_t kMaxCommentChars = 1000;
inline constexpr size_t kMaxFeedbackPathBytes = 512;

struct Feedback {
  std::string page;  // site path, "/leg-cramps/"
  bool helpful = false;
  std::string comment;  // may be empty
};

struct PageFeedback {
  std::string page;
  int64_t yes = 0;
  int64_t no = 0;
  std::vector<std::string> comments;  // newest first, at most 20
};

struct MissedSearch {
  std::string query;  // normalised: trimmed, lower case, single spaces
  int64_t count = 0;
  std::string last_seen;  // "YYYY-MM-DD HH:MM:SS" UTC
};

using StoreResult = tl::expected<void, std::string>;

class FeedbackStore {
 public:
  virtual ~FeedbackStore() = default;
  virtual StoreResult AddFeedback(const Feedback& f) = 0;
  virtual StoreResult AddMissedSearch(std::string_view query) = 0;
  // Stores each of `queries` as one missed search, as AddMissedSearch would.
  // The SQLite and PostgreSQL stores write them in ONE transaction: all or
  // none (on failure no row of the batch is stored), one commit — one fsync
  // with SQLite — for the whole batch, which is what lets MissedSearchWriter
  // keep up with a flood. An empty batch succeeds without touching the
  // database. This default, for stores without transactions (test doubles),
  // calls AddMissedSearch for each query in order and returns the first
  // failure; it is not atomic: rows before the failure stay written, rows
  // after it are not tried. Inline, as every member here: the class has no
  // key function, so libevidoc_postgres.so (which does not link
  // feedback_store.cc) gets its vtable too.
  virtual StoreResult AddMissedSearches(std::span<const std::string> queries) {
    for (const std::string& q : queries) {
      if (auto r = AddMissedSearch(q); !r) return r;
    }
    return {};
  }
  // Pages by number of answers (most first), then path.
  virtual tl::expected<std::vector<PageFeedback>, std::string> FeedbackByPage() = 0;
  // Queries by count (most first), then text.
  virtual tl::expected<std::vector<MissedSearch>, std::string> MissedSearches() = 0;
  // "sqlite:evidoc.db" or "postgresql://host/db" (without the password).
  virtual std::string Describe() const = 0;
};

// Opens (creating tables if needed) the store named by `url`:
//   sqlite:PATH  (or a plain path ending in .db)  — SQLite in WAL mode
//   postgresql://...  or postgres://...           — PostgreSQL via libpqxx
// PostgreSQL lives in the module libevidoc_postgres.so, loaded on the first
// postgresql:// URL (see postgres_module.h for where it is looked for).
// Fails with a message naming the store when it cannot be opened, or naming
// every module file tried (with dlerror()) when the module cannot be loaded.
tl::expected<std::unique_ptr<FeedbackStore>, std::string> OpenFeedbackStore(std::string_view url);

// Validates and normalises feedback from a reader. Fails with a message a
// reader can see ("comment is longer than 1000 characters") when the page is
// not a site path or the comment is too long. Trims the comment.
tl::expected<Feedback, std::string> ValidateFeedback(std::string_view page,
                                                     std::string_view helpful,
                                                     std::string_view comment);

// "  Charley   HORSE " → "charley horse": ASCII case folding, runs of white
// space and control characters (NUL included) become one space, trimmed;
// bytes that are not valid UTF-8 (stray continuation bytes, overlong forms,
// surrogates, beyond U+10FFFF) become U+FFFD; cut to at most 256 bytes,
// never inside a character. The result is always valid UTF-8 without control
// characters, so PostgreSQL accepts every normalised query and one junk
// query cannot make a whole batch of AddMissedSearches fail.
std::string NormaliseSearchQuery(std::string_view query);

}  // namespace evidoc::server
