#include "evidence/study_table.h"

#include <algorithm>
#include <set>
#include <type_traits>
#include <unordered_map>

namespace evidoc::evidence {

// The CSV reader is hand-written (about a hundred lines): Debian's CSV
// libraries (libcsv) give neither the physical line of a record that holds a
// quoted line break nor the column of each cell, and every data error we
// report must point at its cell.

std::optional<int> StudyTable::ColumnIndex(std::string_view name) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == name) return static_cast<int>(i);
  }
  return std::nullopt;
}

Location StudyTable::CellLocation(size_t row, int column) const {
  Location where{path, rows[row].line, 0};
  if (column >= 0 && column_positions) where.column = column + 1;
  return where;
}

std::optional<int> StudyRowsView::ColumnIndex(std::string_view name) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == name) return static_cast<int>(i);
  }
  return std::nullopt;
}

Location StudyRowsView::CellLocation(size_t row, int column) const {
  Location where{std::string(path), lines[row], 0};
  if (column >= 0 && column_positions) where.column = column + 1;
  return where;
}

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// End of an unquoted field: the next separator or line end.
size_t FieldEnd(std::string_view text, size_t i) {
  const char* p = text.data();
  const size_t n = text.size();
  while (i < n && p[i] != ',' && p[i] != '\n' && p[i] != '\r') ++i;
  return i;
}

}  // namespace

