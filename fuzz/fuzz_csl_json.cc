// Fuzzes references.json (CSL-JSON) through the loader, with an article that
// cites two keys, so the never-cited and unknown-key checks run on whatever
// the bibliography turns out to hold.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/file_system.h"
#include "content/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  evidoc::MemoryFileSystem fs;
  fs.AddFile("c/site.yaml", "title: T\nbase_url: https://example.org\n");
  fs.AddFile("c/articles/a.md",
             "---\ntitle: A\nsummary: S\nlast_reviewed: 2026-01-01\n---\nText [@naylor1994; "
             "@smith2020].\n");
  fs.AddFile("c/references.json", std::string(reinterpret_cast<const char*>(data), size));
  evidoc::content::LoadResult r = evidoc::content::Load(fs, "c");
  return r.diagnostics.items().size() == static_cast<size_t>(-1);
}
