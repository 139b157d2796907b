// evidoc diff OLD NEW: weighs two content folders (or two versions of one)
// and reports which estimates, certainties, statements and categories moved,
// and why (studies added, removed or corrected; judgements, comparators or
// MIDs edited). Exit 0 when nothing moved, 1 when something did (as diff(1)),
// 2 on a usage error or when either folder does not load.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "common/diagnostic.h"
#include "common/file_system.h"
#include "content/evidence_loader.h"
#include "content/loader.h"
#include "knowledge/diff.h"
#include "knowledge/knowledge.h"

namespace evidoc::cli {
namespace {

// A full content folder (with site.yaml) goes through the whole loader; a
// folder holding only evidence/ (a review's working copy, a test fixture)
// through the evidence loader alone.
std::shared_ptr<const content::Content> LoadFolder(const FileSystem& fs,
                                                   const std::string& folder) {
  Diagnostics diags;
  std::shared_ptr<const content::Content> content;
  if (fs.IsFile(JoinPath(folder, "site.yaml"))) {
    content::LoadResult r = content::Load(fs, folder);
    diags = std::move(r.diagnostics);
    content = r.content;
  } else {
    auto c = std::make_shared<content::Content>();
    c->root = folder;
    content::LoadEvidence(fs, folder, *c, diags);
    diags.SortByLocation();
    if (!diags.has_errors()) content = c;
  }
  for (const Diagnostic& d : diags.items()) {
    if (d.severity == Severity::kError) std::fprintf(stderr, "%s\n", FormatDiagnostic(d).c_str());
  }
  return content;
}

}  // namespace

int RunDiff(int argc, char** argv) {
  CLI::App app{"Show what changed in the weighed evidence between two content folders, and why.",
               "evidoc diff"};
  std::string old_folder, new_folder, format = "text";
  app.add_option("OLD", old_folder, "the content folder before the change")->required();
  app.add_option("NEW", new_folder, "the content folder after the change")->required();
  app.add_option("--format", format, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  RealFileSystem fs;
  for (const std::string& f : {old_folder, new_folder}) {
    if (!fs.IsDir(f)) {
      std::fprintf(stderr, "evidoc diff: '%s' is not a folder\n", f.c_str());
      return 2;
    }
  }
  auto before = LoadFolder(fs, old_folder);
  auto after = LoadFolder(fs, new_folder);
  if (!before || !after) {
    std::fprintf(stderr, "evidoc diff: fix the errors above first\n");
    return 2;
  }
  auto kb = knowledge::Weigh(before);
  auto ka = knowledge::Weigh(after);
  std::vector<knowledge::Change> changes = knowledge::DiffKnowledge(*kb, *ka);
  std::string out = format == "json" ? knowledge::FormatChangesJson(changes)
                                     : knowledge::FormatChangesText(changes);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return changes.empty() ? 0 : 1;
}

}  // namespace evidoc::cli
