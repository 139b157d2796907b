#include "server/feedback_store.h"

#include <sqlite3.h>

#include <cctype>
#include <mutex>

#include "server/postgres_module.h"

namespace evidoc::server {
namespace {

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Length of the well-formed UTF-8 sequence at the start of `s` (Unicode
// Table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF; what
// PostgreSQL accepts), or 0 when it is not one. Written by hand: this is the
// only strict UTF-8 check the server needs, on at most 256 bytes.
size_t StrictUtf8Length(std::string_view s) {
  auto in = [&](size_t k, unsigned lo, unsigned hi) {
    return k < s.size() && static_cast<unsigned char>(s[k]) >= lo &&
           static_cast<unsigned char>(s[k]) <= hi;
  };
  const unsigned c = static_cast<unsigned char>(s[0]);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return in(1, 0x80, 0xBF) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    const unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return in(1, lo, hi) && in(2, 0x80, 0xBF) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    const unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return in(1, lo, hi) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

// Well-formed UTF-8 throughout, as PostgreSQL requires of text (a lone
// surrogate or an overlong form would make it refuse the row).
bool ValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const size_t n = StrictUtf8Length(s.substr(i));
    if (n == 0) return false;
    i += n;
  }
  return true;
}

constexpr const char* kSchema[] = {
    // Parenthesised: one statement split over lines (clang -Wstring-concatenation).
    ("CREATE TABLE IF NOT EXISTS feedback ("
     " id INTEGER PRIMARY KEY, page TEXT NOT NULL, helpful INTEGER NOT NULL,"
     " comment TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL)"),
    "CREATE INDEX IF NOT EXISTS feedback_page ON feedback(page)",
    ("CREATE TABLE IF NOT EXISTS missed_search ("
     " id INTEGER PRIMARY KEY, query TEXT NOT NULL, created_at TEXT NOT NULL)"),
    "CREATE INDEX IF NOT EXISTS missed_search_query ON missed_search(query)",
};

// ---- SQLite --------------------------------------------------------------

class SqliteStore final : public FeedbackStore {
 public:
  ~SqliteStore() override {
    if (db_ != nullptr) sqlite3_close_v2(db_);
  }

  static tl::expected<std::unique_ptr<FeedbackStore>, std::string> Open(const std::string& path) {
    auto s = std::unique_ptr<SqliteStore>(new SqliteStore());
    s->path_ = path;
    int rc = sqlite3_open_v2(path.c_str(), &s->db_,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                             nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = s->db_ ? sqlite3_errmsg(s->db_) : sqlite3_errstr(rc);
      return tl::unexpected("cannot open sqlite:" + path + ": " + msg);
    }
    sqlite3_busy_timeout(s->db_, 5000);
    // WAL: readers (evidoc report) never block the server's writes;
    // synchronous=FULL: a committed row survives a power cut.
    for (const char* sql : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL"}) {
      if (auto r = s->Exec(sql); !r) return tl::unexpected(r.error());
    }
    for (const char* sql : kSchema) {
      if (auto r = s->Exec(sql); !r) return tl::unexpected(r.error());
    }
    return std::unique_ptr<FeedbackStore>(std::move(s));
  }

  StoreResult AddFeedback(const Feedback& f) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return Insert(
        "INSERT INTO feedback(page, helpful, comment, created_at) VALUES (?1, ?2, ?3, "
        "strftime('%Y-%m-%d %H:%M:%S','now'))",
        {f.page, f.helpful ? "1" : "0", f.comment});
  }

  StoreResult AddMissedSearch(std::string_view query) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return Insert(
        "INSERT INTO missed_search(query, created_at) VALUES (?1, "
        "strftime('%Y-%m-%d %H:%M:%S','now'))",
        {std::string(query)});
  }

