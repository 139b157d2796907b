#include "evidence/effect_size.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>

namespace evidoc::evidence {

namespace {

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Reads one numeric cell. Returns nullopt (after an error) when the cell is
// empty, "NA" or not a finite number.
class CellReader {
 public:
  CellReader(const StudyRowsView& table, Diagnostics& diags) : table_(table), diags_(diags) {}

  std::optional<double> Number(size_t row, int col) {
    std::string_view text = table_.Cell(row, static_cast<size_t>(col));
    const std::string& name = table_.columns[static_cast<size_t>(col)];
    if (text.empty() || text == "NA") {
      diags_.Error(table_.CellLocation(row, col), "missing value in column '" + name + "'");
      return std::nullopt;
    }
    double value = 0;
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    if (*begin == '+') ++begin;
    auto [ptr, ec] = std::from_chars(begin, end, value);
    if (ec != std::errc() || ptr != end || !std::isfinite(value)) {
      diags_.Error(table_.CellLocation(row, col),
                   "'" + std::string(text) + "' in column '" + name + "' is not a finite number");
      return std::nullopt;
    }
    return value;
  }

 private:
  const StudyRowsView& table_;
  Diagnostics& diags_;
};

struct Columns {
  std::vector<std::string> names;
  std::vector<int> index;
};

}  // namespace

std::string_view MeasureName(Measure m) {
  switch (m) {
    case Measure::kRR:
      return "RR";
    case Measure::kOR:
      return "OR";
    case Measure::kRD:
      return "RD";
    case Measure::kMD:
      return "MD";
    case Measure::kSMD:
      return "SMD";
    case Measure::kROM:
      return "ROM";
    case Measure::kGEN:
      return "GEN";
  }
  return "GEN";
}

std::optional<Measure> ParseMeasure(std::string_view name) {
  static const std::map<std::string, Measure> kNames = {
      {"RR", Measure::kRR},   {"OR", Measure::kOR},   {"RD", Measure::kRD},  {"MD", Measure::kMD},
      {"SMD", Measure::kSMD}, {"ROM", Measure::kROM}, {"GEN", Measure::kGEN}};
  auto it = kNames.find(Upper(name));
  if (it == kNames.end()) return std::nullopt;
  return it->second;
}

bool IsRatioMeasure(Measure m) {
  return m == Measure::kRR || m == Measure::kOR || m == Measure::kROM;
}
bool IsDichotomous(Measure m) {
  return m == Measure::kRR || m == Measure::kOR || m == Measure::kRD;
}

std::string_view AddToName(AddTo t) {
  switch (t) {
    case AddTo::kOnly0:
      return "only0";
    case AddTo::kAll:
      return "all";
    case AddTo::kIf0All:
      return "if0all";
    case AddTo::kNone:
      return "none";
  }
  return "only0";
}

std::optional<AddTo> ParseAddTo(std::string_view name) {
  std::string n = Lower(name);
  if (n == "only0") return AddTo::kOnly0;
  if (n == "all") return AddTo::kAll;
  if (n == "if0all") return AddTo::kIf0All;
  if (n == "none") return AddTo::kNone;
  return std::nullopt;
}

double HedgesCorrection(double m) {
  return std::exp(std::lgamma(m / 2) - std::log(std::sqrt(m / 2)) - std::lgamma((m - 1) / 2));
}

std::optional<EffectData> ComputeEffectSizes(const StudyTable& table,
                                             const EffectSizeOptions& options, Diagnostics& diags) {
  std::vector<std::string_view> cells;
  std::vector<int> lines;
  return ComputeEffectSizes(ViewRows(table, cells, lines), options, diags);
}

std::optional<EffectData> ComputeEffectSizes(const StudyRowsView& table,
                                             const EffectSizeOptions& options, Diagnostics& diags) {
  const int errors_before = diags.error_count();
  auto has = [&](std::string_view c) { return table.ColumnIndex(c).has_value(); };
  const std::string path(table.path);
  Location file_loc{path, table.size() == 0 ? 0 : 1, 0};

  Measure measure;
  if (options.measure) {
    measure = *options.measure;
  } else if (has("yi")) {
    measure = Measure::kGEN;
  } else if (has("ai")) {
    measure = Measure::kRR;
  } else if (has("m1i")) {
    measure = Measure::kMD;
  } else {
    diags.Error(
        file_loc,
        "cannot tell the measure: expected columns ai,bi,ci,di or ai,n1i,ci,n2i (2x2 counts), "
        "m1i,sd1i,n1i,m2i,sd2i,n2i (means) or yi with vi or sei (generic)");
    return std::nullopt;
  }

  // Which columns the measure needs.
  std::vector<std::string> needed;
  bool use_n = false;  // 2x2 given as ai,n1i,ci,n2i
  bool use_sei = false;
  if (IsDichotomous(measure)) {
    use_n = !has("bi") && !has("di") && (has("n1i") || has("n2i"));
    needed = use_n ? std::vector<std::string>{"ai", "n1i", "ci", "n2i"}
                   : std::vector<std::string>{"ai", "bi", "ci", "di"};
  } else if (measure == Measure::kGEN) {
    use_sei = !has("vi") && has("sei");
    needed = {"yi", use_sei ? "sei" : "vi"};
  } else {
    needed = {"m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i"};
  }
  std::vector<int> col;
  bool missing = false;
  for (const std::string& name : needed) {
    std::optional<int> c = table.ColumnIndex(name);
    if (!c) {
      std::string what =
          "missing column '" + name + "' needed for measure " + std::string(MeasureName(measure));
      if (measure == Measure::kGEN && name == "vi") what += " (give vi or sei)";
      diags.Error({path, 1, 0}, what);
      missing = true;
      col.push_back(-1);
    } else {
      col.push_back(*c);
    }
  }
  if (missing) return std::nullopt;
  if (table.size() == 0) {
    diags.Error({path, 1, 0}, "no studies: the table has a header but no rows");
    return std::nullopt;
  }

  std::optional<int> label_col = table.ColumnIndex(options.label_column);
  std::optional<int> design_col = table.ColumnIndex("design");
  CellReader reader(table, diags);
  EffectData data;
  data.measure = measure;
  data.add = options.add;
  data.to = options.to;
  // First row of each label, for duplicates. A meta-analysis has tens of
  // studies, and a batch thousands of meta-analyses: up to kLinear rows a
  // scan of the earlier labels is cheaper than a hash map's allocations.
  // The views point into `table`, which outlives this call.
  constexpr size_t kLinear = 64;
  const bool linear = table.size() <= kLinear;
  std::unordered_map<std::string_view, size_t> labels;
  if (!linear) labels.reserve(table.size());
  auto first_row = [&](std::string_view label, size_t r) -> size_t {
    if (!linear) return labels.emplace(label, r).first->second;
    for (size_t i = 0; i < r; ++i) {
      if (label_col && table.Cell(i, static_cast<size_t>(*label_col)) == label) return i;
    }
    return r;
  };
  data.studies.reserve(table.size());
  std::vector<std::optional<double>> v;
  v.reserve(col.size());

  for (size_t r = 0; r < table.size(); ++r) {
    auto cell = [&](int c) { return table.Cell(r, static_cast<size_t>(c)); };
    Study study;
    study.line = table.lines[r];
    study.row = r;
    if (label_col && !cell(*label_col).empty()) {
      study.label = std::string(cell(*label_col));
      size_t first = first_row(cell(*label_col), r);
      if (first != r) {
        diags.Error(table.CellLocation(r, *label_col),
                    "duplicate study label '" + study.label + "' (first on line " +
                        std::to_string(table.lines[first]) + ")");
      }
    } else {
      study.label = "Study " + std::to_string(r + 1);
    }
    if (design_col) {
      std::string design = Lower(cell(*design_col));
      if (design == "crossover" || design == "cross-over" || design == "paired" ||
          design == "within") {
        diags.Warning(
            table.CellLocation(r, *design_col),
            "study '" + study.label + "' is a " + design +
                " design: parallel-group formulas overstate its variance (enter yi and vi from a "
                "paired analysis instead)");
      }
    }

    v.clear();
    bool ok = true;
    for (int c : col) {
      v.push_back(reader.Number(r, c));
      if (!v.back()) ok = false;
    }
    // Checks on single cells run on every cell that parsed, so that one bad
    // cell does not hide another in the same row.
    auto cell_error = [&](size_t i, const std::string& what) {
      diags.Error(table.CellLocation(r, col[i]), what);
      ok = false;
    };
    auto text_of = [&](size_t i) { return std::string(cell(col[i])); };
    auto in_column = [&](size_t i) { return " in column '" + needed[i] + "'"; };
    if (IsDichotomous(measure)) {
      for (size_t i = 0; i < 4; ++i) {
        if (v[i] && *v[i] < 0) cell_error(i, "negative count " + text_of(i) + in_column(i));
      }
    } else if (measure == Measure::kGEN) {
      if (v[1] && *v[1] <= 0)
        cell_error(1, std::string(use_sei ? "sei" : "vi") + " must be > 0, got " + text_of(1));
    } else {
      for (size_t i : {size_t{0}, size_t{3}}) {
        if (measure == Measure::kROM && v[i] && *v[i] <= 0) {
          cell_error(i, "ROM needs positive means, got " + text_of(i) + in_column(i));
        }
      }
      for (size_t i : {size_t{1}, size_t{4}}) {
        if (v[i] && *v[i] <= 0) cell_error(i, "SD must be > 0, got " + text_of(i) + in_column(i));
      }
      for (size_t i : {size_t{2}, size_t{5}}) {
        if (v[i] && *v[i] < 2)
          cell_error(i, "group size must be at least 2, got " + text_of(i) + in_column(i));
      }
    }
    if (!ok) continue;

    if (IsDichotomous(measure)) {
      double ai = *v[0], ci = *v[2];
      double bi, di;
      if (use_n) {
        double n1 = *v[1], n2 = *v[3];
        bool row_ok = true;
        if (ai > n1) {
          cell_error(0, "events ai = " + text_of(0) + " above the group total n1i = " + text_of(1));
          row_ok = false;
        }
        if (ci > n2) {
          cell_error(2, "events ci = " + text_of(2) + " above the group total n2i = " + text_of(3));
          row_ok = false;
        }
        if (!row_ok) continue;
        bi = n1 - ai;
        di = n2 - ci;
      } else {
        bi = *v[1];
        di = *v[3];
      }
      if (ai + bi <= 0 || ci + di <= 0) {
        cell_error(ai + bi <= 0 ? 1 : 3, "a group with no participants");
        continue;
      }
      study.counts = TwoByTwo{ai, bi, ci, di};
    } else if (measure == Measure::kGEN) {
      study.yi = *v[0];
      study.vi = use_sei ? *v[1] * *v[1] : *v[1];
    } else {
      double m1 = *v[0], sd1 = *v[1], n1 = *v[2], m2 = *v[3], sd2 = *v[4], n2 = *v[5];
      if (measure == Measure::kMD) {
        study.yi = m1 - m2;
        study.vi = sd1 * sd1 / n1 + sd2 * sd2 / n2;
      } else if (measure == Measure::kSMD) {
        double mi = n1 + n2 - 2;
        double sdpi = std::sqrt(((n1 - 1) * sd1 * sd1 + (n2 - 1) * sd2 * sd2) / mi);
        study.yi = HedgesCorrection(mi) * (m1 - m2) / sdpi;
        study.vi = 1 / n1 + 1 / n2 + study.yi * study.yi / (2 * (n1 + n2));
      } else {
        study.yi = std::log(m1 / m2);
        study.vi = sd1 * sd1 / (n1 * m1 * m1) + sd2 * sd2 / (n2 * m2 * m2);
      }
    }
    data.studies.push_back(std::move(study));
  }

  if (IsDichotomous(measure)) {
    // Continuity correction and drop00, exactly as escalc(): a study is
    // "double zero" when both arms have no events or both have only events.
    bool any_zero = false;
    for (const Study& s : data.studies) {
      const TwoByTwo& t = *s.counts;
      if (t.ai == 0 || t.bi == 0 || t.ci == 0 || t.di == 0) any_zero = true;
    }
    for (Study& s : data.studies) {
      TwoByTwo t = *s.counts;
      bool zero = t.ai == 0 || t.bi == 0 || t.ci == 0 || t.di == 0;
      bool double_zero = (t.ai == 0 && t.ci == 0) || (t.bi == 0 && t.di == 0);
      if (options.drop00 && double_zero) {
        s.has_yi = false;
        continue;
      }
      bool add = options.to == AddTo::kAll || (options.to == AddTo::kOnly0 && zero) ||
                 (options.to == AddTo::kIf0All && any_zero);
      if (add) {
        t.ai += options.add;
        t.bi += options.add;
        t.ci += options.add;
        t.di += options.add;
      }
      double n1 = t.ai + t.bi, n2 = t.ci + t.di;
      double p1 = t.ai / n1, p2 = t.ci / n2;
      if (measure == Measure::kRR) {
        s.yi = std::log(p1) - std::log(p2);
        s.vi = 1 / t.ai - 1 / n1 + 1 / t.ci - 1 / n2;
      } else if (measure == Measure::kOR) {
        s.yi = std::log(t.ai * t.di / (t.bi * t.ci));
        s.vi = 1 / t.ai + 1 / t.bi + 1 / t.ci + 1 / t.di;
      } else {
        s.yi = p1 - p2;
        s.vi = p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2;
      }
      if (!std::isfinite(s.yi) || !std::isfinite(s.vi) || s.vi <= 0) s.has_yi = false;
    }
  }

  if (diags.error_count() > errors_before) return std::nullopt;
  return data;
}

}  // namespace evidoc::evidence
