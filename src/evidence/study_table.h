// StudyTable: the raw per-study rows of a meta-analysis, as text cells with
// their CSV location, and the CSV reader that produces it.
//
// A StudyTable holds text only; turning cells into numbers (and reporting
// every bad cell) is ComputeEffectSizes's job (effect_size.h), so that the
// same checks run whether the rows came from `evidoc analyse FILE.csv` or
// from the content loader. Thread-compatible value type.
#pragma once

#include <deque>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostic.h"

namespace evidoc::evidence {

struct StudyTable {
  struct Row {
    int line = 0;                    // physical 1-based line where the row starts (0: unknown)
    std::vector<std::string> cells;  // parallel to `columns`; missing trailing cells are ""
  };

  std::string path;                  // for diagnostics ("" allowed)
  std::vector<std::string> columns;  // header names, trimmed, in file order
  std::vector<Row> rows;             // data rows in file order (blank lines skipped)
  bool column_positions = true;      // false when built from cell maps (columns unknown)

  // Index of the column named `name` (exact, case-sensitive), or nullopt.
  std::optional<int> ColumnIndex(std::string_view name) const;

  // Location of a cell: path, the row's line, 1-based column index.
  // REQUIRES: row < rows.size(); column may be -1 (then column 0 = unknown).
  Location CellLocation(size_t row, int column) const;
};

// Limits on CSV input, with the reason: a meta-analysis table is small (a
// review rarely has more than a few hundred rows), and an unbounded field or
// row count on hostile input would only cost memory. Batch files (--each)
// can hold many analyses, hence the generous row limit.
inline constexpr size_t kMaxCsvBytes = size_t{256} << 20;  // 256 MiB
inline constexpr size_t kMaxCsvColumns = 1000;
inline constexpr size_t kMaxCsvFieldBytes = size_t{1} << 20;  // 1 MiB per cell

// Parses RFC 4180 CSV text (comma separator, "..." quoting with "" escapes,
// CRLF or LF line ends, a UTF-8 BOM is skipped). The first non-blank record is
// the header. Cells are trimmed of surrounding spaces unless quoted.
// On success returns the table (possibly with zero rows). Problems (an
// unterminated quote, a row with more cells than the header, an empty or
// duplicated header name, limits exceeded) are added to `diags` as errors with
// path:line:col; the returned table then holds what could be read. Never throws.
StudyTable ReadStudyCsv(std::string_view text, std::string path, Diagnostics& diags);

// A read-only view of study rows whose cells are views into text owned
// elsewhere: what ComputeEffectSizes reads. A StudyTable is viewed without
// copying its cells' text; the --each batch reader (batch.h) views the CSV
// text itself, so a batch of thousands of analyses allocates no string per
// cell. The viewed storage must outlive the view.
struct StudyRowsView {
  std::string_view path;
  std::span<const std::string> columns;
  std::span<const std::string_view> cells;  // row-major, columns.size() per row
  std::span<const int> lines;               // physical line of each row (0: unknown)
  bool column_positions = true;

  size_t size() const { return lines.size(); }
  std::string_view Cell(size_t row, size_t column) const {
    return cells[row * columns.size() + column];
  }
  std::optional<int> ColumnIndex(std::string_view name) const;
  // As StudyTable::CellLocation.
  Location CellLocation(size_t row, int column) const;
};

// One CSV record as ReadCsvRecord reads it. Fields are views into the text,
// or into `escaped` (see ReadCsvRecord) for quoted fields holding "".
struct CsvRecord {
  int line = 0;  // physical 1-based line where the record starts
  std::vector<std::string_view> fields;
  bool blank = false;  // an empty line (one empty unquoted field): not a row
};

enum class CsvRead {
  kRecord,   // a record was read; more may follow
  kEndKeep,  // an error that stops reading; the partial record counts
  kEndDrop,  // an error that stops reading; the partial record is dropped
};

// The record-level CSV reader behind ReadStudyCsv, for readers that keep
// their own index of the text (the --each batch): reads the record that
// starts at text[pos] on physical line `line`, advancing both past it.
// REQUIRES: pos < text.size(), pos at a record start (0, or 3 after a BOM).
// Problems are added to `diags` with path:line:col exactly as ReadStudyCsv
// reports them; an unterminated or over-long quoted field ends the text
// (kEndKeep), more than kMaxCsvColumns fields too (kEndDrop); text after a
// closing quote and over-long unquoted fields (truncated) do not. Quoted
// fields with "" escapes are unescaped into a new element of `escaped`
// (a deque, so earlier views stay valid); the caller clears it when the
// views are no longer needed.
CsvRead ReadCsvRecord(std::string_view text, size_t& pos, int& line, const std::string& path,
                      CsvRecord& record, std::deque<std::string>& escaped, Diagnostics& diags);

// Builds a table from rows given as column -> text maps (the content loader's
// form). Columns are the union of keys in first-seen order (map order within a
// row); a cell's location then has the row's line and column 0.
StudyTable TableFromCellMaps(
    std::string path, const std::vector<std::pair<int, std::map<std::string, std::string>>>& rows);

// Splits a table by the distinct values of `column` (in first-appearance
// order), for --by and --each. Returns nullopt if the column does not exist.
std::optional<std::vector<std::pair<std::string, StudyTable>>> SplitTable(const StudyTable& table,
                                                                          std::string_view column);
// The same, moving the rows out of `table` (for large --each batches).
std::optional<std::vector<std::pair<std::string, StudyTable>>> SplitTable(StudyTable&& table,
                                                                          std::string_view column);

// Views a table's cells. `cells` and `lines` are storage the caller keeps
// alive with `table` for as long as the view is used.
StudyRowsView ViewRows(const StudyTable& table, std::vector<std::string_view>& cells,
                       std::vector<int>& lines);

}  // namespace evidoc::evidence