  StoreResult AddMissedSearches(std::span<const std::string> queries) override {
    if (queries.empty()) return {};
    std::lock_guard<std::mutex> lock(mutex_);
    // IMMEDIATE: take the write lock now, waiting up to the busy timeout for
    // another process's writer, rather than meeting SQLITE_BUSY halfway.
    if (auto r = Exec("BEGIN IMMEDIATE"); !r) return r;
    StoreResult r = InsertMissedSearches(queries);
    if (r) r = Exec("COMMIT");
    // A failed INSERT or COMMIT leaves the transaction open (or SQLite has
    // already rolled it back): roll back so that none of the batch is kept
    // and the connection is usable for the next call.
    if (!r && sqlite3_get_autocommit(db_) == 0) (void)Exec("ROLLBACK");
    return r;
  }

  tl::expected<std::vector<PageFeedback>, std::string> FeedbackByPage() override {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<PageFeedback> out;
    auto r = Query(
        "SELECT page, SUM(helpful), SUM(1 - helpful) FROM feedback GROUP BY page "
        "ORDER BY COUNT(*) DESC, page",
        [&](sqlite3_stmt* st) {
          PageFeedback p;
          p.page = Text(st, 0);
          p.yes = sqlite3_column_int64(st, 1);
          p.no = sqlite3_column_int64(st, 2);
          out.push_back(std::move(p));
        });
    if (!r) return tl::unexpected(r.error());
    for (auto& p : out) {
      auto c = Query(
          "SELECT comment FROM feedback WHERE page = ?1 AND comment <> '' "
          "ORDER BY id DESC LIMIT 20",
          [&](sqlite3_stmt* st) { p.comments.push_back(Text(st, 0)); }, {p.page});
      if (!c) return tl::unexpected(c.error());
    }
    return out;
  }

  tl::expected<std::vector<MissedSearch>, std::string> MissedSearches() override {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<MissedSearch> out;
    auto r = Query(
        "SELECT query, COUNT(*), MAX(created_at) FROM missed_search GROUP BY query "
        "ORDER BY COUNT(*) DESC, query",
        [&](sqlite3_stmt* st) {
          out.push_back(MissedSearch{Text(st, 0), sqlite3_column_int64(st, 1), Text(st, 2)});
        });
    if (!r) return tl::unexpected(r.error());
    return out;
  }

  std::string Describe() const override { return "sqlite:" + path_; }

 private:
  SqliteStore() = default;

  static std::string Text(sqlite3_stmt* st, int col) {
    const unsigned char* t = sqlite3_column_text(st, col);
    return t ? std::string(reinterpret_cast<const char*>(t),
                           static_cast<size_t>(sqlite3_column_bytes(st, col)))
             : std::string();
  }

  std::string Error(std::string_view what) const {
    return "sqlite:" + path_ + ": " + std::string(what) + ": " + sqlite3_errmsg(db_);
  }

  StoreResult Exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = "sqlite:" + path_ + ": " + (err ? err : "error");
      sqlite3_free(err);
      return tl::unexpected(msg);
    }
    return {};
  }

  template <typename Row>
  StoreResult Query(const char* sql, Row row, std::vector<std::string> params = {}) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &st, nullptr) != SQLITE_OK) {
      return tl::unexpected(Error("prepare"));
    }
    for (size_t i = 0; i < params.size(); ++i) {
      sqlite3_bind_text(st, static_cast<int>(i + 1), params[i].data(),
                        static_cast<int>(params[i].size()), SQLITE_TRANSIENT);
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) row(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return tl::unexpected(Error("query"));
    return {};
  }

  // One statement prepared once and stepped for every query (inside the
  // caller's transaction).
  StoreResult InsertMissedSearches(std::span<const std::string> queries) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_,
                           "INSERT INTO missed_search(query, created_at) VALUES (?1, "
                           "strftime('%Y-%m-%d %H:%M:%S','now'))",
                           -1, &st, nullptr) != SQLITE_OK) {
      return tl::unexpected(Error("prepare"));
    }
    StoreResult r;
    for (const std::string& q : queries) {
      // SQLITE_STATIC: `q` outlives the step; nothing is copied.
      sqlite3_bind_text(st, 1, q.data(), static_cast<int>(q.size()), SQLITE_STATIC);
      if (sqlite3_step(st) != SQLITE_DONE) {
        r = tl::unexpected(Error("insert"));
        break;
      }
      sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return r;
  }

  StoreResult Insert(const char* sql, std::vector<std::string> params) {
    return Query(
        sql, [](sqlite3_stmt*) {}, std::move(params));
  }

  std::mutex mutex_;
  sqlite3* db_ = nullptr;
  std::string path_;
};

}  // namespace

