// Search on the bundled content without the server: builds the index as
// `evidoc serve` does and runs the 780 lay queries of bench/search_queries.lua
// (pairs of 40 words) plus a few misspellings, one thread.
//
//   bench_search [CONTENT_DIR] [ROUNDS]     time per query: each round runs
//                                           every query once; prints each
//                                           round's mean and the median, as
//                                           wall time and as this thread's
//                                           CPU time (less disturbed by other
//                                           processes on a shared machine)
//   bench_search --dump [CONTENT_DIR]       every query's whole result
//                                           (corrected, total, hits with
//                                           score and snippet), one block each,
//                                           to compare two versions with diff
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "common/file_system.h"
#include "content/loader.h"
#include "knowledge/knowledge.h"
#include "search/lay_queries.h"
#include "search/search_index.h"

namespace {

std::vector<std::string> Queries() {
  std::vector<std::string> out = evidoc::search::LayQueryPairs();
  // Misspellings, synonyms, phrases, stop words only, nothing found.
  for (const char* q : {"cramsp",
                        "leg cramsp",
                        "charley horse",
                        "charley worse",
                        "calf cramp at night",
                        "cramps from statins",
                        "swollen painful calf",
                        "lump behind the knee",
                        "blood clot in the lung",
                        "\"leg cramps\"",
                        "cramp -night",
                        "+calf pain",
                        "the of and",
                        "xyzzy plugh",
                        "thrombosis",
                        "DVT",
                        "shortness of breath",
                        "pulmonary embolism",
                        "bakers cyst",
                        "baker's cyst",
                        "statins"}) {
    out.push_back(q);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  bool dump = argc > 1 && std::strcmp(argv[1], "--dump") == 0;
  int arg = dump ? 2 : 1;
  std::string dir = argc > arg ? argv[arg] : std::string(EVIDOC_SOURCE_DIR) + "/content";
  int rounds = argc > arg + 1 ? std::atoi(argv[arg + 1]) : 9;
  evidoc::RealFileSystem fs;
  auto loaded = evidoc::content::Load(fs, dir);
  if (loaded.content == nullptr) {
    std::fprintf(stderr, "bench_search: %s has errors\n", dir.c_str());
    return 1;
  }
  auto knowledge = evidoc::knowledge::Weigh(loaded.content);
  auto built = evidoc::search::SearchIndex::Build(*knowledge);
  if (!built) {
    std::fprintf(stderr, "bench_search: %s\n", built.error().c_str());
    return 1;
  }
  const auto& index = **built;
  const std::vector<std::string> queries = Queries();
  if (dump) {
    for (const auto& q : queries) {
      for (size_t limit : {10, 50}) {
        auto r = index.Search(q, 0, limit);
        std::printf("query [%s] limit %zu: corrected [%s] used %d total %zu hits %zu\n",
                    r.query.c_str(), limit, r.corrected.c_str(), r.used_corrected ? 1 : 0, r.total,
                    r.hits.size());
        for (const auto& h : r.hits) {
          std::printf("  %s %s %s %.9g [%s] [%s]\n  %s\n",
                      std::string(evidoc::search::DocKindName(h.kind)).c_str(), h.id.c_str(),
                      h.url.c_str(), h.score, h.title.c_str(), h.summary.c_str(),
                      h.snippet_html.c_str());
        }
      }
      auto page2 = index.Search(q, 10, 10);
      std::printf("  page 2:");
      for (const auto& h : page2.hits) std::printf(" %s", h.id.c_str());
      std::printf("\n");
    }
    return 0;
  }
  auto cpu_us = [] {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
  };
  std::vector<double> walls, cpus;
  size_t sink = 0;
  for (int r = 0; r < rounds; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    double c0 = cpu_us();
    for (const auto& q : queries) sink += index.Search(q).hits.size();
    double cpu = (cpu_us() - c0) / queries.size();
    auto t1 = std::chrono::steady_clock::now();
    double wall = std::chrono::duration<double, std::micro>(t1 - t0).count() / queries.size();
    walls.push_back(wall);
    cpus.push_back(cpu);
    std::printf("round %d: %.1f us/query wall, %.1f us/query CPU\n", r + 1, wall, cpu);
  }
  std::sort(walls.begin(), walls.end());
  std::sort(cpus.begin(), cpus.end());
  std::printf("median: %.1f us/query wall, %.1f us/query CPU, over %zu queries (%zu hits)\n",
              walls[walls.size() / 2], cpus[cpus.size() / 2], queries.size(), sink);
  return 0;
}
