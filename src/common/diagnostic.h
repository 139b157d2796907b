// Diagnostics: the one way evidoc reports a problem in user input.
//
// Every expected failure (bad YAML, an unknown citation key, a study with
// SD <= 0, a malformed HTTP request) becomes a Diagnostic carrying where it
// happened. Diagnostics are values; they never throw. Thread-compatible:
// a Diagnostics list is owned by one thread at a time.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace evidoc {

// A place in a file. `line` and `column` are 1-based; 0 means "unknown"
// (the whole file, or a CSV cell whose column is not known). For CSV input,
// `line` is the physical line of the row and `column` the 1-based field index
// unless `csv_field` is set, in which case the formatter says "row R, column NAME".
struct Location {
  std::string path;
  int line = 0;
  int column = 0;

  bool operator==(const Location&) const = default;
};

enum class Severity { kError, kWarning, kNote };

struct Diagnostic {
  Severity severity = Severity::kError;
  Location location;
  std::string message;

  bool operator==(const Diagnostic&) const = default;
};

// "path:line:col: error: message" (line/col omitted when 0), as compilers print.
std::string FormatDiagnostic(const Diagnostic& d);

std::string_view SeverityName(Severity s);

// An append-only list of diagnostics with helpers to add with a location.
class Diagnostics {
 public:
  void Error(Location where, std::string message);
  void Warning(Location where, std::string message);
  void Note(Location where, std::string message);
  void Add(Diagnostic d) { items_.push_back(std::move(d)); }
  void Append(const Diagnostics& other);

  const std::vector<Diagnostic>& items() const { return items_; }
  bool has_errors() const;
  int error_count() const;
  int warning_count() const;
  bool empty() const { return items_.empty(); }

  // Sorts by path, then line, then column, keeping insertion order among
  // equals (stable), so that a check prints "in file order".
  void SortByLocation();

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace evidoc
