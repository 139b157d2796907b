// Fuzzes the Markdown body parser (md4c into the Node tree, pandoc citations,
// link targets), then the prose extraction and readability that walk the
// tree. The input is the whole file; the body starts after a fixed offset
// when the input is long enough, so offsets into the file are exercised.
#include <cstddef>
#include <cstdint>
#include <string>

#include "content/markdown.h"
#include "content/prose.h"
#include "content/source_text.h"
#include "text/readability.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string file(reinterpret_cast<const char*>(data), size);
  evidoc::content::LineIndex index(file);
  evidoc::Diagnostics diags;
  size_t offset = size > 8 ? static_cast<size_t>(data[0]) % 8 : 0;
  evidoc::content::ParsedBody body =
      evidoc::content::ParseMarkdownBody("f.md", file, offset, index, diags);
  evidoc::text::Readability r =
      evidoc::text::MeasureReadability(evidoc::content::ExtractProse(body.document));
  return r.words < 0;
}
