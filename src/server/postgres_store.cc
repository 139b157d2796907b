// The PostgreSQL feedback store, built as the module libevidoc_postgres.so
// (see postgres_module.h for why it is a module). Only this file includes
// libpqxx; the evidoc executable does not link libpq.
#include <algorithm>
#include <mutex>
#include <pqxx/pqxx>
#include <span>

#include "server/feedback_store.h"
#include "server/postgres_module.h"

namespace evidoc::server {
namespace {

class PostgresStore final : public FeedbackStore {
 public:
  static tl::expected<std::unique_ptr<FeedbackStore>, std::string> Open(const std::string& url) {
    auto s = std::unique_ptr<PostgresStore>(new PostgresStore());
    s->url_ = url;
    try {
      s->conn_ = std::make_unique<pqxx::connection>(url);
      pqxx::work w(*s->conn_);
      w.exec(
          "CREATE TABLE IF NOT EXISTS feedback (id BIGSERIAL PRIMARY KEY, page TEXT NOT NULL,"
          " helpful BOOLEAN NOT NULL, comment TEXT NOT NULL DEFAULT '',"
          " created_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc'))");
      w.exec("CREATE INDEX IF NOT EXISTS feedback_page ON feedback(page)");
      w.exec(
          "CREATE TABLE IF NOT EXISTS missed_search (id BIGSERIAL PRIMARY KEY, query TEXT NOT NULL,"
          " created_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc'))");
      w.exec("CREATE INDEX IF NOT EXISTS missed_search_query ON missed_search(query)");
      w.commit();
    } catch (const std::exception& e) {
      return tl::unexpected("cannot open " + s->Describe() + ": " + Clean(e.what()));
    }
    return std::unique_ptr<FeedbackStore>(std::move(s));
  }

  StoreResult AddFeedback(const Feedback& f) override {
    return Run([&](pqxx::work& w) {
      w.exec_params("INSERT INTO feedback(page, helpful, comment) VALUES ($1, $2, $3)", f.page,
                    f.helpful, f.comment);
    });
  }

  StoreResult AddMissedSearch(std::string_view query) override {
    return Run([&](pqxx::work& w) {
      w.exec_params("INSERT INTO missed_search(query) VALUES ($1)", std::string(query));
    });
  }

  StoreResult AddMissedSearches(std::span<const std::string> queries) override {
    if (queries.empty()) return {};
    // One transaction (Run: all or none, retried once after a reconnect);
    // a multi-row INSERT per chunk, so a batch costs one round trip per
    // chunk rather than one per row. The chunk keeps a statement far below
    // PostgreSQL's limit of 65,535 parameters.
    constexpr size_t kRowsPerStatement = 1000;
    return Run([&](pqxx::work& w) {
      for (size_t start = 0; start < queries.size(); start += kRowsPerStatement) {
        auto chunk = queries.subspan(start, std::min(kRowsPerStatement, queries.size() - start));
        std::string sql = "INSERT INTO missed_search(query) VALUES ";
        for (size_t i = 0; i < chunk.size(); ++i) {
          sql += i == 0 ? "($" : ",($";
          sql += std::to_string(i + 1);
          sql += ')';
        }
        w.exec_params(sql, pqxx::prepare::make_dynamic_params(chunk.begin(), chunk.end()));
      }
    });
  }

  tl::expected<std::vector<PageFeedback>, std::string> FeedbackByPage() override {
    std::vector<PageFeedback> out;
    auto r = Run([&](pqxx::work& w) {
      out.clear();
      auto rows = w.exec(
          "SELECT page, SUM(CASE WHEN helpful THEN 1 ELSE 0 END),"
          " SUM(CASE WHEN helpful THEN 0 ELSE 1 END) FROM feedback GROUP BY page"
          " ORDER BY COUNT(*) DESC, page");
      for (const auto& row : rows) {
        PageFeedback p;
        p.page = row[0].as<std::string>();
        p.yes = row[1].as<int64_t>();
        p.no = row[2].as<int64_t>();
        auto cs = w.exec_params(
            "SELECT comment FROM feedback WHERE page = $1 AND comment <> ''"
            " ORDER BY id DESC LIMIT 20",
            p.page);
        for (const auto& c : cs) p.comments.push_back(c[0].as<std::string>());
        out.push_back(std::move(p));
      }
    });
    if (!r) return tl::unexpected(r.error());
    return out;
  }

  tl::expected<std::vector<MissedSearch>, std::string> MissedSearches() override {
    std::vector<MissedSearch> out;
    auto r = Run([&](pqxx::work& w) {
      out.clear();
      auto rows = w.exec(
          "SELECT query, COUNT(*), to_char(MAX(created_at), 'YYYY-MM-DD HH24:MI:SS')"
          " FROM missed_search GROUP BY query ORDER BY COUNT(*) DESC, query");
      for (const auto& row : rows) {
        out.push_back(
            MissedSearch{row[0].as<std::string>(), row[1].as<int64_t>(), row[2].as<std::string>()});
      }
    });
    if (!r) return tl::unexpected(r.error());
    return out;
  }

  std::string Describe() const override {
    // Never print a password: postgresql://user:secret@host → postgresql://user@host.
    std::string u = url_;
    size_t scheme = u.find("://");
    size_t at = u.find('@');
    if (scheme != std::string::npos && at != std::string::npos && at > scheme) {
      size_t colon = u.find(':', scheme + 3);
      if (colon != std::string::npos && colon < at) u.erase(colon, at - colon);
    }
    return u;
  }

 private:
  PostgresStore() = default;

  static std::string Clean(std::string msg) {
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    return msg;
  }

  template <typename F>
  StoreResult Run(F body) {
    std::lock_guard<std::mutex> lock(mutex_);
    // One retry after reconnecting: a replica must survive a database restart.
    for (int attempt = 0; attempt < 2; ++attempt) {
      try {
        if (!conn_ || !conn_->is_open()) conn_ = std::make_unique<pqxx::connection>(url_);
        pqxx::work w(*conn_);
        body(w);
        w.commit();
        return {};
      } catch (const pqxx::broken_connection& e) {
        conn_.reset();
        if (attempt == 1) return tl::unexpected(Describe() + ": " + Clean(e.what()));
      } catch (const std::exception& e) {
        return tl::unexpected(Describe() + ": " + Clean(e.what()));
      }
    }
    return tl::unexpected(Describe() + ": unreachable");
  }

  std::mutex mutex_;
  std::unique_ptr<pqxx::connection> conn_;
  std::string url_;
};

tl::expected<std::unique_ptr<FeedbackStore>, std::string> Open(std::string_view url) {
  return PostgresStore::Open(std::string(url));
}

constexpr PostgresModule kModule{kPostgresModuleAbi, &Open};

}  // namespace
}  // namespace evidoc::server

// The module is compiled with hidden visibility: this is its one export.
extern "C" __attribute__((visibility("default"))) const evidoc::server::PostgresModule*
evidoc_postgres_module() {
  return &evidoc::server::kModule;
}
