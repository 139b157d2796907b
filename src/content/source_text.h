// Checks every text file must pass before it is parsed (size, NUL bytes,
// UTF-8, line length), and the mapping from byte offsets to line:column.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostic.h"

namespace evidoc::content {

// Maps byte offsets in one file to 1-based line and column. Columns count
// bytes (as ninja, gcc's -fdiagnostics-column-unit=byte and most linters do).
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  // REQUIRES: offset <= text.size().
  Location At(const std::string& path, size_t offset) const;
  // The byte offset where 1-based `line` starts (text.size() past the end).
  size_t LineStart(int line) const;

 private:
  std::vector<size_t> starts_;
  size_t size_ = 0;
};

// Reports (as errors at the offending position, into `diags`) a NUL byte
// ("binary file"), invalid UTF-8, and lines longer than `max_line_bytes`
// (0: no limit — JSON is often written minified, all on one line).
// Returns true when the file is fit to parse. `path` is the display path.
bool CheckTextFile(const std::string& path, std::string_view text, Diagnostics& diags,
                   size_t max_line_bytes);

}  // namespace evidoc::content
