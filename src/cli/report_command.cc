// evidoc report [--db URL] [--format text|json]: what editors need from the
// feedback store — readers' answers to "Was this page helpful?" per page
// (with their comments) and the searches that found nothing (content gaps).
// Exit 0, 1 when the store cannot be read, 2 usage.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>

#include "cli/commands.h"
#include "render/json_writer.h"
#include "server/feedback_store.h"

namespace evidoc::cli {

int RunReport(int argc, char** argv) {
  CLI::App app{"Show readers' feedback and the searches that found nothing.", "evidoc report"};
  std::string db = "sqlite:evidoc.db";
  std::string format = "text";
  app.add_option("--db", db, "the store evidoc serve wrote (default sqlite:evidoc.db)");
  app.add_option("--format", format, "text or json")->check(CLI::IsMember({"text", "json"}));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  auto store = server::OpenFeedbackStore(db);
  if (!store) {
    std::fprintf(stderr, "evidoc report: %s\n", store.error().c_str());
    return 1;
  }
  auto pages = (*store)->FeedbackByPage();
  auto missed = (*store)->MissedSearches();
  if (!pages || !missed) {
    std::fprintf(stderr, "evidoc report: %s\n", (!pages ? pages.error() : missed.error()).c_str());
    return 1;
  }
  if (format == "json") {
    render::JsonWriter w(2);
    w.BeginObject().Key("pages").BeginArray();
    for (const auto& p : *pages) {
      w.BeginObject().Key("page").String(p.page).Key("yes").Int(p.yes).Key("no").Int(p.no);
      w.Key("comments").StringArray(p.comments).EndObject();
    }
    w.EndArray().Key("searches_with_no_results").BeginArray();
    for (const auto& m : *missed) {
      w.BeginObject().Key("query").String(m.query).Key("count").Int(m.count);
      w.Key("last_seen").String(m.last_seen).EndObject();
    }
    w.EndArray().EndObject();
    std::printf("%s\n", w.Take().c_str());
    return 0;
  }
  std::printf("Feedback by page (%s)\n", (*store)->Describe().c_str());
  if (pages->empty()) std::printf("  (no feedback yet)\n");
  for (const auto& p : *pages) {
    const long long total = p.yes + p.no;
    std::printf("  %-40s %4lld helpful, %4lld not helpful (%3lld%% helpful)\n", p.page.c_str(),
                static_cast<long long>(p.yes), static_cast<long long>(p.no),
                total ? static_cast<long long>((100 * p.yes + total / 2) / total) : 0LL);
    for (const auto& c : p.comments) std::printf("      \"%s\"\n", c.c_str());
  }
  std::printf("\nSearches that found nothing (content gaps)\n");
  if (missed->empty()) std::printf("  (none)\n");
  for (const auto& m : *missed) {
    std::printf("  %5lld  %-40s last %s UTC\n", static_cast<long long>(m.count), m.query.c_str(),
                m.last_seen.c_str());
  }
  return 0;
}

}  // namespace evidoc::cli
