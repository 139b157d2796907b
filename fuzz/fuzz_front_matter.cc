// Fuzzes one article file (YAML front matter + CommonMark body) through the
// whole loader, beside a fixed small content folder (site, references,
// glossary, another article), so cross-checks run too. Must never crash,
// hang or leak, whatever the bytes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/file_system.h"
#include "content/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  evidoc::MemoryFileSystem fs;
  fs.AddFile("c/site.yaml", "title: T\nbase_url: https://example.org\n");
  fs.AddFile("c/references.json", R"([{"id": "a", "title": "A"}, {"id": "b", "title": "B"}])");
  fs.AddFile("c/glossary.yaml", "- {term: cramp, aliases: [cramps], definition: D.}\n");
  fs.AddFile("c/images/a.svg", R"(<svg width="4" height="3"/>)");
  fs.AddFile("c/articles/other.md",
             "---\ntitle: O\nsummary: S\nlast_reviewed: 2026-01-01\n---\nSee [@a].\n");
  fs.AddFile("c/articles/fuzz.md", std::string(reinterpret_cast<const char*>(data), size));
  evidoc::content::LoadOptions options;
  options.today = evidoc::Date{2026, 11, 29};
  evidoc::content::LoadResult r = evidoc::content::Load(fs, "c", options);
  // Every diagnostic must be formattable (no dangling strings).
  size_t total = 0;
  for (const auto& d : r.diagnostics.items()) total += evidoc::FormatDiagnostic(d).size();
  return total == static_cast<size_t>(-1);
}
