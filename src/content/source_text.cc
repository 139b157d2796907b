#include "content/source_text.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "content/limits.h"

namespace evidoc::content {

LineIndex::LineIndex(std::string_view text) : size_(text.size()) {
  starts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts_.push_back(i + 1);
  }
}

Location LineIndex::At(const std::string& path, size_t offset) const {
  if (offset > size_) offset = size_;
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  size_t line = static_cast<size_t>(it - starts_.begin());  // 1-based
  return Location{path, static_cast<int>(line), static_cast<int>(offset - starts_[line - 1] + 1)};
}

size_t LineIndex::LineStart(int line) const {
  if (line < 1) return 0;
  if (static_cast<size_t>(line) > starts_.size()) return size_;
  return starts_[static_cast<size_t>(line) - 1];
}

namespace {

// Length of the valid UTF-8 sequence at `i`, or 0 if invalid (overlong
// forms, surrogates and code points past U+10FFFF are invalid, as in RFC 3629).
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t len;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  if (b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (size_t k = 2; k < len; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
  }
  return len;
}

}  // namespace

bool CheckTextFile(const std::string& path, std::string_view text, Diagnostics& diags,
                   size_t max_line_bytes) {
  // Where a problem is, from an index of lines made only when there is one
  // (most files have none, and the loader indexes each article anyway).
  std::optional<LineIndex> index;
  auto at = [&](size_t offset) {
    if (!index) index.emplace(text);
    return index->At(path, offset);
  };
  size_t nul = text.find('\0');
  if (nul != std::string_view::npos) {
    diags.Error(at(nul), "binary file (contains a NUL byte); expected UTF-8 text");
    return false;
  }
  bool ok = true;
  size_t line_start = 0;
  bool line_reported = false;
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '\n') {
      line_start = i + 1;
      line_reported = false;
      ++i;
      continue;
    }
    if (max_line_bytes > 0 && !line_reported && i - line_start >= max_line_bytes) {
      diags.Error(at(i), "line is longer than " + std::to_string(max_line_bytes) + " bytes");
      line_reported = true;
      ok = false;
    }
    size_t len = Utf8SequenceLength(text, i);
    if (len == 0) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[i]));
      diags.Error(at(i), std::string("invalid UTF-8 (byte ") + hex + ")");
      return false;  // one is enough: the rest of the file cannot be trusted
    }
    i += len;
  }
  return ok;
}

}  // namespace evidoc::content
