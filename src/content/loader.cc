#include "content/loader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "common/parallel_for.h"
#include "content/did_you_mean.h"
#include "content/evidence_loader.h"
#include "content/image_size.h"
#include "content/limits.h"
#include "content/markdown.h"
#include "content/prose.h"
#include "content/source_text.h"
#include "content/yaml_reader.h"
#include "text/readability.h"

namespace evidoc::content {

std::string_view UrgencyName(Urgency u) {
  switch (u) {
    case Urgency::kEmergency:
      return "emergency";
    case Urgency::kSameDay:
      return "same_day";
    case Urgency::kSeeDoctor:
      return "see_doctor";
    case Urgency::kSelfCare:
      return "self_care";
  }
  return "see_doctor";
}

namespace {

const std::vector<std::string> kSiteFields = {"title",
                                              "base_url",
                                              "language",
                                              "publisher",
                                              "reading_grade_target",
                                              "review_period_months",
                                              "disclaimer"};
const std::vector<std::string> kArticleFields = {
    "title",     "slug", "summary", "codes",     "synonyms",   "last_reviewed",   "next_review",
    "reviewers", "hero", "related", "red_flags", "treatments", "questions_to_ask"};
const std::vector<std::string> kCodeFields = {"system", "code", "display"};
const std::vector<std::string> kCodeSystems = {"ICD-10-CM", "SNOMED CT"};
const std::vector<std::string> kImageFields = {"src", "alt", "width", "height", "caption"};
const std::vector<std::string> kRedFlagFields = {"sign", "urgency", "advice", "reason"};
const std::vector<std::string> kUrgencies = {"emergency", "same_day", "see_doctor", "self_care"};
const std::vector<std::string> kGlossaryFields = {"term", "aliases", "definition"};
const std::vector<std::string> kMedicineFields = {"id", "name", "atc", "members", "may_cause"};
const std::vector<std::string> kMemberFields = {"generic", "brands", "rxnorm", "atc"};
const std::vector<std::string> kEffectFields = {"condition", "explanation", "citations"};
const std::vector<std::string> kCheckerFields = {"id",        "title", "condition",
                                                 "questions", "rules", "default_advice"};
const std::vector<std::string> kQuestionFields = {"id", "text", "hint", "red_flag"};
const std::vector<std::string> kRuleFields = {"id", "all_of", "urgency", "advice", "reason"};

// Site pages a one-segment absolute link may name without being an article.
const std::set<std::string> kSitePages = {"glossary",  "a-z",        "search",     "tools",
                                          "medicines", "symptoms",   "treatments", "evidence",
                                          "api",       "about",      "images",     "assets",
                                          "fhir",      "infobutton", "feedback",   "sitemap.xml"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool ValidSlug(const std::string& s) {
  if (s.empty() || s.front() == '-' || s.back() == '-') return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && s[i - 1] != '-');
    if (!ok) return false;
  }
  return true;
}

bool HasScheme(std::string_view url) {
  if (url.substr(0, 2) == "//") return true;
  size_t colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  for (size_t i = 0; i < colon; ++i) {
    char c = url[i];
    bool ok = std::isalpha(static_cast<unsigned char>(c)) ||
              (i > 0 &&
               (std::isdigit(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.'));
    if (!ok) return false;
  }
  return true;
}

std::string FormatGrade(double g) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", g);
  return buf;
}
std::string FormatTarget(double t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", t);
  return buf;
}

std::optional<Urgency> ParseUrgency(const std::string& s) {
  if (s == "emergency") return Urgency::kEmergency;
  if (s == "same_day") return Urgency::kSameDay;
  if (s == "see_doctor") return Urgency::kSeeDoctor;
  if (s == "self_care") return Urgency::kSelfCare;
  return std::nullopt;
}

// What the cross-checks need to know about an article besides the model.
struct ArticleExtra {
  Location slug_at;
  std::vector<YamlReader::Located> related;
  std::vector<YamlReader::Located> treatments;
  std::vector<CitationUse> citations;
  std::vector<LinkUse> links;
};

struct LoadedArticle {
  Article article;
  ArticleExtra extra;
};

struct CheckerExtra {
  Location condition_at;
};

struct MedicineExtra {
  std::vector<Location> condition_at;              // per may_cause entry
  std::vector<std::vector<Location>> citation_at;  // per may_cause entry, per citation
};

class Loader {
 public:
  Loader(const FileSystem& fs, std::string root, const LoadOptions& options)
      : fs_(fs), root_(std::move(root)), options_(options) {
    content_.root = root_;
  }

  LoadResult Run() {
    if (!fs_.IsDir(root_)) {
      diags_.Error(Location{root_, 0, 0}, "content folder not found");
      return Finish();
    }
    LoadSite();
    LoadReferences();
    LoadGlossary();
    LoadArticles();
    LoadMedicines();
    LoadSymptoms();
    LoadEvidenceFiles();
    CheckArticles();
    CheckMedicines();
    CheckSymptoms();
    CheckReferencesCited();
    return Finish();
  }

 private:
  std::string Display(const std::string& rel) const { return JoinPath(root_, rel); }

  // DidYouMean against lists that come from the content (slugs, keys,
  // question ids) costs one edit distance per candidate; hostile input could
  // ask for 50,000 suggestions among 50,000 keys. After kMaxComparisons
  // candidates in all (a fraction of a second), messages carry no suggestion.
  static constexpr size_t kMaxComparisons = 1000000;
  std::string Suggest(std::string_view word, const std::vector<std::string>& candidates) {
    if (comparisons_ + candidates.size() > kMaxComparisons) return "";
    comparisons_ += candidates.size();
    return DidYouMean(word, candidates);
  }

  // Reads a file of the content folder, enforcing the size limits; text
  // files must also pass CheckTextFile. Reports and returns nullopt on failure.
  std::optional<std::string> Read(const std::string& rel, bool text, Location error_at = {}) {
    return Read(rel, text, std::move(error_at), diags_);
  }
  // The same, reporting into `diags`: articles are read on several threads,
  // each into its own Diagnostics. Thread-safe.
  std::optional<std::string> Read(const std::string& rel, bool text, Location error_at,
                                  Diagnostics& diags) {
    const std::string path = Display(rel);
    if (error_at.path.empty()) error_at = Location{path, 0, 0};
    auto bytes = fs_.ReadFile(path, kMaxFileBytes);
    if (!bytes) {
      diags.Error(error_at, "cannot read '" + rel + "': " + bytes.error().message);
      return std::nullopt;
    }
    if (total_bytes_ += bytes->size(); total_bytes_.load() > kMaxTotalBytes) {
      if (!total_reported_.exchange(true)) {
        diags.Error(Location{path, 0, 0}, "the content folder is larger than " +
                                              std::to_string(kMaxTotalBytes >> 20) +
                                              " MiB in all; stopped reading");
      }
      return std::nullopt;
    }
    ++files_read_;
    // JSON may be minified (one long line); people's YAML and Markdown may not.
    const bool json = rel.size() >= 5 && rel.compare(rel.size() - 5, 5, ".json") == 0;
    if (text && !CheckTextFile(path, *bytes, diags, json ? 0 : kMaxLineBytes)) return std::nullopt;
    return std::move(*bytes);
  }

  // The names in folder `rel` ending in `suffix`, at most kMaxFilesPerFolder.
  std::vector<std::string> List(const std::string& rel, std::string_view suffix) {
    std::vector<std::string> out;
    if (!fs_.IsDir(Display(rel))) return out;
    auto names = fs_.ListDir(Display(rel));
    if (!names) {
      diags_.Error(Location{Display(rel), 0, 0}, "cannot list folder: " + names.error().message);
      return out;
    }
    for (const std::string& n : *names) {
      if (n.empty() || n[0] == '.' || n.size() <= suffix.size()) continue;
      if (n.compare(n.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
      if (out.size() == kMaxFilesPerFolder) {
        diags_.Error(Location{Display(rel), 0, 0},
                     "more than " + std::to_string(kMaxFilesPerFolder) +
                         " files; is this the right content folder? Only the first were read");
        break;
      }
      out.push_back(JoinPath(rel, n));
    }
    return out;
  }

  // Runs `body` and turns any exception that escaped it (yaml-cpp throws on
  // some misuses of malformed documents) into an error at `path`.
  template <typename F>
  void Guard(const std::string& path, F&& body) {
    Guard(path, diags_, std::forward<F>(body));
  }
  template <typename F>
  static void Guard(const std::string& path, Diagnostics& diags, F&& body) {
    try {
      body();
    } catch (const std::exception& e) {
      diags.Error(Location{path, 0, 0}, std::string("cannot read this file: ") + e.what());
    }
  }

  // --- site.yaml ----------------------------------------------------------
  void LoadSite() {
    const std::string rel = "site.yaml", path = Display(rel);
    SiteSettings& s = content_.site;
    s.location = Location{path, 1, 1};
    if (!fs_.IsFile(path)) {
      diags_.Error(Location{path, 0, 0}, "missing site.yaml (site title and base URL)");
      return;
    }
    auto text = Read(rel, true);
    if (!text) return;
    auto doc = ParseYaml(path, *text, 1, diags_);
    if (!doc) return;
    Guard(path, [&] {
      YamlReader r(path, 1, diags_);
      if (!r.CheckMap(*doc, kSiteFields, "site.yaml")) return;
      if (auto v = r.Text(*doc, "title", true)) s.title = *v;
      if (auto v = r.Text(*doc, "base_url", true)) {
        if (!(v->rfind("http://", 0) == 0 || v->rfind("https://", 0) == 0) || v->back() == '/') {
          diags_.Error(
              r.At((*doc)["base_url"]),
              "base_url must be an absolute http(s) URL without a trailing '/', not '" + *v + "'");
        } else {
          s.base_url = *v;
        }
      }
      if (auto v = r.Text(*doc, "language", false)) s.language = *v;
      if (auto v = r.Text(*doc, "publisher", false)) s.publisher = *v;
      if (auto v = r.Text(*doc, "disclaimer", false)) s.disclaimer = *v;
      if (auto v = r.Number(*doc, "reading_grade_target")) {
        if (*v <= 0 || *v > 30) {
          diags_.Error(r.At((*doc)["reading_grade_target"]),
                       "reading_grade_target must be between 0 and 30");
        } else {
          s.reading_grade_target = *v;
        }
      }
      if (auto v = r.Integer(*doc, "review_period_months")) {
        if (*v < 1 || *v > 120) {
          diags_.Error(r.At((*doc)["review_period_months"]),
                       "review_period_months must be from 1 to 120");
        } else {
          s.review_period_months = *v;
        }
      }
    });
  }

  // --- references.json ----------------------------------------------------
  // nlohmann::json parses recursively: reject deep nesting first.
  static size_t FindTooDeepJson(std::string_view t) {
    int depth = 0;
    bool in_string = false;
    for (size_t i = 0; i < t.size(); ++i) {
      char c = t[i];
      if (in_string) {
        if (c == '\\') {
          ++i;
        } else if (c == '"') {
          in_string = false;
        }
      } else if (c == '"') {
        in_string = true;
      } else if (c == '[' || c == '{') {
        if (++depth > kMaxNestingDepth) return i;
      } else if (c == ']' || c == '}') {
        --depth;
      }
    }
    return std::string_view::npos;
  }

  // nlohmann gives no positions for values: find each item's `"id": "key"`
  // in the text. Returns (key, offset of "id") in file order.
  static std::vector<std::pair<std::string, size_t>> FindIds(std::string_view t) {
    std::vector<std::pair<std::string, size_t>> out;
    for (size_t p = t.find("\"id\""); p != std::string_view::npos; p = t.find("\"id\"", p + 4)) {
      size_t q = p + 4;
      while (q < t.size() && std::isspace(static_cast<unsigned char>(t[q]))) ++q;
      if (q >= t.size() || t[q] != ':') continue;
      ++q;
      while (q < t.size() && std::isspace(static_cast<unsigned char>(t[q]))) ++q;
      if (q >= t.size() || t[q] != '"') continue;
      size_t end = t.find('"', q + 1);
      if (end == std::string_view::npos) break;
      out.emplace_back(std::string(t.substr(q + 1, end - q - 1)), p);
    }
    return out;
  }

  static std::string JsonText(const nlohmann::json& j) {
    if (j.is_string()) return j.get<std::string>();
    if (j.is_number_integer()) return std::to_string(j.get<long long>());
    if (j.is_number()) return FormatTarget(j.get<double>());
    return "";
  }

  static std::string Initials(const std::string& given) {
    // "John Robert" -> "JR", "J. R." -> "JR", "JR" -> "JR", "Jean-Paul" -> "JP".
    std::string out;
    bool start = true;
    for (size_t i = 0; i < given.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(given[i]);
      if (c == ' ' || c == '.' || c == '-') {
        start = true;
        continue;
      }
      bool upper_run = std::isupper(c) && !start && i > 0 &&
                       std::isupper(static_cast<unsigned char>(given[i - 1]));
      if (start || upper_run) {
        // A whole UTF-8 character: its lead byte and continuation bytes.
        size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        std::string ch = given.substr(i, len);
        if (len == 1) ch[0] = static_cast<char>(std::toupper(c));
        out += ch;
        i += len - 1;
      }
      start = false;
    }
    return out;
  }

  void LoadReferences() {
    const std::string rel = "references.json", path = Display(rel);
    if (!fs_.IsFile(path)) return;
    auto text = Read(rel, true);
    if (!text) return;
    LineIndex index(*text);
    size_t deep = FindTooDeepJson(*text);
    if (deep != std::string_view::npos) {
      diags_.Error(index.At(path, deep),
                   "JSON nested more than " + std::to_string(kMaxNestingDepth) + " levels deep");
      return;
    }
    nlohmann::json doc;
    try {
      doc = nlohmann::json::parse(*text);
    } catch (const nlohmann::json::parse_error& e) {
      std::string msg = e.what();
      // "[json.exception.parse_error.101] parse error at line 1, column 2: X" -> "X"
      size_t colon = msg.find(": ", msg.find("column"));
      if (colon != std::string::npos) msg = msg.substr(colon + 2);
      size_t at = e.byte > 0 ? e.byte - 1 : 0;
      diags_.Error(index.At(path, std::min(at, text->size())), "malformed JSON: " + msg);
      return;
    } catch (const std::exception& e) {
      diags_.Error(Location{path, 1, 1}, std::string("malformed JSON: ") + e.what());
      return;
    }
    if (!doc.is_array()) {
      diags_.Error(Location{path, 1, 1}, "references.json must be a CSL-JSON array of items");
      return;
    }
    // key -> offsets of its `"id": "key"`, consumed in file order (a
    // duplicate id gets the second offset). A map, not a scan per item: a
    // 4 MiB bibliography holds ~100,000 items.
    std::map<std::string, std::vector<size_t>> id_offsets;
    for (auto& [k, off] : FindIds(*text)) id_offsets[k].push_back(off);
    std::map<std::string, size_t> id_used;
    std::map<std::string, Location> first;
    for (size_t n = 0; n < doc.size(); ++n) {
      const nlohmann::json& item = doc[n];
      Location item_at{path, 1, 1};
      std::string key;
      if (item.is_object() && item.contains("id")) key = JsonText(item["id"]);
      if (auto it = id_offsets.find(key); it != id_offsets.end()) {
        size_t& n_used = id_used[key];
        if (n_used < it->second.size()) item_at = index.At(path, it->second[n_used++]);
      }
      if (!item.is_object()) {
        diags_.Error(item_at, "reference " + std::to_string(n + 1) + " is not a JSON object");
        continue;
      }
      if (key.empty()) {
        diags_.Error(item_at, "reference " + std::to_string(n + 1) + " has no \"id\"");
        continue;
      }
      Reference ref;
      ref.key = key;
      ref.location = item_at;
      auto get = [&](const char* f) { return item.contains(f) ? JsonText(item[f]) : ""; };
      ref.type = get("type");
      ref.title = get("title");
      ref.container_title = get("container-title");
      ref.volume = get("volume");
      ref.issue = get("issue");
      ref.page = get("page");
      ref.url = get("URL");
      ref.doi = get("DOI");
      for (const char* prefix : {"https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
                                 "http://dx.doi.org/", "doi:"}) {
        if (ref.doi.rfind(prefix, 0) == 0) ref.doi = ref.doi.substr(std::string(prefix).size());
      }
      ref.pmid = get("PMID");
      if (!ref.pmid.empty() && !std::all_of(ref.pmid.begin(), ref.pmid.end(),
                                            [](char c) { return c >= '0' && c <= '9'; })) {
        diags_.Error(item_at,
                     "reference '" + key + "': PMID must be digits only, not '" + ref.pmid + "'");
      }
      if (ref.title.empty()) diags_.Error(item_at, "reference '" + key + "' has no \"title\"");
      if (item.contains("author") && item["author"].is_array()) {
        for (const nlohmann::json& a : item["author"]) {
          if (!a.is_object()) continue;
          std::string family = a.contains("family") ? JsonText(a["family"]) : "";
          std::string given = a.contains("given") ? JsonText(a["given"]) : "";
          std::string literal = a.contains("literal") ? JsonText(a["literal"]) : "";
          if (!family.empty()) {
            std::string initials = Initials(given);
            ref.authors.push_back(initials.empty() ? family : family + " " + initials);
          } else if (!literal.empty()) {
            ref.authors.push_back(literal);
          }
        }
      }
      if (item.contains("issued") && item["issued"].is_object() &&
          item["issued"].contains("date-parts")) {
        const nlohmann::json& dp = item["issued"]["date-parts"];
        if (dp.is_array() && !dp.empty() && dp[0].is_array() && !dp[0].empty()) {
          std::string y = JsonText(dp[0][0]);
          long year = std::strtol(y.c_str(), nullptr, 10);  // clamps; atoi may overflow
          if (year < 1000 || year > 9999) {
            diags_.Error(item_at,
                         "reference '" + key + "': invalid year '" + y + "' in \"issued\"");
          } else {
            ref.year = static_cast<int>(year);
          }
        }
      }
      auto [it, fresh] = first.emplace(key, item_at);
      if (!fresh) {
        diags_.Error(item_at, "duplicate reference id '" + key + "'");
        diags_.Note(it->second, "'" + key + "' first defined here");
        continue;
      }
      content_.references.push_back(std::move(ref));
    }
  }

  // --- glossary.yaml ------------------------------------------------------
  void LoadGlossary() {
    const std::string rel = "glossary.yaml", path = Display(rel);
    if (!fs_.IsFile(path)) return;
    auto text = Read(rel, true);
    if (!text) return;
    auto doc = ParseYaml(path, *text, 1, diags_);
    if (!doc) return;
    Guard(path, [&] {
      YamlReader r(path, 1, diags_);
      if (doc->IsNull()) return;
      if (!doc->IsSequence()) {
        diags_.Error(r.At(*doc), "glossary.yaml must be a list of terms");
        return;
      }
      // word (lower case) -> (term, the word as first written, where)
      struct Claim {
        std::string term, word;
        Location location;
      };
      std::map<std::string, Claim> claimed;
      for (const YAML::Node& n : *doc) {
        if (!r.CheckMap(n, kGlossaryFields, "a glossary term")) continue;
        GlossaryTerm t;
        t.location = r.At(n);
        auto term = r.Text(n, "term", true);
        auto def = r.Text(n, "definition", true);
        if (!term) continue;
        t.term = *term;
        t.id = Slugify(*term);
        if (def) t.definition = *def;
        std::vector<YamlReader::Located> words = r.LocatedTextList(n, "aliases");
        words.insert(words.begin(), {*term, r.At(n["term"])});
        for (size_t i = 0; i < words.size(); ++i) {
          const std::string key = Lower(words[i].text);
          auto [it, fresh] = claimed.emplace(key, Claim{t.term, words[i].text, words[i].location});
          if (fresh) {
            if (i > 0) t.aliases.push_back(words[i].text);
          } else if (it->second.term != t.term) {
            diags_.Error(words[i].location, "glossary word '" + words[i].text +
                                                "' is already claimed by term '" + it->second.term +
                                                "'");
            diags_.Note(it->second.location, "'" + it->second.word + "' first claimed here");
          }
        }
        content_.glossary.push_back(std::move(t));
      }
      std::stable_sort(content_.glossary.begin(), content_.glossary.end(),
                       [](const GlossaryTerm& a, const GlossaryTerm& b) {
                         return Lower(a.term) < Lower(b.term);
                       });
    });
  }

  // --- articles/*.md ------------------------------------------------------
  // Articles are independent until the cross-checks, so they are read and
  // parsed on every core (this is most of the time of a large build); each
  // has its own Diagnostics, merged in file order afterwards.
  void LoadArticles() {
    const std::vector<std::string> files = List("articles", ".md");
    std::vector<std::optional<LoadedArticle>> loaded(files.size());
    std::vector<Diagnostics> found(files.size());
    // A thread costs more than a few small files take to parse.
    constexpr size_t kMinFilesPerThread = 8;
    const unsigned threads =
        options_.threads > 0 ? static_cast<unsigned>(options_.threads) : DefaultThreadCount();
    ParallelFor(files.size(),
                static_cast<unsigned>(std::min<size_t>(
                    threads, std::max<size_t>(1, files.size() / kMinFilesPerThread))),
                [&](size_t i) { loaded[i] = LoadArticle(files[i], found[i]); });
    articles_.reserve(files.size());
    for (size_t i = 0; i < files.size(); ++i) {
      diags_.Append(found[i]);
      if (loaded[i]) articles_.push_back(std::move(*loaded[i]));
    }
    std::stable_sort(articles_.begin(), articles_.end(),
                     [](const LoadedArticle& a, const LoadedArticle& b) {
                       return a.article.slug < b.article.slug;
                     });
  }

  // Resolves an image target to a content-relative path, checks the file
  // and reads its size. Reports at `at` and returns false on failure.
  // Thread-safe: the image cache is locked, images are read outside the lock.
  bool ResolveImage(const std::string& target, const std::string& alt, const Location& at,
                    std::string& rel_out, int& width, int& height, Diagnostics& diags) {
    if (HasScheme(target)) {
      diags.Error(at, "image '" + target + "' must be a file in the content folder, not a URL");
      return false;
    }
    bool ok = true;
    if (alt.find_first_not_of(" \t") == std::string::npos) {
      diags.Error(at, "missing alt text for image '" + target + "'");
      ok = false;
    }
    std::string rel = target;
    // "images/x.svg" is relative to the content folder; "../images/x.svg"
    // (relative to articles/, as editors' previews expect) means the same.
    if (rel.rfind("./", 0) == 0) rel = rel.substr(2);
    if (rel.rfind("../", 0) == 0) rel = rel.substr(3);
    if (rel.rfind('/', 0) == 0) rel = rel.substr(1);
    if (rel.empty() || rel.find("..") != std::string::npos) {
      diags.Error(at, "image path '" + target + "' must stay inside the content folder");
      return false;
    }
    rel_out = rel;
    if (!fs_.IsFile(Display(rel))) {
      diags.Error(at, "missing image file '" + rel + "'");
      return false;
    }
    const std::string* image = nullptr;  // map nodes never move once inserted
    {
      // Read under the lock: each image is read once whatever the number of
      // threads (two threads reading it at once made files_read vary from
      // run to run). Images are few, and each is read only by the first
      // article that shows it.
      std::lock_guard<std::mutex> lock(images_mu_);
      auto found = content_.image_files.find(rel);
      if (found != content_.image_files.end()) {
        image = &found->second;
      } else {
        auto bytes = Read(rel, false, at, diags);
        if (!bytes) return false;
        image = &content_.image_files.emplace(rel, std::move(*bytes)).first->second;
      }
    }
    if (width <= 0 || height <= 0) {
      auto size = ReadImageSize(*image);
      if (!size) {
        diags.Error(at, "cannot read the size of image '" + rel +
                            "' (PNG or SVG with width/height or viewBox); give width and height");
        return false;
      }
      if (width <= 0) width = size->width;
      if (height <= 0) height = size->height;
    }
    return ok;
  }

  // Reads and parses one article on its own (no cross-checks), reporting
  // into `diags`. Runs on several threads at once: touches only `diags`, the
  // atomic counters and the locked image cache.
  std::optional<LoadedArticle> LoadArticle(const std::string& rel, Diagnostics& diags) {
    const std::string path = Display(rel);
    auto text = Read(rel, true, {}, diags);
    if (!text) return std::nullopt;
    FrontMatter fm = SplitFrontMatter(path, *text, diags);
    if (!fm.found) return std::nullopt;
    auto doc = ParseYaml(path, fm.yaml, fm.yaml_first_line, diags);
    if (!doc) return std::nullopt;
    LoadedArticle la;
    Article& a = la.article;
    a.path = rel;
    a.location = Location{path, 1, 1};
    std::string file_name = rel.substr(rel.rfind('/') + 1);
    a.slug = file_name.substr(0, file_name.size() - 3);
    la.extra.slug_at = a.location;
    bool ok = true;
    Guard(path, diags, [&] {
      YamlReader r(path, fm.yaml_first_line, diags);
      if (doc->IsNull()) {
        diags.Error(Location{path, 1, 1},
                    "empty front matter: 'title', 'summary' and "
                    "'last_reviewed' are required");
        ok = false;
        return;
      }
      if (!r.CheckMap(*doc, kArticleFields, "article front matter")) {
        ok = false;
        return;
      }
      const YAML::Node& m = *doc;
      if (auto v = r.Text(m, "title", true)) a.title = *v;
      if (auto v = r.Text(m, "summary", true)) a.summary = *v;
      if (auto v = r.Text(m, "slug", false)) {
        la.extra.slug_at = r.At(m["slug"]);
        if (!ValidSlug(*v)) {
          diags.Error(la.extra.slug_at,
                      "invalid slug '" + *v + "' (use lower-case letters, digits and single '-')");
        } else {
          a.slug = *v;
        }
      } else if (!ValidSlug(a.slug)) {
        diags.Error(a.location, "the file name makes an invalid slug '" + a.slug +
                                    "'; rename the file or give a 'slug'");
      }
      if (r.CheckList(m["codes"], "'codes'") && m["codes"].IsDefined() && m["codes"].IsSequence()) {
        for (const YAML::Node& c : m["codes"]) {
          if (!r.CheckMap(c, kCodeFields, "a code")) continue;
          Code code;
          auto system = r.Text(c, "system", true);
          auto value = r.Text(c, "code", true);
          if (auto d = r.Text(c, "display", false)) code.display = *d;
          if (system &&
              std::find(kCodeSystems.begin(), kCodeSystems.end(), *system) == kCodeSystems.end()) {
            diags.Error(r.At(c["system"]), "unknown code system '" + *system +
                                               "' (expected ICD-10-CM or SNOMED CT)" +
                                               DidYouMean(*system, kCodeSystems));
            continue;
          }
          if (!system || !value) continue;
          code.system = *system;
          code.code = *value;
          a.codes.push_back(std::move(code));
        }
      }
      a.synonyms = r.TextList(m, "synonyms");
      a.reviewers = r.TextList(m, "reviewers");
      a.questions_to_ask = r.TextList(m, "questions_to_ask");
      la.extra.related = r.LocatedTextList(m, "related");
      la.extra.treatments = r.LocatedTextList(m, "treatments");
      auto last = r.DateField(m, "last_reviewed", true);
      auto next = r.DateField(m, "next_review", false);
      if (last) {
        a.last_reviewed = *last;
        Location next_at = r.KeyAt(m, "last_reviewed");
        if (next) {
          next_at = r.At(m["next_review"]);
          a.next_review = *next;
          if (*next < *last) {
            diags.Error(next_at, "next_review " + next->ToIso() + " is before last_reviewed " +
                                     last->ToIso());
          }
        } else if (!m["next_review"].IsDefined()) {
          a.next_review = last->AddMonths(content_.site.review_period_months);
        }
        if (options_.today && a.next_review.year > 0 && a.next_review < *options_.today &&
            !(next && *next < *last)) {
          diags.Warning(next_at, "next review was due on " + a.next_review.ToIso() + " (today is " +
                                     options_.today->ToIso() + ")");
        }
      }
      if (m["hero"].IsDefined() && !m["hero"].IsNull()) {
        const YAML::Node& h = m["hero"];
        if (r.CheckMap(h, kImageFields, "the hero image")) {
          Image img;
          img.location = r.At(h);
          auto src = r.Text(h, "src", true);
          img.alt = r.Text(h, "alt", false).value_or("");
          img.caption = r.Text(h, "caption", false).value_or("");
          img.width = r.Integer(h, "width").value_or(0);
          img.height = r.Integer(h, "height").value_or(0);
          if (src) {
            Location at = r.At(h["src"]);
            if (ResolveImage(*src, img.alt, at, img.src, img.width, img.height, diags)) {
              a.hero = std::move(img);
            }
          }
        }
      }
      if (r.CheckList(m["red_flags"], "'red_flags'") && m["red_flags"].IsDefined() &&
          m["red_flags"].IsSequence()) {
        for (const YAML::Node& f : m["red_flags"]) {
          if (!r.CheckMap(f, kRedFlagFields, "a red flag")) continue;
          RedFlag flag;
          flag.location = r.At(f);
          auto sign = r.Text(f, "sign", true);
          auto urgency = ReadUrgency(r, f, diags);
          auto advice = r.Text(f, "advice", true);
          flag.reason = r.Text(f, "reason", false).value_or("");
          if (!sign || !urgency || !advice) continue;
          flag.sign = *sign;
          flag.urgency = *urgency;
          flag.advice = *advice;
          a.red_flags.push_back(std::move(flag));
        }
      }
    });
    if (!ok) return std::nullopt;
    LineIndex index(*text);
    const int errors_before = diags.error_count();
    ParsedBody body = ParseMarkdownBody(path, *text, fm.body_offset, index, diags);
    const bool body_ok = diags.error_count() == errors_before;
    a.body = std::move(body.document);
    la.extra.citations = std::move(body.citations);
    la.extra.links = std::move(body.links);
    std::set<std::string> seen;
    for (const CitationUse& c : la.extra.citations) {
      if (seen.insert(c.key).second) a.cited_keys.push_back(c.key);
    }
    // Readability of the prose only (no headings, citations, code, front matter).
    text::Readability grade = text::MeasureReadability(ExtractProse(a.body));
    const double target = content_.site.reading_grade_target;
    // The formulas were fitted on passages of 100 words and more; a few words
    // ("Body text.") give meaningless grades, so short articles are not graded.
    if (body_ok && grade.words >= kMinWordsToGrade &&
        (grade.flesch_kincaid_grade > target || grade.smog_grade > target)) {
      diags.Warning(a.location, "reading grade " + FormatGrade(grade.flesch_kincaid_grade) +
                                    " (Flesch–Kincaid) and " + FormatGrade(grade.smog_grade) +
                                    " (SMOG) is above the target " + FormatTarget(target));
    }
    return la;
  }

  std::optional<Urgency> ReadUrgency(YamlReader& r, const YAML::Node& map) {
    return ReadUrgency(r, map, diags_);
  }
  static std::optional<Urgency> ReadUrgency(YamlReader& r, const YAML::Node& map,
                                            Diagnostics& diags) {
    auto s = r.Text(map, "urgency", true);
    if (!s) return std::nullopt;
    auto u = ParseUrgency(*s);
    if (!u) {
      diags.Error(r.At(map["urgency"]), "unknown urgency '" + *s +
                                            "' (expected emergency, same_day, see_doctor or "
                                            "self_care)" +
                                            DidYouMean(*s, kUrgencies));
    }
    return u;
  }

  // --- medicines.yaml -----------------------------------------------------
  void LoadMedicines() {
    const std::string rel = "medicines.yaml", path = Display(rel);
    if (!fs_.IsFile(path)) return;
    auto text = Read(rel, true);
    if (!text) return;
    auto doc = ParseYaml(path, *text, 1, diags_);
    if (!doc) return;
    Guard(path, [&] {
      YamlReader r(path, 1, diags_);
      if (doc->IsNull()) return;
      if (!doc->IsSequence()) {
        diags_.Error(r.At(*doc), "medicines.yaml must be a list of medicine classes");
        return;
      }
      for (const YAML::Node& n : *doc) {
        if (!r.CheckMap(n, kMedicineFields, "a medicine class")) continue;
        MedicineClass mc;
        MedicineExtra extra;
        mc.location = r.At(n);
        auto id = r.Text(n, "id", true);
        auto name = r.Text(n, "name", true);
        mc.atc = r.Text(n, "atc", false).value_or("");
        if (r.CheckList(n["members"], "'members'") && n["members"].IsDefined() &&
            n["members"].IsSequence()) {
          for (const YAML::Node& m : n["members"]) {
            if (!r.CheckMap(m, kMemberFields, "a medicine")) continue;
            MedicineMember member;
            auto generic = r.Text(m, "generic", true);
            member.brands = r.TextList(m, "brands");
            member.rxnorm = r.Text(m, "rxnorm", false).value_or("");
            member.atc = r.Text(m, "atc", false).value_or("");
            if (!generic) continue;
            member.generic = *generic;
            mc.members.push_back(std::move(member));
          }
        }
        if (r.CheckList(n["may_cause"], "'may_cause'") && n["may_cause"].IsDefined() &&
            n["may_cause"].IsSequence()) {
          for (const YAML::Node& e : n["may_cause"]) {
            if (!r.CheckMap(e, kEffectFields, "a 'may_cause' entry")) continue;
            MedicineClass::Effect effect;
            auto condition = r.Text(e, "condition", true);
            auto explanation = r.Text(e, "explanation", true);
            auto citations = r.LocatedTextList(e, "citations");
            if (!condition || !explanation) continue;
            effect.condition = *condition;
            effect.explanation = *explanation;
            extra.condition_at.push_back(r.At(e["condition"]));
            extra.citation_at.emplace_back();
            for (auto& c : citations) {
              effect.citations.push_back(c.text);
              extra.citation_at.back().push_back(c.location);
            }
            mc.may_cause.push_back(std::move(effect));
          }
        }
        if (!id || !name) continue;
        mc.id = *id;
        mc.name = *name;
        content_.medicines.push_back(std::move(mc));
        medicine_extra_.push_back(std::move(extra));
      }
    });
  }

  // --- symptoms/*.yaml ----------------------------------------------------
  void LoadSymptoms() {
    for (const std::string& rel : List("symptoms", ".yaml")) {
      const std::string path = Display(rel);
      auto text = Read(rel, true);
      if (!text) continue;
      auto doc = ParseYaml(path, *text, 1, diags_);
      if (!doc) continue;
      Guard(path, [&] { LoadChecker(path, *doc); });
    }
  }

  void LoadChecker(const std::string& path, const YAML::Node& doc) {
    YamlReader r(path, 1, diags_);
    if (!r.CheckMap(doc, kCheckerFields, "a symptom checker")) return;
    SymptomChecker sc;
    sc.location = r.At(doc);
    auto id = r.Text(doc, "id", true);
    auto title = r.Text(doc, "title", true);
    auto condition = r.Text(doc, "condition", true);
    auto default_advice = r.Text(doc, "default_advice", true);
    std::map<std::string, Location> question_at;
    std::vector<std::string> question_ids;
    if (r.CheckList(doc["questions"], "'questions'") && doc["questions"].IsDefined() &&
        doc["questions"].IsSequence()) {
      for (const YAML::Node& q : doc["questions"]) {
        if (!r.CheckMap(q, kQuestionFields, "a question")) continue;
        SymptomQuestion question;
        question.location = r.At(q);
        auto qid = r.Text(q, "id", true);
        auto qtext = r.Text(q, "text", true);
        question.hint = r.Text(q, "hint", false).value_or("");
        question.red_flag = r.Bool(q, "red_flag").value_or(false);
        if (!qid || !qtext) continue;
        question.id = *qid;
        question.text = *qtext;
        auto [it, fresh] = question_at.emplace(*qid, r.At(q["id"]));
        if (!fresh) {
          diags_.Error(r.At(q["id"]), "duplicate question id '" + *qid + "'");
          diags_.Note(it->second, "'" + *qid + "' first defined here");
          continue;
        }
        question_ids.push_back(*qid);
        sc.questions.push_back(std::move(question));
      }
    }
    if (r.CheckList(doc["rules"], "'rules'") && doc["rules"].IsDefined() &&
        doc["rules"].IsSequence()) {
      for (const YAML::Node& n : doc["rules"]) {
        if (!r.CheckMap(n, kRuleFields, "a rule")) continue;
        SymptomRule rule;
        rule.location = r.At(n);
        auto rid = r.Text(n, "id", true);
        auto urgency = ReadUrgency(r, n);
        auto advice = r.Text(n, "advice", true);
        rule.reason = r.Text(n, "reason", false).value_or("");
        bool rule_ok = rid && urgency && advice;
        auto all_of = r.LocatedTextList(n, "all_of");
        if (all_of.empty()) {
          diags_.Error(rule.location, "rule '" + rid.value_or("?") +
                                          "' needs 'all_of': the questions answered yes");
          rule_ok = false;
        }
        for (const auto& q : all_of) {
          if (!question_at.count(q.text)) {
            diags_.Error(q.location, "rule '" + rid.value_or("?") +
                                         "' refers to unknown question '" + q.text + "'" +
                                         Suggest(q.text, question_ids));
            rule_ok = false;
          }
          rule.all_of.push_back(q.text);
        }
        if (!rule_ok) continue;
        rule.id = *rid;
        rule.urgency = *urgency;
        rule.advice = *advice;
        sc.rules.push_back(std::move(rule));
      }
    }
    // Safety: a "yes" to a red-flag question alone must lead to advice more
    // urgent than self-care, whatever else is answered.
    std::set<std::string> covered;  // questions that alone lead past self-care
    for (const SymptomRule& rule : sc.rules) {
      if (rule.all_of.size() == 1 && rule.urgency != Urgency::kSelfCare)
        covered.insert(rule.all_of[0]);
    }
    for (const SymptomQuestion& q : sc.questions) {
      if (!q.red_flag) continue;
      if (!covered.count(q.id)) {
        diags_.Error(q.location, "red-flag question '" + q.id +
                                     "' is not covered: no rule with only this question leads to "
                                     "advice more urgent than self-care");
      }
    }
    if (!id || !title || !condition || !default_advice) return;
    sc.id = *id;
    sc.title = *title;
    sc.condition = *condition;
    sc.default_advice = *default_advice;
    checker_extra_.push_back({r.At(doc["condition"])});
    content_.symptom_checkers.push_back(std::move(sc));
  }

  // --- evidence/*.yaml (owned by weigh: content/evidence_loader.h) ---------
  void LoadEvidenceFiles() {
    // After the bibliography: LoadEvidence checks citation keys against it.
    if (!fs_.IsDir(Display("evidence"))) return;
    LoadEvidence(fs_, root_, content_, diags_);
    evidence_loaded_ = true;
  }

  // --- cross-checks -------------------------------------------------------
  void CheckArticles() {
    std::map<std::string, std::string> slug_of_file;  // "leg-cramps.md" -> slug
    std::vector<std::string> slugs;
    std::map<std::string, const LoadedArticle*> by_slug;
    for (const LoadedArticle& la : articles_) {
      slug_of_file[la.article.path.substr(la.article.path.rfind('/') + 1)] = la.article.slug;
      slugs.push_back(la.article.slug);
    }
    // Duplicate slugs: error at the later file, note at the earlier.
    std::vector<const LoadedArticle*> by_path;
    for (const LoadedArticle& la : articles_) by_path.push_back(&la);
    std::sort(by_path.begin(), by_path.end(), [](const LoadedArticle* a, const LoadedArticle* b) {
      return a->article.path < b->article.path;
    });
    for (const LoadedArticle* la : by_path) {
      auto [it, fresh] = by_slug.emplace(la->article.slug, la);
      if (!fresh) {
        diags_.Error(la->extra.slug_at, "duplicate slug '" + la->article.slug + "' (also used by " +
                                            it->second->article.path + ")");
        diags_.Note(it->second->extra.slug_at, "'" + la->article.slug + "' first used here");
      }
    }
    std::vector<std::string> keys;
    for (const Reference& ref : content_.references) keys.push_back(ref.key);
    const std::set<std::string> key_set(keys.begin(), keys.end());
    std::vector<std::string> treatment_ids;
    for (const Treatment& t : content_.treatments) treatment_ids.push_back(t.id);

    // Links and images are resolved on every core (a large site has
    // hundreds of thousands); what they report is added below in article
    // order, and dangling links are reported there too, so that the
    // suggestion budget (Suggest) is spent the same way on every run.
    std::vector<Diagnostics> link_diags(articles_.size());
    std::vector<std::vector<const LinkUse*>> dangling(articles_.size());
    const unsigned threads =
        options_.threads > 0 ? static_cast<unsigned>(options_.threads) : DefaultThreadCount();
    ParallelFor(articles_.size(), threads, [&](size_t i) {
      ResolveLinks(articles_[i], slug_of_file, by_slug, link_diags[i], dangling[i]);
    });
    for (size_t i = 0; i < articles_.size(); ++i) {
      LoadedArticle& la = articles_[i];
      Article& a = la.article;
      for (const auto& rel : la.extra.related) {
        if (!by_slug.count(rel.text)) {
          diags_.Error(rel.location,
                       "unknown related article '" + rel.text + "'" + Suggest(rel.text, slugs));
        } else {
          a.related.push_back(rel.text);
        }
      }
      for (const auto& t : la.extra.treatments) {
        if (evidence_loaded_ && !content_.FindTreatment(t.text)) {
          diags_.Error(t.location,
                       "unknown treatment '" + t.text + "'" + Suggest(t.text, treatment_ids));
        }
        a.treatments.push_back(t.text);
      }
      for (const CitationUse& c : la.extra.citations) {
        cited_.insert(c.key);
        if (!key_set.count(c.key)) {
          diags_.Error(c.location, "unknown citation key '" + c.key + "'" + Suggest(c.key, keys));
        }
      }
      diags_.Append(link_diags[i]);
      for (const LinkUse* use : dangling[i]) ReportDanglingLink(*use, slug_of_file, slugs);
    }
    for (LoadedArticle& la : articles_) content_.articles.push_back(std::move(la.article));
  }

  // Resolves the article's links and images (thread-safe: it writes only to
  // `la`, `diags` and `dangling`). Links that name no article are listed in
  // `dangling`, for ReportDanglingLink.
  void ResolveLinks(LoadedArticle& la, const std::map<std::string, std::string>& slug_of_file,
                    const std::map<std::string, const LoadedArticle*>& by_slug, Diagnostics& diags,
                    std::vector<const LinkUse*>& dangling) {
    size_t next = 0;
    std::vector<Node*> todo{&la.article.body};
    while (!todo.empty()) {
      Node* n = todo.back();
      todo.pop_back();
      if ((n->kind == NodeKind::kLink || n->kind == NodeKind::kImage) &&
          next < la.extra.links.size()) {
        const LinkUse& use = la.extra.links[next++];
        if (n->kind == NodeKind::kImage) {
          std::string rel;
          int w = 0, h = 0;
          NodeDetail& image = n->mutable_detail();
          if (ResolveImage(use.target, image.alt, use.location, rel, w, h, diags)) {
            image.href = rel;
            image.width = w;
            image.height = h;
          }
        } else if (!ResolveLink(*n, use, slug_of_file, by_slug)) {
          dangling.push_back(&use);
        }
      }
      for (auto it = n->children.rbegin(); it != n->children.rend(); ++it) todo.push_back(&*it);
    }
  }

  // What a link's target names when it points into the site: an article
  // file ("leg-cramps.md", by_file) or a slug; `name` is empty for in-page
  // and external links and for the site's own pages.
  struct CrossLink {
    bool by_file = false;
    std::string name;
    std::string fragment;  // "#signs", or empty
  };

  static CrossLink ParseCrossLink(const std::string& target) {
    CrossLink link;
    if (target.empty() || target[0] == '#' || HasScheme(target)) return link;
    std::string path = target;
    size_t cut = path.find_first_of("#?");
    if (cut != std::string::npos) {
      if (path[cut] == '#') link.fragment = path.substr(cut);
      path = path.substr(0, cut);
    }
    if (path.size() > 3 && path.compare(path.size() - 3, 3, ".md") == 0) {
      link.by_file = true;
      link.name = path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
      return link;
    }
    // "/slug/", "/slug", "slug/", "../slug/": one path segment names an article.
    std::string p = path;
    while (p.rfind("../", 0) == 0) p = p.substr(3);
    if (p.rfind("./", 0) == 0) p = p.substr(2);
    if (!p.empty() && p.front() == '/') p = p.substr(1);
    if (!p.empty() && p.back() == '/') p.pop_back();
    if (p.empty() || p.find('/') != std::string::npos || kSitePages.count(p)) return link;
    link.name = p;
    return link;
  }

  // Points a link node at the article its target names. Returns false when
  // the target should name an article and names none.
  static bool ResolveLink(Node& n, const LinkUse& use,
                          const std::map<std::string, std::string>& slug_of_file,
                          const std::map<std::string, const LoadedArticle*>& by_slug) {
    const CrossLink link = ParseCrossLink(use.target);
    if (link.name.empty()) return true;  // in-page, external or a site page
    std::string slug;
    if (link.by_file) {
      const auto it = slug_of_file.find(link.name);
      if (it == slug_of_file.end()) return false;
      slug = it->second;
    } else {
      if (by_slug.count(link.name) == 0) return false;
      slug = link.name;
    }
    NodeDetail& detail = n.mutable_detail();
    detail.href = "/" + slug + "/" + link.fragment;
    detail.link_slug = std::move(slug);
    return true;
  }

  void ReportDanglingLink(const LinkUse& use,
                          const std::map<std::string, std::string>& slug_of_file,
                          const std::vector<std::string>& slugs) {
    const CrossLink link = ParseCrossLink(use.target);
    if (link.by_file) {
      std::vector<std::string> files;
      if (comparisons_ + slug_of_file.size() <= kMaxComparisons) {
        for (const auto& [f, slug] : slug_of_file) files.push_back(f);
      }
      diags_.Error(use.location, "dangling cross-link '" + use.target + "': no article file '" +
                                     link.name + "'" + Suggest(link.name, files));
      return;
    }
    diags_.Error(use.location, "dangling cross-link '" + use.target +
                                   "': no article has the slug '" + link.name + "'" +
                                   Suggest(link.name, slugs));
  }

  void CheckMedicines() {
    std::vector<std::string> keys, slugs;
    for (const Reference& ref : content_.references) keys.push_back(ref.key);
    const std::set<std::string> key_set(keys.begin(), keys.end());
    for (const Article& a : content_.articles) slugs.push_back(a.slug);
    for (size_t i = 0; i < content_.medicines.size(); ++i) {
      const MedicineClass& mc = content_.medicines[i];
      for (size_t e = 0; e < mc.may_cause.size(); ++e) {
        const auto& effect = mc.may_cause[e];
        if (!content_.FindArticle(effect.condition)) {
          diags_.Error(medicine_extra_[i].condition_at[e],
                       "unknown condition '" + effect.condition + "': no article has that slug" +
                           Suggest(effect.condition, slugs));
        }
        for (size_t c = 0; c < effect.citations.size(); ++c) {
          cited_.insert(effect.citations[c]);
          if (!key_set.count(effect.citations[c])) {
            diags_.Error(medicine_extra_[i].citation_at[e][c],
                         "unknown citation key '" + effect.citations[c] + "'" +
                             Suggest(effect.citations[c], keys));
          }
        }
      }
    }
  }

  void CheckSymptoms() {
    std::vector<std::string> slugs;
    for (const Article& a : content_.articles) slugs.push_back(a.slug);
    for (size_t i = 0; i < content_.symptom_checkers.size(); ++i) {
      const SymptomChecker& sc = content_.symptom_checkers[i];
      if (!content_.FindArticle(sc.condition)) {
        diags_.Error(checker_extra_[i].condition_at, "unknown condition '" + sc.condition +
                                                         "': no article has that slug" +
                                                         Suggest(sc.condition, slugs));
      }
    }
  }

  void CheckReferencesCited() {
    // Evidence files cite too (treatments, published results, comparators).
    for (const Treatment& t : content_.treatments) {
      for (const std::string& k : t.citations) cited_.insert(k);
      for (const Outcome& o : t.outcomes) {
        if (o.published) cited_.insert(o.published->citation);
        if (!o.comparator_source.empty()) cited_.insert(o.comparator_source);
        for (const StudyRow& row : o.studies) {
          for (const char* col : {"citation", "study", "key"}) {
            auto it = row.cells.find(col);
            if (it != row.cells.end()) cited_.insert(it->second);
          }
        }
      }
    }
    for (const Reference& ref : content_.references) {
      if (!cited_.count(ref.key)) {
        diags_.Warning(ref.location, "reference '" + ref.key + "' is never cited");
      }
    }
  }

  LoadResult Finish() {
    LoadResult result;
    diags_.SortByLocation();
    result.diagnostics = std::move(diags_);
    result.files_read = files_read_;
    if (!result.diagnostics.has_errors()) {
      result.content = std::make_shared<const Content>(std::move(content_));
    }
    return result;
  }

  const FileSystem& fs_;
  std::string root_;
  LoadOptions options_;
  Diagnostics diags_;
  Content content_;
  std::vector<LoadedArticle> articles_;
  std::vector<MedicineExtra> medicine_extra_;
  std::vector<CheckerExtra> checker_extra_;
  std::set<std::string> cited_;
  bool evidence_loaded_ = false;
  // Shared by the threads that load articles.
  std::atomic<size_t> total_bytes_{0};
  std::atomic<bool> total_reported_{false};
  std::atomic<int> files_read_{0};
  std::mutex images_mu_;  // guards content_.image_files while articles load
  size_t comparisons_ = 0;
};

}  // namespace

LoadResult Load(const FileSystem& fs, std::string root, const LoadOptions& options) {
  Loader loader(fs, std::move(root), options);
  return loader.Run();
}

}  // namespace evidoc::content