// A record ends at an unquoted LF (or CRLF, or a lone CR); quoted fields may
// hold separators, quotes ("") and line breaks.
CsvRead ReadCsvRecord(std::string_view text, size_t& pos, int& line, const std::string& path,
                      CsvRecord& record, std::deque<std::string>& escaped, Diagnostics& diags) {
  const size_t n = text.size();
  size_t i = pos;
  record.line = line;
  record.fields.clear();
  record.blank = false;
  bool first_quoted = false;
  while (true) {
    std::string_view field;
    bool quoted = false;
    const int field_line = line;
    const int field_col = static_cast<int>(record.fields.size()) + 1;
    // Leading spaces before an opening quote are tolerated.
    size_t j = i;
    while (j < n && (text[j] == ' ' || text[j] == '\t')) ++j;
    if (j < n && text[j] == '"') {
      quoted = true;
      i = j + 1;
      const size_t start = i;
      std::string* unescaped = nullptr;  // only for fields holding ""
      size_t len = 0;
      bool closed = false;
      while (i < n) {
        char c = text[i];
        if (c == '"') {
          if (i + 1 < n && text[i + 1] == '"') {
            if (!unescaped) unescaped = &escaped.emplace_back(text.substr(start, len));
            unescaped->push_back('"');
            ++len;
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        if (c == '\n') ++line;
        if (c == '\r' && !(i + 1 < n && text[i + 1] == '\n')) ++line;
        if (unescaped) unescaped->push_back(c);
        ++len;
        ++i;
        if (len > kMaxCsvFieldBytes) break;
      }
      field = unescaped ? std::string_view(*unescaped) : text.substr(start, len);
      if (!closed) {
        diags.Error({path, field_line, field_col}, len > kMaxCsvFieldBytes
                                                       ? "field longer than 1 MiB"
                                                       : "unterminated quoted field");
        record.fields.push_back(field);
        pos = i;
        return CsvRead::kEndKeep;
      }
      // Anything between the closing quote and the separator is an error
      // (RFC 4180 allows nothing there); spaces are tolerated.
      size_t junk_start = i;
      i = FieldEnd(text, i);
      if (!Trim(text.substr(junk_start, i - junk_start)).empty()) {
        diags.Error({path, line, field_col}, "unexpected text after closing quote");
      }
    } else {
      size_t start = i;
      i = FieldEnd(text, i);
      if (i - start > kMaxCsvFieldBytes) {
        diags.Error({path, field_line, field_col}, "field longer than 1 MiB");
      }
      field = Trim(text.substr(start, std::min(i - start, kMaxCsvFieldBytes)));
    }
    if (record.fields.empty()) first_quoted = quoted;
    record.fields.push_back(field);
    if (i >= n) break;
    if (text[i] == ',') {
      ++i;
      if (record.fields.size() > kMaxCsvColumns) {
        diags.Error({path, record.line, 0}, "more than 1000 columns");
        pos = i;
        return CsvRead::kEndDrop;
      }
    } else {
      if (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n') ++i;
      ++i;
      ++line;
      break;
    }
  }
  pos = i;
  record.blank = record.fields.size() == 1 && record.fields[0].empty() && !first_quoted;
  return CsvRead::kRecord;
}

namespace {

struct Record {
  int line = 0;
  std::vector<std::string> fields;
};

// Splits the whole text into records (blank lines skipped).
std::vector<Record> SplitRecords(std::string_view text, const std::string& path,
                                 Diagnostics& diags) {
  std::vector<Record> records;
  size_t i = 0;
  int line = 1;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  CsvRecord rec;
  std::deque<std::string> escaped;
  while (i < text.size()) {
    CsvRead status = ReadCsvRecord(text, i, line, path, rec, escaped, diags);
    if (status == CsvRead::kEndDrop) break;
    if (!rec.blank) {
      Record& out = records.emplace_back();
      out.line = rec.line;
      out.fields.assign(rec.fields.begin(), rec.fields.end());
    }
    escaped.clear();
    if (status == CsvRead::kEndKeep) break;
  }
  return records;
}

}  // namespace

StudyTable ReadStudyCsv(std::string_view text, std::string path, Diagnostics& diags) {
  StudyTable table;
  table.path = std::move(path);
  if (text.size() > kMaxCsvBytes) {
    diags.Error({table.path, 0, 0}, "file larger than 256 MiB");
    return table;
  }
  std::vector<Record> records = SplitRecords(text, table.path, diags);
  if (records.empty()) {
    diags.Error({table.path, 0, 0}, "no header row: the file is empty");
    return table;
  }
  const Record& header = records.front();
  std::set<std::string> seen;
  for (size_t c = 0; c < header.fields.size(); ++c) {
    const std::string& name = header.fields[c];
    if (name.empty()) {
      diags.Error({table.path, header.line, static_cast<int>(c) + 1},
                  "empty column name in header");
    } else if (!seen.insert(name).second) {
      diags.Error({table.path, header.line, static_cast<int>(c) + 1},
                  "duplicate column name '" + name + "'");
    }
    table.columns.push_back(name);
  }
  table.rows.reserve(records.size() - 1);
  for (size_t r = 1; r < records.size(); ++r) {
    Record& rec = records[r];
    if (rec.fields.size() > table.columns.size()) {
      diags.Error({table.path, rec.line, static_cast<int>(table.columns.size()) + 1},
                  "row has " + std::to_string(rec.fields.size()) + " fields but the header has " +
                      std::to_string(table.columns.size()));
      rec.fields.resize(table.columns.size());
    }
    rec.fields.resize(table.columns.size());
    table.rows.push_back({rec.line, std::move(rec.fields)});
  }
  return table;
}

StudyTable TableFromCellMaps(
    std::string path, const std::vector<std::pair<int, std::map<std::string, std::string>>>& rows) {
  StudyTable table;
  table.path = std::move(path);
  table.column_positions = false;
  for (const auto& [line, cells] : rows) {
    for (const auto& [name, value] : cells) {
      (void)value;
      if (!table.ColumnIndex(name)) table.columns.push_back(name);
    }
  }
  for (const auto& [line, cells] : rows) {
    StudyTable::Row row;
    row.line = line;
    row.cells.resize(table.columns.size());
    for (size_t c = 0; c < table.columns.size(); ++c) {
      auto it = cells.find(table.columns[c]);
      if (it != cells.end()) row.cells[c] = std::string(Trim(it->second));
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

namespace {

template <class Table>
std::optional<std::vector<std::pair<std::string, StudyTable>>> Split(Table&& table,
                                                                     std::string_view column) {
  std::optional<int> col = table.ColumnIndex(column);
  if (!col) return std::nullopt;
  std::vector<std::pair<std::string, StudyTable>> parts;
  std::unordered_map<std::string, size_t> index;  // --each may have thousands of groups
  for (auto& row : table.rows) {
    const std::string& key = row.cells[static_cast<size_t>(*col)];
    auto [it, inserted] = index.try_emplace(key, parts.size());
    if (inserted) {
      StudyTable part;
      part.path = table.path;
      part.columns = table.columns;
      part.column_positions = table.column_positions;
      parts.emplace_back(key, std::move(part));
    }
    if constexpr (std::is_const_v<std::remove_reference_t<Table>>) {
      parts[it->second].second.rows.push_back(row);
    } else {
      parts[it->second].second.rows.push_back(std::move(row));
    }
  }
  return parts;
}

}  // namespace

std::optional<std::vector<std::pair<std::string, StudyTable>>> SplitTable(const StudyTable& table,
                                                                          std::string_view column) {
  return Split(table, column);
}

std::optional<std::vector<std::pair<std::string, StudyTable>>> SplitTable(StudyTable&& table,
                                                                          std::string_view column) {
  return Split(table, column);
}

StudyRowsView ViewRows(const StudyTable& table, std::vector<std::string_view>& cells,
                       std::vector<int>& lines) {
  const size_t width = table.columns.size();
  cells.clear();
  lines.clear();
  cells.reserve(table.rows.size() * width);
  lines.reserve(table.rows.size());
  for (const StudyTable::Row& row : table.rows) {
    lines.push_back(row.line);
    // Rows are as wide as the header (ReadStudyCsv pads and truncates, and
    // TableFromCellMaps fills every column); a hand-built short row reads "".
    for (size_t c = 0; c < width; ++c)
      cells.push_back(c < row.cells.size() ? std::string_view(row.cells[c]) : std::string_view());
  }
  return {table.path, table.columns, cells, lines, table.column_positions};
}

}  // namespace evidoc::evidence
