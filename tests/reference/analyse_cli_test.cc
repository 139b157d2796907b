// `evidoc analyse` end to end: runs the binary on files, checks the JSON
// field names (a stable interface, issue #3) and values against metafor's
// fixtures, exit codes, the error listing, --each, --by and --forest.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace {

using nlohmann::json;

struct Outcome {
  int code = -1;
  std::string out, err;
};

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A folder of this test process's own: ctest runs tests in parallel, each in
// its own process, and shared file names let one test read another's stderr.
const std::string& Dir() {
  static const std::string dir = [] {
    std::string d = testing::TempDir() + "/evidoc-analyse-" + std::to_string(getpid());
    mkdir(d.c_str(), 0700);
    return d;
  }();
  return dir;
}

std::string Write(const std::string& name, const std::string& text) {
  std::string path = Dir() + "/" + name;
  std::ofstream(path) << text;
  return path;
}

Outcome Analyse(const std::string& args) {
  std::string err_path = Dir() + "/analyse_stderr.txt";
  std::string cmd = std::string(EVIDOC_BINARY) + " analyse " + args + " 2>" + err_path;
  Outcome r;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = Slurp(err_path);
  return r;
}

json Fixture(const std::string& name) {
  json all =
      json::parse(Slurp(std::string(EVIDOC_SOURCE_DIR) + "/tests/reference/metafor_fixtures.json"));
  for (const json& c : all)
    if (c["name"] == name) return c;
  return nullptr;
}

TEST(AnalyseCli, JsonFieldsAndValuesMatchMetafor) {
  json c = Fixture("bcg RR REML z");
  ASSERT_FALSE(c.is_null());
  std::string csv = Write("bcg.csv", c["csv"].get<std::string>());
  Outcome r = Analyse(csv + " --measure RR --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  json j = json::parse(r.out);
  for (const char* key :
       {"k",           "measure", "method", "test",     "estimate", "se",   "statistic",
        "pval",        "ci_lb",   "ci_ub",  "pi_lb",    "pi_ub",    "tau2", "tau",
        "tau2_ci",     "i2",      "i2_ci",  "h2",       "q",        "q_df", "q_pval",
        "transformed", "studies", "egger",  "trimfill", "leave1out"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  const json& e = c["expect"];
  for (const char* key : {"estimate", "se", "statistic", "pval", "ci_lb", "ci_ub", "pi_lb", "pi_ub",
                          "tau2", "i2", "h2", "q", "q_pval"}) {
    double want = e[key].get<double>(), got = j[key].get<double>();
    EXPECT_TRUE(std::fabs(got - want) <= 1e-8 || std::fabs(got - want) <= 1e-6 * std::fabs(want))
        << key;
  }
  EXPECT_EQ(j["k"], 13);
  EXPECT_EQ(j["measure"], "RR");
  EXPECT_EQ(j["method"], "REML");
  EXPECT_EQ(j["test"], "z");
  EXPECT_EQ(j["q_df"], 12);
  EXPECT_DOUBLE_EQ(j["transformed"]["estimate"].get<double>(),
                   std::exp(j["estimate"].get<double>()));
  ASSERT_EQ(j["studies"].size(), 13u);
  EXPECT_EQ(j["studies"][0]["study"], "Aronson 1948");
  for (const char* key : {"study", "yi", "vi", "weight", "ci_lb", "ci_ub"})
    EXPECT_TRUE(j["studies"][0].contains(key));
  EXPECT_EQ(j["trimfill"]["k0"], e["trimfill"]["k0"]);
  EXPECT_EQ(j["trimfill"]["side"], e["trimfill"]["side"]);
  EXPECT_EQ(j["leave1out"].size(), 13u);
  EXPECT_EQ(j["leave1out"][0]["omitted"], "Aronson 1948");
}

TEST(AnalyseCli, CommonEffectHasNullPredictionIntervalAndNoTransformedForMd) {
  std::string csv =
      Write("md.csv", "study,m1i,sd1i,n1i,m2i,sd2i,n2i\nA,5,2,20,4,2,21\nB,6,3,30,4,2,31\n");
  Outcome r = Analyse(csv + " --method EE --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  json j = json::parse(r.out);
  EXPECT_TRUE(j["pi_lb"].is_null());
  EXPECT_TRUE(j["tau2_ci"].is_null());
  EXPECT_FALSE(j.contains("transformed"));
  EXPECT_FALSE(j.contains("egger"));  // k < 3
  EXPECT_EQ(j["measure"], "MD");
}

TEST(AnalyseCli, DataErrorsAllListedExitOne) {
  std::string csv = Write("bad.csv", "study,yi,vi\nA,0.1,0\nB,x,0.2\nA,0.3,0.1\n");
  Outcome r = Analyse(csv);
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, csv + ":2:3: error: vi must be > 0, got 0\n" + csv +
                       ":3:2: error: 'x' in column 'yi' is not a finite number\n" + csv +
                       ":4:1: error: duplicate study label 'A' (first on line 2)\n");
}

TEST(AnalyseCli, UsageErrorsExitTwo) {
  std::string csv = Write("ok.csv", "yi,vi\n0.1,0.1\n");
  EXPECT_EQ(Analyse(csv + " --method GLMM").code, 2);
  EXPECT_EQ(Analyse(csv + " --level 120").code, 2);
  EXPECT_EQ(Analyse(csv + " --format xml").code, 2);
  EXPECT_EQ(Analyse("").code, 2);
  EXPECT_EQ(Analyse(csv + " --by a --each b").code, 2);
}

TEST(AnalyseCli, EachWritesOneObjectPerLine) {
  std::string csv =
      Write("each.csv", "analysis,yi,vi\nx,0.1,0.02\nx,0.3,0.03\ny,1,0.1\ny,0.5,0.2\ny,0.7,0.1\n");
  Outcome r = Analyse(csv + " --each analysis --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  std::vector<std::string> names;
  while (std::getline(lines, line)) {
    json j = json::parse(line);
    names.push_back(j["analysis"].get<std::string>());
    EXPECT_FALSE(j.contains("leave1out"));  // only with --sensitivity
  }
  EXPECT_EQ(names, (std::vector<std::string>{"x", "y"}));
  Outcome s = Analyse(csv + " --each analysis --format json --sensitivity");
  EXPECT_NE(s.out.find("\"leave1out\""), std::string::npos);
}

TEST(AnalyseCli, ByAndForest) {
  std::string csv =
      Write("by.csv", "study,grp,yi,vi\nA,x,0.1,0.02\nB,x,0.3,0.03\nC,y,0.9,0.05\nD,y,1.1,0.04\n");
  std::string svg = Dir() + "/forest.svg";
  Outcome r = Analyse(csv + " --by grp --format json --forest " + svg);
  ASSERT_EQ(r.code, 0) << r.err;
  json j = json::parse(r.out);
  ASSERT_EQ(j["subgroups"].size(), 2u);
  EXPECT_EQ(j["subgroups"][1]["group"], "y");
  EXPECT_EQ(j["test_between"]["df"], 1);
  std::string plot = Slurp(svg);
  EXPECT_NE(plot.find("<title id=\"forest-title\">"), std::string::npos);
  EXPECT_NE(plot.find(">D</text>"), std::string::npos);
}

}  // namespace
