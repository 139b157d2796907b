// Agreement with R's metafor: every case in metafor_fixtures.json (made by
// make_fixtures.R from metafor's own data sets and seeded random data) is
// read from its CSV text, pooled by evidoc, and every field metafor computed
// must agree to 1e-8 absolute or 1e-6 relative.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "evidence/meta_analysis.h"

namespace evidoc::evidence {
namespace {

using nlohmann::json;

json LoadFixtures() {
  std::ifstream in(std::string(EVIDOC_SOURCE_DIR) + "/tests/reference/metafor_fixtures.json");
  std::stringstream ss;
  ss << in.rdbuf();
  return json::parse(ss.str());
}

bool Close(double got, double want) {
  double diff = std::fabs(got - want);
  return diff <= 1e-8 || diff <= 1e-6 * std::fabs(want);
}

class Checker {
 public:
  explicit Checker(std::string name) : name_(std::move(name)) {}

  void Num(const json& expect, const std::string& field, std::optional<double> got) {
    if (!expect.contains(field) || expect[field].is_null()) return;
    const json& w = expect[field];
    double want = w.is_array() ? w[0].get<double>() : w.get<double>();
    if (!got) {
      ADD_FAILURE() << name_ << ": " << field << " missing, metafor gives " << want;
      return;
    }
    if (!Close(*got, want))
      ADD_FAILURE() << name_ << ": " << field << " = " << *got << ", metafor " << want;
  }

  void Vec(const json& want, const std::string& field, const std::vector<double>& got) {
    if (want.is_null()) return;
    std::vector<double> w =
        want.is_array() ? want.get<std::vector<double>>() : std::vector<double>{want.get<double>()};
    if (w.size() != got.size()) {
      ADD_FAILURE() << name_ << ": " << field << " has " << got.size() << " values, metafor "
                    << w.size();
      return;
    }
    for (size_t i = 0; i < w.size(); ++i) {
      if (!Close(got[i], w[i])) {
        ADD_FAILURE() << name_ << ": " << field << "[" << i << "] = " << got[i] << ", metafor "
                      << w[i];
      }
    }
  }

