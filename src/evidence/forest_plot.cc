#include "evidence/forest_plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace evidoc::evidence {

std::string EscapeSvg(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        // XML 1.0 forbids C0 controls other than tab, LF and CR.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out += c;
    }
  }
  return out;
}

namespace {

std::string Fmt(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

std::string FormatP(double p) {
  if (p < 0.001) return "P < 0.001";
  return "P = " + Fmt(p < 0.01 ? "%.3f" : "%.2f", p);
}

// Plot coordinates: the scale of yi (log for ratio measures).
struct Axis {
  double lo = -1, hi = 1;
  bool log = false;
  std::vector<double> ticks;  // on the yi scale
  double x0 = 0, x1 = 1;      // pixel range

  double X(double v) const { return x0 + (std::clamp(v, lo, hi) - lo) / (hi - lo) * (x1 - x0); }
};

Axis MakeAxis(double lo, double hi, bool ratio) {
  Axis a;
  a.log = ratio;
  lo = std::min(lo, 0.0);
  hi = std::max(hi, 0.0);
  if (ratio) {
    static const double kTicks[] = {0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100};
    double l = 0.01, h = 100;
    for (double t : kTicks)
      if (std::log(t) <= lo + 1e-12) l = t;
    for (auto it = std::rbegin(kTicks); it != std::rend(kTicks); ++it)
      if (std::log(*it) >= hi - 1e-12) h = *it;
    a.lo = std::log(l);
    a.hi = std::log(h);
    for (double t : kTicks)
      if (t >= l && t <= h) a.ticks.push_back(std::log(t));
    return a;
  }
  double span = hi - lo;
  if (span <= 0) span = 1;
  double raw = span / 4;
  double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * mag >= raw) {
      step = m * mag;
      break;
    }
  }
  a.lo = std::floor(lo / step) * step;
  a.hi = std::ceil(hi / step) * step;
  if (a.hi <= a.lo) a.hi = a.lo + step;
  for (double t = a.lo; t <= a.hi + step / 2; t += step)
    a.ticks.push_back(std::fabs(t) < step / 1e6 ? 0.0 : t);
  return a;
}

std::string Natural(double v, bool ratio) { return Fmt("%.2f", ratio ? std::exp(v) : v); }

std::string EstimateText(double est, double lb, double ub, bool ratio) {
  return Natural(est, ratio) + " [" + Natural(lb, ratio) + ", " + Natural(ub, ratio) + "]";
}

std::string MethodLabel(const MetaAnalysisResult& r) {
  switch (r.method) {
    case Method::kEE:
      return "Common-effect model (inverse variance)";
    case Method::kMH:
      return "Common-effect model (Mantel-Haenszel)";
    case Method::kPeto:
      return "Common-effect model (Peto)";
    default:
      return "Random-effects model (" + std::string(MethodName(r.method)) + ")";
  }
}

}  // namespace

