// Loading a content folder (docs/content-format.md) into the validated
// Content model, with every problem as a diagnostic at its place in the
// original file. This is `evidoc check`, and the first step of `build` and
// `serve`.
//
// Thread-compatible: Load has no shared state; several loads may run at once.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "common/date.h"
#include "common/diagnostic.h"
#include "common/file_system.h"
#include "content/model.h"

namespace evidoc::content {

struct LoadOptions {
  // Today's date, for the "next review is in the past" warning. Default:
  // unset, and that warning is not given (so a load is reproducible whatever
  // the date). `evidoc check` passes the real date; tests a fixed one.
  std::optional<Date> today;
  // Threads that read and parse articles; 0: one per core. The result does
  // not depend on it (diagnostics are merged in file order).
  int threads = 0;
};

struct LoadResult {
  // The whole folder, validated; null when any error was reported (warnings
  // alone keep it). Immutable and shareable across threads.
  std::shared_ptr<const Content> content;
  // Every problem found, errors and warnings (and notes that point at the
  // first of two clashing places), sorted by path, line and column.
  Diagnostics diagnostics;
  // Files read (text files and images), for the check's summary line.
  int files_read = 0;
};

// Loads the content folder `root`. Diagnostic paths are `root` joined with
// the file's path inside the folder ("content/articles/x.md" for root
// "content"), so they name files the way the user named the folder.
// Never throws and never crashes, whatever the files contain; input past the
// limits in content/limits.h is reported as an error.
// REQUIRES: `fs` outlives the call (nothing is kept from it afterwards).
LoadResult Load(const FileSystem& fs, std::string root, const LoadOptions& options = {});

// "emergency", "same_day", "see_doctor", "self_care".
std::string_view UrgencyName(Urgency u);

}  // namespace evidoc::content
