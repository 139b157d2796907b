// The immutable state the server answers from: one Knowledge, every file of
// the site prepared for serving, the search index and the code tables the
// Infobutton resolves through. Built once, never changed, shared by
// std::shared_ptr<const Snapshot>; `--watch` builds a new one and swaps it in
// (SnapshotHolder), and requests in flight keep the old one alive until they finish.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tl/expected.hpp>
#include <unordered_map>
#include <vector>

#include "knowledge/knowledge.h"
#include "search/search_index.h"
#include "server/lru_cache.h"
#include "server/static_files.h"
#include "site/render_site.h"

namespace evidoc::server {

// Heterogeneous lookup (a std::string_view key without building a std::string).
struct UrlHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// A search answer kept for repeats of the same request target (App::Search):
// the whole response, and what the search adds to the metrics and the log of
// searches that found nothing, which every repeat adds again.
struct CachedAnswer {
  std::string head;  // prepared head (Response::prepared_head), security headers included
  std::string body;
  bool record = false;  // a first page of results: counted as a search
  bool missed = false;  // it found nothing
  std::string query;    // as searched, for the log of searches that found nothing
};

// How many distinct search targets each snapshot remembers: a site's popular
// searches are few ("leg cramps at night"), and each answer is a few KiB.
inline constexpr size_t kCachedSearches = 256;

struct Snapshot {
  std::shared_ptr<const knowledge::Knowledge> knowledge;  // never null
  std::unordered_map<std::string, StaticFile> files;      // by site path
  std::unique_ptr<search::SearchIndex> search;            // never null
  uint64_t generation = 0;                                // 1, 2, ... per swap
  // Every file by each raw URL path that serves it as it is ("/leg-cramps/"
  // and "/leg-cramps/index.html" → the file "leg-cramps/index.html"); files
  // whose path would need percent-encoding are left out. For App's fast path;
  // App still checks that no other route claims the path.
  std::unordered_map<std::string, const StaticFile*, UrlHash, std::equal_to<>> by_url;

  // ICD-10-CM codes normalised (upper case, no dots) → article slugs; SNOMED CT
  // codes → slugs; RxNorm ids → the medicine classes containing them.
  std::map<std::string, std::vector<std::string>> icd10;
  std::map<std::string, std::vector<std::string>> snomed;
  std::map<std::string, std::vector<const content::MedicineClass*>> rxnorm;

  // The answers of recent searches (see CachedAnswer). The snapshot is
  // immutable, so an answer stays right for its lifetime; a new snapshot
  // (--watch) starts with an empty cache.
  mutable LruCache<CachedAnswer> search_answers{kCachedSearches};

  const StaticFile* Find(const std::string& path) const;
  const content::Content& content() const { return *knowledge->content; }
  const content::Article* FindArticle(std::string_view slug) const;
  const knowledge::TreatmentResult* FindTreatment(std::string_view id) const;
};

// Prepares `files` (gzip, ETags), builds the search index and the code tables.
// REQUIRES: knowledge and knowledge->content non-null. Fails only if the
// search index cannot be built.
tl::expected<std::shared_ptr<const Snapshot>, std::string> BuildSnapshot(
    std::shared_ptr<const knowledge::Knowledge> knowledge, std::vector<site::SiteFile> files,
    uint64_t generation);

// "I82.40" → "I8240": ICD-10-CM codes compare without the dot and case-blind.
std::string NormaliseIcd10(std::string_view code);

// The current snapshot, swapped atomically. Thread-safe.
class SnapshotHolder {
 public:
  std::shared_ptr<const Snapshot> Get() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return current_;
  }
  void Set(std::shared_ptr<const Snapshot> s) {
    std::lock_guard<std::mutex> lock(mutex_);
    current_.swap(s);
    // The old snapshot (now in `s`) is released outside the lock, below.
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const Snapshot> current_;
};

}  // namespace evidoc::server
