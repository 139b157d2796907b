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

namespace {

struct Record {
  int line = 0;
  std::vector<std::string> fields;
  std::vector<bool> quoted;
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Splits the whole text into records. A record ends at an unquoted LF (or
// CRLF, or a lone CR); quoted fields may hold separators, quotes ("") and
// line breaks.
std::vector<Record> SplitRecords(std::string_view text, const std::string& path,
                                 Diagnostics& diags) {
  std::vector<Record> records;
  size_t i = 0;
  int line = 1;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  size_t width = 8;  // fields in the previous record: reserve as many
  while (i < text.size()) {
    Record rec;
    rec.line = line;
    rec.fields.reserve(width);
    rec.quoted.reserve(width);
    bool record_done = false;
    while (!record_done) {
      std::string field;
      bool quoted = false;
      int field_line = line;
      int field_col = static_cast<int>(rec.fields.size()) + 1;
      // Leading spaces before an opening quote are tolerated.
      size_t j = i;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
      if (j < text.size() && text[j] == '"') {
        quoted = true;
        i = j + 1;
        bool closed = false;
        while (i < text.size()) {
          char c = text[i];
          if (c == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              field += '"';
              i += 2;
              continue;
            }
            ++i;
            closed = true;
            break;
          }
          if (c == '\n') ++line;
          if (c == '\r' && !(i + 1 < text.size() && text[i + 1] == '\n')) ++line;
          field += c;
          ++i;
          if (field.size() > kMaxCsvFieldBytes) break;
        }
        if (!closed) {
          if (field.size() > kMaxCsvFieldBytes) {
            diags.Error({path, field_line, field_col}, "field longer than 1 MiB");
          } else {
            diags.Error({path, field_line, field_col}, "unterminated quoted field");
          }
          rec.fields.push_back(std::move(field));
          rec.quoted.push_back(true);
          records.push_back(std::move(rec));
          return records;
        }
        // Anything between the closing quote and the separator is an error
        // (RFC 4180 allows nothing there); spaces are tolerated.
        size_t junk_start = i;
        while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') ++i;
        if (!Trim(text.substr(junk_start, i - junk_start)).empty()) {
          diags.Error({path, line, field_col}, "unexpected text after closing quote");
        }
      } else {
        size_t start = i;
        while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') ++i;
        if (i - start > kMaxCsvFieldBytes) {
          diags.Error({path, field_line, field_col}, "field longer than 1 MiB");
        }
        field = std::string(Trim(text.substr(start, std::min(i - start, kMaxCsvFieldBytes))));
      }
      rec.fields.push_back(std::move(field));
      rec.quoted.push_back(quoted);
      if (i >= text.size()) {
        record_done = true;
      } else if (text[i] == ',') {
        ++i;
        if (rec.fields.size() > kMaxCsvColumns) {
          diags.Error({path, rec.line, 0}, "more than 1000 columns");
          return records;
        }
      } else {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        ++i;
        ++line;
        record_done = true;
      }
    }
    width = rec.fields.size();
    bool blank = rec.fields.size() == 1 && rec.fields[0].empty() && !rec.quoted[0];
    if (!blank) records.push_back(std::move(rec));
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

}  // namespace evidoc::evidence
