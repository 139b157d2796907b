#include "common/diagnostic.h"

#include <algorithm>
#include <tuple>

namespace evidoc {

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "note";
  }
  return "error";
}

std::string FormatDiagnostic(const Diagnostic& d) {
  std::string out = d.location.path;
  if (d.location.line > 0) {
    out += ':' + std::to_string(d.location.line);
    if (d.location.column > 0) out += ':' + std::to_string(d.location.column);
  }
  if (!out.empty()) out += ": ";
  out += SeverityName(d.severity);
  out += ": ";
  out += d.message;
  return out;
}

void Diagnostics::Error(Location where, std::string message) {
  items_.push_back({Severity::kError, std::move(where), std::move(message)});
}
void Diagnostics::Warning(Location where, std::string message) {
  items_.push_back({Severity::kWarning, std::move(where), std::move(message)});
}
void Diagnostics::Note(Location where, std::string message) {
  items_.push_back({Severity::kNote, std::move(where), std::move(message)});
}
void Diagnostics::Append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

int Diagnostics::error_count() const {
  return static_cast<int>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
    return d.severity == Severity::kError;
  }));
}

int Diagnostics::warning_count() const {
  return static_cast<int>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
    return d.severity == Severity::kWarning;
  }));
}

void Diagnostics::SortByLocation() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.location.path, a.location.line, a.location.column) <
           std::tie(b.location.path, b.location.line, b.location.column);
  });
}

}  // namespace evidoc
