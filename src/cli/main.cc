// evidoc: a thin main that picks a subcommand from a table (as ninja does).
#include <cstdio>
#include <cstring>
#include <string_view>

#include "cli/commands.h"

namespace {

struct Tool {
  const char* name;
  const char* summary;
  int (*run)(int, char**);
};

constexpr Tool kTools[] = {
    {"check", "check a content folder and report every problem", evidoc::cli::RunCheck},
    {"build", "build the static site, JSON API and feeds", evidoc::cli::RunBuild},
    {"analyse", "run a meta-analysis on a CSV file", evidoc::cli::RunAnalyse},
    {"serve", "serve the site, API, search and tools over HTTP", evidoc::cli::RunServe},
    {"diff", "explain what changed between two versions of the evidence", evidoc::cli::RunDiff},
    {"report", "show readers' feedback and searches that found nothing", evidoc::cli::RunReport},
};

void PrintUsage(FILE* out) {
  std::fprintf(out,
               "usage: evidoc <command> [options]\n\n"
               "evidoc turns medical research into patient information people can trust.\n\n"
               "commands:\n");
  for (const Tool& t : kTools) std::fprintf(out, "  %-8s %s\n", t.name, t.summary);
  std::fprintf(out, "\nRun 'evidoc <command> --help' for a command's options.\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    PrintUsage(stderr);
    return 2;
  }
  std::string_view name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    PrintUsage(stdout);
    return 0;
  }
  if (name == "--version") {
    std::printf("evidoc 0.1.0\n");
    return 0;
  }
  for (const Tool& t : kTools) {
    if (name == t.name) return t.run(argc - 1, argv + 1);
  }
  std::fprintf(stderr, "evidoc: unknown command '%s'\n\n", argv[1]);
  PrintUsage(stderr);
  return 2;
}
