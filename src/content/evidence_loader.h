// Loading the evidence files of a content folder (content/evidence/*.yaml and
// the study-row CSVs they point to) into Content::treatments. The format is
// documented in docs/evidence-format.md. Reads through a FileSystem (no direct
// disk access), never computes evidence (weigh does), never throws.
#pragma once

#include <string>

#include "common/diagnostic.h"
#include "common/file_system.h"
#include "content/model.h"

namespace evidoc::content {

// Limits, with the reason: an evidence file is a page of YAML and a study
// table a few hundred rows; anything far larger is a mistake or hostile.
inline constexpr size_t kMaxEvidenceYamlBytes = size_t{1} << 20;  // 1 MiB
inline constexpr size_t kMaxStudyCsvBytes = size_t{16} << 20;     // 16 MiB
inline constexpr size_t kMaxOutcomesPerTreatment = 200;

// Reads every `<root>/evidence/*.yaml` (sorted by name; a missing folder means
// no treatments) and appends one Treatment per file to `content.treatments`,
// with its outcomes' study rows read from their CSVs. Every problem is added
// to `diags` with its location: `path:line:col` in the YAML, or the CSV path,
// the row's line and the column's 1-based index. A file with errors is still
// appended with what could be read, so later checks can run; callers must not
// weigh a Content whose diagnostics have errors.
// Citation keys (rows' `citation` column, `published.citation`,
// `citations`) are checked against `content.references` when it is not empty,
// so call this after the bibliography is loaded.
void LoadEvidence(const FileSystem& fs, const std::string& root, Content& content,
                  Diagnostics& diags);

}  // namespace evidoc::content