tl::expected<std::unique_ptr<FeedbackStore>, std::string> OpenFeedbackStore(std::string_view url) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return OpenPostgresStore(url);  // dlopen()s libevidoc_postgres.so
  }
  if (url.starts_with("sqlite:")) {
    std::string path(url.substr(7));
    if (path.starts_with("//")) path = path.substr(2);  // sqlite://PATH
    if (path.empty()) return tl::unexpected(std::string("sqlite: needs a path (sqlite:evidoc.db)"));
    return SqliteStore::Open(path);
  }
  if (url.ends_with(".db") || url.ends_with(".sqlite")) return SqliteStore::Open(std::string(url));
  return tl::unexpected("unknown database URL '" + std::string(url) +
                        "' (use sqlite:PATH or postgresql://...)");
}

tl::expected<Feedback, std::string> ValidateFeedback(std::string_view page,
                                                     std::string_view helpful,
                                                     std::string_view comment) {
  Feedback f;
  if (page.empty() || page[0] != '/' || page.size() > kMaxFeedbackPathBytes ||
      page.starts_with("//") || !ValidUtf8(page)) {
    return tl::unexpected(std::string("page must be a path of this site, such as /leg-cramps/"));
  }
  for (unsigned char c : page) {
    if (c < 0x20 || c == 0x7f) return tl::unexpected(std::string("page has control characters"));
  }
  // Keep only the path: a query string could carry what someone typed.
  f.page = std::string(page.substr(0, page.find_first_of("?#")));
  if (helpful == "yes" || helpful == "true" || helpful == "1") {
    f.helpful = true;
  } else if (helpful == "no" || helpful == "false" || helpful == "0") {
    f.helpful = false;
  } else {
    return tl::unexpected(std::string("helpful must be yes or no"));
  }
  comment = Trim(comment);
  if (!ValidUtf8(comment)) return tl::unexpected(std::string("comment is not valid UTF-8"));
  // Lines and tabs are a reader's own layout; other control characters
  // (NUL above all, which PostgreSQL's text cannot hold) are not text.
  for (unsigned char c : comment) {
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
      return tl::unexpected(std::string("comment has control characters"));
    }
  }
  if (Utf8Length(comment) > kMaxCommentChars) {
    return tl::unexpected("comment is longer than " + std::to_string(kMaxCommentChars) +
                          " characters");
  }
  f.comment = std::string(comment);
  return f;
}

std::string NormaliseSearchQuery(std::string_view q) {
  constexpr size_t kMaxBytes = 256;
  constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
  std::string out;
  bool space = false;  // white space seen since the last character kept
  size_t i = 0;
  while (i < q.size()) {
    const unsigned char c = static_cast<unsigned char>(q[i]);
    char folded;
    std::string_view piece;
    if (c < 0x80) {
      ++i;
      if (c < 0x20 || c == 0x7f || c == ' ') {  // white space and control characters
        space = true;
        continue;
      }
      folded = static_cast<char>(std::tolower(c));
      piece = std::string_view(&folded, 1);
    } else if (size_t len = StrictUtf8Length(q.substr(i)); len > 0) {
      piece = q.substr(i, len);
      i += len;
    } else {
      piece = kReplacement;
      ++i;  // resynchronise at the next byte
    }
    const bool separate = space && !out.empty();
    // Whole characters only: stop before one that would not fit.
    if (out.size() + separate + piece.size() > kMaxBytes) break;
    if (separate) out.push_back(' ');
    space = false;
    out.append(piece);
  }
  return out;
}

}  // namespace evidoc::server
