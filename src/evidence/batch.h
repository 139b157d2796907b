// Batch meta-analysis (`evidoc analyse FILE --each COLUMN`): one independent
// analysis per distinct value of a column of one CSV file, run on several
// threads, reported and written in the order the values first appear.
//
// The output does not depend on the number of threads: each analysis is
// computed and formatted on its own, and the pieces are handed on in input
// order, so one thread and eight give the same bytes.
//
// Why a reader of its own rather than ReadStudyCsv + SplitTable: a batch file
// can hold tens of thousands of rows, and a string per cell (and a vector per
// row) made reading cost more than the statistics. RunBatch reads the records
// with the same ReadCsvRecord, keeps only where each group's rows start, and
// views the cells of one group at a time in the text itself. Data errors are
// exactly those of ReadStudyCsv and ComputeEffectSizes, at the same places.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "common/diagnostic.h"
#include "evidence/effect_size.h"
#include "evidence/meta_analysis.h"

namespace evidoc::evidence {

struct BatchOptions {
  std::string column;  // the column whose values name the analyses (required)
  EffectSizeOptions effect_sizes;
  PoolingOptions pooling;
  // Threads to run on, the calling thread included; 0 = one per core.
  // Output is the same for every value.
  unsigned threads = 0;
};

// The outcome of one analysis, as handed to BatchCallbacks::report.
struct BatchAnalysis {
  std::string_view name;  // the column's value
  bool ok = false;        // false: not pooled; `diagnostics` says why (may be empty)
  const Diagnostics* diagnostics = nullptr;  // errors and warnings of this analysis
};

struct BatchCallbacks {
  // Appends the output of one pooled analysis to `out`. Runs on worker
  // threads, several at once: it must touch nothing but `out`.
  std::function<void(std::string_view name, const MetaAnalysisResult& result, std::string& out)>
      format;
  // Both run in input order, one call at a time (on any thread): report() for
  // every analysis of a group of consecutive analyses, then write() with
  // their formatted output.
  std::function<void(const BatchAnalysis& analysis)> report;
  std::function<void(std::string_view bytes)> write;
};

struct BatchSummary {
  size_t analyses = 0;  // distinct values of the column
  size_t failed = 0;    // analyses not pooled (bad data, too few studies...)
};

// Reads `csv` (RFC 4180, as ReadStudyCsv; `path` names it in diagnostics)
// and runs every analysis. Returns the counts once everything was reported
// and written. Returns nullopt, with the errors in `diags` and nothing
// reported or written, when the CSV itself is malformed (the diagnostics
// ReadStudyCsv gives) or has no column `options.column` ("no column 'X' for
// --each"). An exception thrown by a callback (std::bad_alloc) stops the
// batch and is rethrown on the calling thread.
std::optional<BatchSummary> RunBatch(std::string_view csv, const std::string& path,
                                     const BatchOptions& options, const BatchCallbacks& callbacks,
                                     Diagnostics& diags);

// The number of threads used for `threads` = 0: one per core (at least 1).
unsigned DefaultBatchThreads();

}  // namespace evidoc::evidence
