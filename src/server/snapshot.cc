#include "server/snapshot.h"

#include <cctype>

namespace evidoc::server {

std::string NormaliseIcd10(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == '.' || c == ' ') continue;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

const StaticFile* Snapshot::Find(const std::string& path) const {
  auto it = files.find(path);
  return it == files.end() ? nullptr : &it->second;
}

const content::Article* Snapshot::FindArticle(std::string_view slug) const {
  for (const auto& a : knowledge->content->articles) {
    if (a.slug == slug) return &a;
  }
  return nullptr;
}

const knowledge::TreatmentResult* Snapshot::FindTreatment(std::string_view id) const {
  for (const auto& t : knowledge->treatments) {
    if (t.treatment != nullptr && t.treatment->id == id) return &t;
  }
  return nullptr;
}

tl::expected<std::shared_ptr<const Snapshot>, std::string> BuildSnapshot(
    std::shared_ptr<const knowledge::Knowledge> knowledge, std::vector<site::SiteFile> files,
    uint64_t generation) {
  auto snap = std::make_shared<Snapshot>();
  snap->knowledge = std::move(knowledge);
  snap->generation = generation;
  snap->files = PrepareStaticFiles(std::move(files));
  for (const auto& [path, file] : snap->files) {
    bool plain = !path.empty();
    for (unsigned char c : path) {
      // What a client sends as it is: anything else arrives percent-encoded
      // and takes the general route (which decodes it).
      if (!(std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~')) {
        plain = false;
      }
    }
    if (!plain) continue;
    snap->by_url.emplace("/" + path, &file);
    if (path == "index.html") snap->by_url.emplace("/", &file);
    if (path.ends_with("/index.html")) {
      snap->by_url.emplace("/" + path.substr(0, path.size() - 10), &file);
    }
  }
  const Snapshot* raw = snap.get();
  // A treatment's page is wherever the site put it: look for ".../{id}/index.html".
  auto urls = [raw](search::DocKind kind, const std::string& id) -> std::string {
    if (kind != search::DocKind::kTreatment) return {};
    for (const auto& [path, file] : raw->files) {
      std::string tail = "/" + id + "/index.html";
      if (path.size() > tail.size() && path.ends_with(tail)) {
        return "/" + path.substr(0, path.size() - std::string("index.html").size());
      }
    }
    return {};
  };
  auto index = search::SearchIndex::Build(*snap->knowledge, urls);
  if (!index) return tl::unexpected(index.error());
  snap->search = std::move(*index);
  const content::Content& c = *snap->knowledge->content;
  for (const auto& a : c.articles) {
    for (const auto& code : a.codes) {
      if (code.system == "ICD-10-CM") snap->icd10[NormaliseIcd10(code.code)].push_back(a.slug);
      if (code.system == "SNOMED CT") snap->snomed[code.code].push_back(a.slug);
    }
  }
  for (const auto& mc : c.medicines) {
    for (const auto& m : mc.members) {
      if (!m.rxnorm.empty()) snap->rxnorm[m.rxnorm].push_back(&mc);
    }
  }
  return std::shared_ptr<const Snapshot>(std::move(snap));
}

}  // namespace evidoc::server