std::string RenderForestSvg(const MetaAnalysisResult& r, const ForestOptions& options) {
  const bool ratio = IsRatioMeasure(r.measure);
  const std::string measure =
      r.method == Method::kPeto ? "Peto OR" : std::string(MeasureName(r.measure));
  const int width = std::max(options.width, 600);
  const double row_h = 22;
  const double label_x = 10, plot_x0 = width * 0.30, plot_x1 = width * 0.66;
  const double weight_x = width * 0.75, est_x = width * 0.78;
  const std::string level = Fmt("%g", r.level);

  double lo = r.ci_lb, hi = r.ci_ub;
  for (const StudyResult& s : r.studies) {
    if (!s.included) continue;
    lo = std::min(lo, s.ci_lb);
    hi = std::max(hi, s.ci_ub);
  }
  if (r.pi_lb) lo = std::min(lo, *r.pi_lb);
  if (r.pi_ub) hi = std::max(hi, *r.pi_ub);
  Axis axis = MakeAxis(lo, hi, ratio);
  axis.x0 = plot_x0;
  axis.x1 = plot_x1;

  double max_w = 0;
  for (const StudyResult& s : r.studies) max_w = std::max(max_w, s.weight);

  const double header_y = 50;
  const double first_row = header_y + row_h;
  const double pooled_y = first_row + row_h * static_cast<double>(r.studies.size()) + row_h * 0.5;
  const double pi_y = pooled_y + row_h;
  const double axis_y = (r.pi_lb ? pi_y : pooled_y) + row_h;
  const double height = axis_y + 92;

  std::string title =
      options.title.empty() ? "Forest plot: " + measure + ", " + MethodLabel(r) : options.title;
  std::string desc = std::to_string(r.k) + " studies. Pooled " + measure + " " +
                     EstimateText(r.estimate, r.ci_lb, r.ci_ub, ratio) + " (" + level + "% CI)";
  if (r.pi_lb && r.pi_ub) {
    desc += "; prediction interval " + Natural(*r.pi_lb, ratio) + " to " + Natural(*r.pi_ub, ratio);
  }
  desc += ". I-squared " + Fmt("%.0f", r.i2) + "%.";

  std::string o;
  const std::string id = EscapeSvg(options.id);
  o += "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"" + id +
       "-title " + id + "-desc\" ";
  o += "width=\"" + std::to_string(width) + "\" height=\"" + Fmt("%.0f", height) +
       "\" viewBox=\"0 0 " + std::to_string(width) + " " + Fmt("%.0f", height) +
       "\" font-family=\"sans-serif\" font-size=\"12\">\n";
  o += "<title id=\"" + id + "-title\">" + EscapeSvg(title) + "</title>\n";
  o += "<desc id=\"" + id + "-desc\">" + EscapeSvg(desc) + "</desc>\n";
  o += "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n";

  auto text = [&](double x, double y, const std::string& s, const char* anchor = "start",
                  const char* weight = "normal") {
    o += "<text x=\"" + Fmt("%.1f", x) + "\" y=\"" + Fmt("%.1f", y) + "\" text-anchor=\"" + anchor +
         "\"";
    if (std::string_view(weight) != "normal") o += " font-weight=\"" + std::string(weight) + "\"";
    o += ">" + EscapeSvg(s) + "</text>\n";
  };

  // Header.
  text(label_x, header_y - 24, title, "start", "bold");
  text(label_x, header_y, "Study", "start", "bold");
  text((plot_x0 + plot_x1) / 2, header_y, measure + " [" + level + "% CI]", "middle", "bold");
  text(weight_x, header_y, "Weight", "end", "bold");
  text(est_x, header_y, measure + " [" + level + "% CI]", "start", "bold");

  // Line of no effect.
  double x_null = axis.X(0);
  o += "<line x1=\"" + Fmt("%.1f", x_null) + "\" y1=\"" + Fmt("%.1f", header_y + 6) + "\" x2=\"" +
       Fmt("%.1f", x_null) + "\" y2=\"" + Fmt("%.1f", axis_y) +
       "\" stroke=\"#333\" stroke-width=\"1\"/>\n";

  o += "<g class=\"studies\">\n";
  for (size_t i = 0; i < r.studies.size(); ++i) {
    const StudyResult& s = r.studies[i];
    double y = first_row + row_h * static_cast<double>(i);
    text(label_x, y + 4, s.study);
    if (!s.included) {
      text(est_x, y + 4, "Not estimable");
      continue;
    }
    double xl = axis.X(s.ci_lb), xu = axis.X(s.ci_ub), xm = axis.X(s.yi);
    o += "<line x1=\"" + Fmt("%.1f", xl) + "\" y1=\"" + Fmt("%.1f", y) + "\" x2=\"" +
         Fmt("%.1f", xu) + "\" y2=\"" + Fmt("%.1f", y) +
         "\" stroke=\"#000\" stroke-width=\"1.2\"/>\n";
    // Arrows where the interval runs off the axis.
    if (s.ci_lb < axis.lo) {
      o += "<path d=\"M" + Fmt("%.1f", xl) + " " + Fmt("%.1f", y) +
           " l6 -4 v8 z\" fill=\"#000\"/>\n";
    }
    if (s.ci_ub > axis.hi) {
      o += "<path d=\"M" + Fmt("%.1f", xu) + " " + Fmt("%.1f", y) +
           " l-6 -4 v8 z\" fill=\"#000\"/>\n";
    }
    double side = max_w > 0 ? std::max(3.0, 16 * std::sqrt(s.weight / max_w)) : 6;
    if (s.yi >= axis.lo && s.yi <= axis.hi) {
      o += "<rect x=\"" + Fmt("%.1f", xm - side / 2) + "\" y=\"" + Fmt("%.1f", y - side / 2) +
           "\" width=\"" + Fmt("%.1f", side) + "\" height=\"" + Fmt("%.1f", side) +
           "\" fill=\"#1f4e79\"/>\n";
    }
    text(weight_x, y + 4, Fmt("%.1f", s.weight) + "%", "end");
    text(est_x, y + 4, EstimateText(s.yi, s.ci_lb, s.ci_ub, ratio));
  }
  o += "</g>\n";

  // Pooled diamond.
  {
    double y = pooled_y;
    double xl = axis.X(r.ci_lb), xu = axis.X(r.ci_ub), xm = axis.X(r.estimate);
    text(label_x, y + 4, MethodLabel(r), "start", "bold");
    o += "<polygon class=\"pooled\" points=\"" + Fmt("%.1f", xl) + "," + Fmt("%.1f", y) + " " +
         Fmt("%.1f", xm) + "," + Fmt("%.1f", y - 7) + " " + Fmt("%.1f", xu) + "," + Fmt("%.1f", y) +
         " " + Fmt("%.1f", xm) + "," + Fmt("%.1f", y + 7) + "\" fill=\"#000\"/>\n";
    text(weight_x, y + 4, "100.0%", "end", "bold");
    text(est_x, y + 4, EstimateText(r.estimate, r.ci_lb, r.ci_ub, ratio), "start", "bold");
  }
  if (r.pi_lb && r.pi_ub) {
    double y = pi_y;
    text(label_x, y + 4, "Prediction interval");
    o += "<line class=\"prediction\" x1=\"" + Fmt("%.1f", axis.X(*r.pi_lb)) + "\" y1=\"" +
         Fmt("%.1f", y) + "\" x2=\"" + Fmt("%.1f", axis.X(*r.pi_ub)) + "\" y2=\"" + Fmt("%.1f", y) +
         "\" stroke=\"#000\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>\n";
    text(est_x, y + 4, "[" + Natural(*r.pi_lb, ratio) + ", " + Natural(*r.pi_ub, ratio) + "]");
  }

  // Axis with ticks (natural-scale labels for ratio measures).
  o += "<g class=\"axis\">\n";
  o += "<line x1=\"" + Fmt("%.1f", plot_x0) + "\" y1=\"" + Fmt("%.1f", axis_y) + "\" x2=\"" +
       Fmt("%.1f", plot_x1) + "\" y2=\"" + Fmt("%.1f", axis_y) + "\" stroke=\"#000\"/>\n";
  for (double t : axis.ticks) {
    double x = axis.X(t);
    o += "<line x1=\"" + Fmt("%.1f", x) + "\" y1=\"" + Fmt("%.1f", axis_y) + "\" x2=\"" +
         Fmt("%.1f", x) + "\" y2=\"" + Fmt("%.1f", axis_y + 5) + "\" stroke=\"#000\"/>\n";
    text(x, axis_y + 18, Fmt("%g", ratio ? std::exp(t) : t), "middle");
  }
  o += "</g>\n";
  text(x_null - 8, axis_y + 36, options.favours_left, "end");
  text(x_null + 8, axis_y + 36, options.favours_right, "start");

  // Heterogeneity and the test for the overall effect, as RevMan prints them.
  std::string het = "Heterogeneity: ";
  if (IsRandomEffects(r.method)) het += "Tau\u00b2 = " + Fmt("%.2f", r.tau2) + "; ";
  het += "Chi\u00b2 = " + Fmt("%.2f", r.q) + ", df = " + std::to_string(r.q_df) + " (" +
         FormatP(r.q_pval) + "); I\u00b2 = " + Fmt("%.0f", r.i2) + "%";
  text(label_x, axis_y + 62, het);
  std::string overall = std::string("Test for overall effect: ") +
                        (r.test == Test::kKnha ? "t" : "Z") + " = " +
                        Fmt("%.2f", std::fabs(r.statistic)) + " (" + FormatP(r.pval) + ")";
  text(label_x, axis_y + 80, overall);
  o += "</svg>\n";
  return o;
}

}  // namespace evidoc::evidence
