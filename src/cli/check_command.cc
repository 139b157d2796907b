// evidoc check CONTENT: load and validate a content folder, print every
// problem as `path:line:col: error|warning: message` on stderr in file
// order, then a summary line. Exit 0 when there are no errors (warnings
// allowed), 1 when there are errors, 2 on a usage error.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

#include "cli/commands.h"
#include "common/date.h"
#include "common/diagnostic.h"
#include "common/file_system.h"
#include "content/loader.h"
#include "knowledge/knowledge.h"
#include "tools/symptom_check.h"

namespace evidoc::cli {
namespace {

// The real clock, read here at the edge; the loader only sees a Date.
Date TodayUtc() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return Date{utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday};
}

std::string Plural(int n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

int RunCheck(int argc, char** argv) {
  CLI::App app{"Check a content folder and report every problem, in file order.", "evidoc check"};
  std::string folder;
  std::string today_text;
  app.add_option("CONTENT", folder, "the content folder (site.yaml, articles/, ...)")->required();
  app.add_option("--today", today_text,
                 "the date to check next_review against (YYYY-MM-DD; default: today, UTC)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  RealFileSystem fs;
  if (!fs.IsDir(folder)) {
    std::fprintf(stderr, "evidoc check: '%s' is not a folder\n", folder.c_str());
    return 2;
  }
  content::LoadOptions options;
  options.today = TodayUtc();
  if (!today_text.empty()) {
    options.today = Date::Parse(today_text);
    if (!options.today) {
      std::fprintf(stderr, "evidoc check: --today must be a date YYYY-MM-DD, not '%s'\n",
                   today_text.c_str());
      return 2;
    }
  }
  content::LoadResult result = content::Load(fs, folder, options);
  // What only the later stages can see: every answer combination of each
  // symptom checker (exhaustive), and the warnings of weighing the evidence
  // (a computed certainty that differs from a review's, unjudged domains).
  // They run on error-free content only, as build does.
  if (result.content != nullptr && !result.diagnostics.has_errors()) {
    for (const content::SymptomChecker& checker : result.content->symptom_checkers) {
      result.diagnostics.Append(tools::VerifySymptomChecker(checker).problems);
    }
    result.diagnostics.Append(knowledge::Weigh(result.content)->diagnostics);
    result.diagnostics.SortByLocation();
  }
  for (const Diagnostic& d : result.diagnostics.items()) {
    std::fprintf(stderr, "%s\n", FormatDiagnostic(d).c_str());
  }
  const int errors = result.diagnostics.error_count();
  const int warnings = result.diagnostics.warning_count();
  std::fprintf(stderr, "%s, %s in %s\n", Plural(errors, "error").c_str(),
               Plural(warnings, "warning").c_str(), Plural(result.files_read, "file").c_str());
  return errors > 0 ? 1 : 0;
}

}  // namespace evidoc::cli
