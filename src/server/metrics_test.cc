#include "server/metrics.h"

#include <gtest/gtest.h>

namespace evidoc::server {
namespace {

TEST(MetricsTest, ClassifiesRoutes) {
  EXPECT_EQ(ClassifyPath("/leg-cramps/"), RouteClass::kPage);
  EXPECT_EQ(ClassifyPath("/assets/site.css"), RouteClass::kAsset);
  EXPECT_EQ(ClassifyPath("/search?q=x"), RouteClass::kSearch);
  EXPECT_EQ(ClassifyPath("/api/v1/search"), RouteClass::kSearch);
  EXPECT_EQ(ClassifyPath("/api/v1/articles"), RouteClass::kApi);
  EXPECT_EQ(ClassifyPath("/api/v1/medicines-check"), RouteClass::kCheck);
  EXPECT_EQ(ClassifyPath("/api/v1/feedback"), RouteClass::kFeedback);
  EXPECT_EQ(ClassifyPath("/infobutton"), RouteClass::kInfobutton);
  EXPECT_EQ(ClassifyPath("/fhir/Evidence/x"), RouteClass::kFhir);
  EXPECT_EQ(ClassifyPath("/healthz"), RouteClass::kHealth);
  EXPECT_EQ(ClassifyPath("/metrics"), RouteClass::kMetrics);
}

TEST(MetricsTest, RendersPrometheusText) {
  Metrics m;
  m.CountRequest(RouteClass::kPage, 200, std::chrono::microseconds(50));
  m.CountRequest(RouteClass::kPage, 200, std::chrono::microseconds(700));
  m.CountRequest(RouteClass::kApi, 404, std::chrono::microseconds(3000000));
  m.CountSearch(false);
  m.CountSearch(true);
  std::string t = m.Render();
  EXPECT_NE(t.find("evidoc_http_requests_total{route=\"page\",status=\"200\"} 2\n"),
            std::string::npos)
      << t;
  EXPECT_NE(t.find("evidoc_http_requests_total{route=\"api\",status=\"404\"} 1\n"),
            std::string::npos);
  EXPECT_NE(t.find("evidoc_http_request_duration_seconds_bucket{le=\"0.0001\"} 1\n"),
            std::string::npos);
  EXPECT_NE(t.find("evidoc_http_request_duration_seconds_bucket{le=\"0.001\"} 2\n"),
            std::string::npos);
  EXPECT_NE(t.find("evidoc_http_request_duration_seconds_bucket{le=\"1\"} 2\n"), std::string::npos);
  EXPECT_NE(t.find("evidoc_http_request_duration_seconds_bucket{le=\"+Inf\"} 3\n"),
            std::string::npos);
  EXPECT_NE(t.find("evidoc_http_request_duration_seconds_sum 3.000750\n"), std::string::npos);
  EXPECT_NE(t.find("evidoc_http_request_duration_seconds_count 3\n"), std::string::npos);
  EXPECT_NE(t.find("evidoc_searches_total 2\n"), std::string::npos);
  EXPECT_NE(t.find("evidoc_searches_zero_results_total 1\n"), std::string::npos);
  EXPECT_NE(t.find("# TYPE evidoc_http_request_duration_seconds histogram\n"), std::string::npos);
  // No missed-search writer attached: its counters are exported as 0.
  EXPECT_NE(t.find("# TYPE evidoc_missed_searches_dropped_total counter\n"
                   "evidoc_missed_searches_dropped_total 0\n"),
            std::string::npos);
  EXPECT_NE(t.find("# TYPE evidoc_missed_searches_failed_total counter\n"
                   "evidoc_missed_searches_failed_total 0\n"),
            std::string::npos);
}

}  // namespace
}  // namespace evidoc::server
