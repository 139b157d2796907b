#include "server/infobutton.h"

#include <gtest/gtest.h>

#include "search/test_fixture.h"

namespace evidoc::server {
namespace {

constexpr const char* kNow = "2026-11-29T10:00:00Z";

class InfobuttonTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto content = evidoc::testing::MakeFixtureContent();
    content->site.base_url = "https://example.org";
    content->site.title = "Evidoc";
    content->site.publisher = "Evidoc editors";
    for (auto& a : content->articles) a.last_reviewed = Date{2026, 3, 1};
    auto k = std::make_shared<knowledge::Knowledge>();
    k->content = content;
    auto snap = BuildSnapshot(k, {}, 1);
    ASSERT_TRUE(snap) << snap.error();
    snap_ = new std::shared_ptr<const Snapshot>(*snap);
  }
  static void TearDownTestSuite() { delete snap_; }

  static Response Ask(const std::string& query) {
    return Infobutton(**snap_, QueryParams(query), kNow);
  }
  // The article URLs of the entries, in order.
  static std::vector<std::string> Links(const std::string& query) {
    Response r = Ask(query + "&knowledgeResponseType=application/json");
    std::vector<std::string> out;
    size_t pos = 0;
    while ((pos = r.body.find("\"href\":\"", pos)) != std::string::npos) {
      pos += 8;
      out.push_back(r.body.substr(pos, r.body.find('"', pos) - pos));
    }
    return out;
  }
  static inline std::shared_ptr<const Snapshot>* snap_ = nullptr;
};

const std::string kIcd = "mainSearchCriteria.v.cs=2.16.840.1.113883.6.90&mainSearchCriteria.v.c=";
const std::string kSnomed =
    "mainSearchCriteria.v.cs=2.16.840.1.113883.6.96&mainSearchCriteria.v.c=";
const std::string kRx = "mainSearchCriteria.v.cs=2.16.840.1.113883.6.88&mainSearchCriteria.v.c=";

TEST_F(InfobuttonTest, JsonHasMedlinePlusShape) {
  Response r = Ask(kIcd + "R25.2&knowledgeResponseType=application/json");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
  EXPECT_EQ(
      r.body,
      "{\"feed\":{\"base\":\"https://example.org/\",\"lang\":\"en\","
      "\"xsi\":\"http://www.w3.org/2001/XMLSchema-instance\","
      "\"title\":{\"type\":\"text\",\"_value\":\"Evidoc Connect\"},"
      "\"updated\":{\"_value\":\"2026-11-29T10:00:00Z\"},\"id\":{\"_value\":\"\"},"
      "\"author\":{\"name\":{\"_value\":\"Evidoc "
      "editors\"},\"uri\":{\"_value\":\"https://example.org\"}},"
      "\"subtitle\":{\"type\":\"text\",\"_value\":\"Evidoc Connect results for ICD-10-CM R25.2\"},"
      "\"category\":[{\"scheme\":\"mainSearchCriteria.v.c\",\"term\":\"R25.2\"},"
      "{\"scheme\":\"mainSearchCriteria.v.cs\",\"term\":\"ICD10CM\"},"
      "{\"scheme\":\"mainSearchCriteria.v.dn\",\"term\":\"\"},"
      "{\"scheme\":\"informationRecipient\",\"term\":\"PAT\"}],"
      "\"entry\":[{\"title\":{\"_value\":\"Leg cramps\",\"type\":\"text\"},"
      "\"link\":[{\"href\":\"https://example.org/leg-cramps/\",\"rel\":\"alternate\"}],"
      "\"id\":{\"_value\":\"tag: example.org, 2026-03-01:/leg-cramps/\"},"
      "\"summary\":{\"type\":\"html\",\"_value\":\"\\u003cp\\u003eSudden, painful tightening of a "
      "muscle in the leg, often at night.\\u003c/p\\u003e\\u003cp "
      "class=\\\"NLMalsoCalled\\\"\\u003e"
      "Also called: charley horse, night cramps, nocturnal leg cramps, muscle cramp\\u003c/p\\u003e"
      "\\u003cp class=\\\"NLMattribution\\\"\\u003eEvidoc editors\\u003c/p\\u003e\"},"
      "\"updated\":{\"_value\":\"2026-03-01T00:00:00Z\"}}]}}");
}