 private:
  std::string name_;
};

// A --by case: each subgroup's estimate, se and tau2, and the test between.
void CheckSubgroups(const json& c) {
  const std::string name = c["name"].get<std::string>();
  Diagnostics diags;
  StudyTable table = ReadStudyCsv(c["csv"].get<std::string>(), "fixture.csv", diags);
  EffectSizeOptions es;
  es.measure = ParseMeasure(c["measure"].get<std::string>());
  PoolingOptions po;
  po.method = *ParseMethod(c["method"].get<std::string>());
  auto s = PoolSubgroups(table, c["by"].get<std::string>(), es, po, diags);
  if (!s) {
    ADD_FAILURE() << name << ": PoolSubgroups failed";
    return;
  }
  const json& e = c["expect_subgroups"];
  Checker check(name);
  check.Num(e, "q", s->q_between);
  check.Num(e, "pval", s->pval_between);
  EXPECT_EQ(s->df_between, e["df"].get<int>()) << name;
  std::vector<double> est, se, tau2;
  std::vector<std::string> groups;
  for (const auto& [g, r] : s->groups) {
    groups.push_back(g);
    est.push_back(r.estimate);
    se.push_back(r.se);
    tau2.push_back(r.tau2);
  }
  EXPECT_EQ(groups, e["groups"].get<std::vector<std::string>>()) << name;
  check.Vec(e["estimate"], "subgroup estimate", est);
  check.Vec(e["se"], "subgroup se", se);
  check.Vec(e["tau2"], "subgroup tau2", tau2);
}

TEST(MetaforReference, EveryFixtureAgrees) {
  json cases = LoadFixtures();
  ASSERT_GT(cases.size(), 300u);
  int compared = 0;
  for (const json& c : cases) {
    const std::string name = c["name"].get<std::string>();
    if (c.contains("expect_subgroups")) {
      CheckSubgroups(c);
      ++compared;
      continue;
    }
    if (c.value("metafor_error", false) || c["expect"].is_null()) continue;
    SCOPED_TRACE(name);
    Diagnostics diags;
    StudyTable table = ReadStudyCsv(c["csv"].get<std::string>(), "fixture.csv", diags);
    EffectSizeOptions es;
    es.measure = ParseMeasure(c["measure"].get<std::string>());
    es.add = c["add"].get<double>();
    es.to = *ParseAddTo(c["to"].get<std::string>());
    es.drop00 = c["drop00"].get<bool>();
    auto data = ComputeEffectSizes(table, es, diags);
    if (!data) {
      ADD_FAILURE() << name << ": " << (diags.empty() ? "" : FormatDiagnostic(diags.items()[0]));
      continue;
    }
    PoolingOptions po;
    po.method = *ParseMethod(c["method"].get<std::string>());
    po.test = *ParseTest(c["test"].get<std::string>());
    po.level = c["level"].get<double>();
    auto r = Pool(*data, po, diags);
    if (!r) {
      ADD_FAILURE() << name << ": Pool failed";
      continue;
    }
    const json& e = c["expect"];
    Checker check(name);
    EXPECT_EQ(r->k, e["k"].get<int>()) << name;
    check.Num(e, "estimate", r->estimate);
    check.Num(e, "se", r->se);
    check.Num(e, "statistic", r->statistic);
    check.Num(e, "pval", r->pval);
    check.Num(e, "ci_lb", r->ci_lb);
    check.Num(e, "ci_ub", r->ci_ub);
    check.Num(e, "tau2", r->tau2);
    check.Num(e, "i2", r->i2);
    check.Num(e, "h2", r->h2);
    check.Num(e, "q", r->q);
    check.Num(e, "q_pval", r->q_pval);
    check.Num(e, "pi_lb", r->pi_lb);
    check.Num(e, "pi_ub", r->pi_ub);
    if (e.contains("tau2_ci") && !e["tau2_ci"].is_null()) {
      check.Vec(e["tau2_ci"], "tau2_ci",
                {r->tau2_ci_lb.value_or(NAN), r->tau2_ci_ub.value_or(NAN)});
      check.Vec(e["i2_ci"], "i2_ci", {r->i2_ci_lb.value_or(NAN), r->i2_ci_ub.value_or(NAN)});
    }
    std::vector<double> yi, vi, w;
    for (const StudyResult& s : r->studies) {
      if (!s.included) continue;
      yi.push_back(s.yi);
      vi.push_back(s.vi);
    }
    for (const StudyResult& s : r->studies) {
      // metafor's weights() lists every table for MH/Peto, fitted studies otherwise.
      if (s.included || po.method == Method::kMH || po.method == Method::kPeto)
        w.push_back(s.weight);
    }
    check.Vec(e["yi"], "yi", yi);
    check.Vec(e["vi"], "vi", vi);
    check.Vec(e["weights"], "weights", w);
    if (e.contains("egger")) {
      if (!r->egger) {
        ADD_FAILURE() << name << ": no Egger test";
      } else {
        check.Num(e["egger"], "statistic", r->egger->statistic);
        check.Num(e["egger"], "pval", r->egger->pval);
      }
    }
    if (e.contains("trimfill")) {
      if (!r->trimfill) {
        ADD_FAILURE() << name << ": no trim-and-fill";
        continue;
      }
      const json& t = e["trimfill"];
      EXPECT_EQ(r->trimfill->k0, t["k0"].get<int>()) << name;
      EXPECT_EQ(r->trimfill->side, t["side"].get<std::string>()) << name;
      check.Num(t, "estimate", r->trimfill->estimate);
      check.Num(t, "ci_lb", r->trimfill->ci_lb);
      check.Num(t, "ci_ub", r->trimfill->ci_ub);
    }
    if (e.contains("leave1out")) {
      const json& l = e["leave1out"];
      std::vector<double> est, lb, ub, tau2, i2;
      for (const LeaveOneOut& x : r->leave1out) {
        est.push_back(x.estimate);
        lb.push_back(x.ci_lb);
        ub.push_back(x.ci_ub);
        tau2.push_back(x.tau2);
        i2.push_back(x.i2);
      }
      check.Vec(l["estimate"], "leave1out.estimate", est);
      check.Vec(l["ci_lb"], "leave1out.ci_lb", lb);
      check.Vec(l["ci_ub"], "leave1out.ci_ub", ub);
      if (l.contains("tau2")) check.Vec(l["tau2"], "leave1out.tau2", tau2);
      if (l.contains("i2")) check.Vec(l["i2"], "leave1out.i2", i2);
    }
    ++compared;
  }
  EXPECT_GT(compared, 300);
}

}  // namespace
}  // namespace evidoc::evidence