TEST_F(InfobuttonTest, AtomIsTheDefault) {
  Response r = Ask(kSnomed + "19324001");
  EXPECT_EQ(r.content_type, "text/xml; charset=utf-8");
  EXPECT_EQ(r.body,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://example.org/\" "
            "xml:lang=\"en\">\n"
            "<title type=\"text\">Evidoc Connect</title>\n"
            "<subtitle type=\"text\">Evidoc Connect results for SNOMED CT 19324001</subtitle>\n"
            "<author><name>Evidoc editors</name><uri>https://example.org</uri></author>\n"
            "<updated>2026-11-29T10:00:00Z</updated>\n"
            "<category scheme=\"mainSearchCriteria.v.c\" term=\"19324001\"/>\n"
            "<category scheme=\"mainSearchCriteria.v.cs\" term=\"SNOMEDCT\"/>\n"
            "<category scheme=\"mainSearchCriteria.v.dn\" term=\"\"/>\n"
            "<category scheme=\"informationRecipient\" term=\"PAT\"/>\n"
            "<id>https://example.org/infobutton</id>\n"
            "<entry>\n<title type=\"text\">Baker&#39;s cyst</title>\n"
            "<link href=\"https://example.org/bakers-cyst/\" rel=\"alternate\"/>\n"
            "<id>tag: example.org, 2026-03-01:/bakers-cyst/</id>\n"
            "<updated>2026-03-01T00:00:00Z</updated>\n"
            "<summary type=\"html\">&lt;p&gt;A fluid-filled lump behind the knee. It can burst "
            "and cause pain in the calf.&lt;/p&gt;&lt;p class=&quot;NLMalsoCalled&quot;&gt;Also "
            "called: popliteal cyst, lump behind the knee&lt;/p&gt;&lt;p "
            "class=&quot;NLMattribution&quot;&gt;Evidoc editors&lt;/p&gt;</summary>\n"
            "</entry>\n</feed>\n");
}

TEST_F(InfobuttonTest, ResolvesCodes) {
  const std::vector<std::string> cramps = {"https://example.org/leg-cramps/"};
  const std::vector<std::string> dvt = {"https://example.org/deep-vein-thrombosis/"};
  EXPECT_EQ(Links(kIcd + "R25.2"), cramps);
  EXPECT_EQ(Links(kIcd + "r252"), cramps);  // case and dot do not matter
  EXPECT_EQ(Links(kIcd + "I82.40"), dvt);
  EXPECT_EQ(Links(kIcd + "I82.401"), dvt);  // a more specific code in the family
  EXPECT_EQ(Links(kIcd + "I82.4"), dvt);    // the family above it
  EXPECT_EQ(Links(kSnomed + "128053003"), dvt);
  EXPECT_EQ(Links(kRx + "36567"), cramps);  // simvastatin → statins → leg cramps
  EXPECT_EQ(Links(kRx + "4603"), cramps);   // furosemide → diuretics → leg cramps
}

TEST_F(InfobuttonTest, UnknownCodesGiveAnEmptyFeed) {
  for (std::string q : {kIcd + "Z99.9", kSnomed + "1", kRx + "999999",
                        std::string("mainSearchCriteria.v.cs=1.2.3&mainSearchCriteria.v.c=R25.2"),
                        std::string(""), std::string("garbage=%zz")}) {
    Response r = Ask(q + "&knowledgeResponseType=application/json");
    EXPECT_EQ(r.status, 200) << q;
    EXPECT_NE(r.body.find("\"entry\":[]"), std::string::npos) << q;
  }
}

TEST_F(InfobuttonTest, DisplayNameIsASearchFallback) {
  EXPECT_EQ(Links(kIcd + "Z99.9&mainSearchCriteria.v.dn=Calf+cramps+at+night"),
            std::vector<std::string>{"https://example.org/leg-cramps/"});
  EXPECT_EQ(Links("mainSearchCriteria.v.dn=blood+clot"),
            std::vector<std::string>{"https://example.org/deep-vein-thrombosis/"});
}

TEST_F(InfobuttonTest, OnlyEnglish) {
  EXPECT_EQ(Links(kIcd + "R25.2&informationRecipient.languageCode.c=en").size(), 1u);
  EXPECT_TRUE(Links(kIcd + "R25.2&informationRecipient.languageCode.c=es").empty());
  Response r = Ask(kIcd +
                   "R25.2&informationRecipient.languageCode.c=es&knowledgeResponseType="
                   "application/json");
  EXPECT_NE(r.body.find("\"lang\":\"es\""), std::string::npos);
}

TEST_F(InfobuttonTest, EchoesAreEscaped) {
  Response r = Ask(kIcd + "%3Cscript%3E&mainSearchCriteria.v.dn=%22%3E%3Cx");
  EXPECT_EQ(r.body.find("<script>"), std::string::npos);
  EXPECT_NE(r.body.find("term=\"&lt;script&gt;\""), std::string::npos);
  EXPECT_NE(r.body.find("term=\"&quot;&gt;&lt;x\""), std::string::npos);
  Response j = Ask(kIcd + "%3Cscript%3E&knowledgeResponseType=application/json");
  EXPECT_EQ(j.body.find("<script>"), std::string::npos);
}

TEST_F(InfobuttonTest, Jsonp) {
  Response r = Ask(kIcd + "R25.2&knowledgeResponseType=application/javascript&callback=cb_1");
  EXPECT_EQ(r.content_type, "application/javascript; charset=utf-8");
  EXPECT_EQ(r.body.rfind("cb_1({\"feed\":", 0), 0u);
  EXPECT_TRUE(r.body.ends_with("});"));
  // A callback that is not a plain name is refused: plain JSON instead.
  Response bad =
      Ask(kIcd + "R25.2&knowledgeResponseType=application/javascript&callback=alert(1)//");
  EXPECT_EQ(bad.content_type, "application/json; charset=utf-8");
}

}  // namespace
}  // namespace evidoc::server
