#include "evidence/batch.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace evidoc::evidence {

namespace {

constexpr uint32_t kNone = UINT32_MAX;

// Consecutive rows of one group: where the first starts, and how many
// (non-blank) records follow. A file sorted by the column has one run per
// group; rows of groups that interleave make more runs.
struct Run {
  size_t offset = 0;  // record start in the text
  int line = 0;       // its physical line
  uint32_t rows = 0;
  uint32_t next = kNone;  // the group's next run
};

struct Group {
  std::string_view key;
  uint32_t first_run = kNone, last_run = kNone;
};

// What one pass over the text keeps: the header and where each group's rows
// are. A few bytes per group, so memory does not grow with the cells.
struct Index {
  std::vector<std::string> columns;
  std::vector<Run> runs;
  std::vector<Group> groups;
  std::deque<std::string> keys;  // keys that were unescaped (quoted with ""), owned here
};

enum class Scan { kOk, kCsvError, kNoColumn };

// Reads every record once. Any CSV problem makes the caller fall back to
// ReadStudyCsv, which reports it exactly (problems are rare; the fast path
// need not describe them).
Scan ScanText(std::string_view text, const std::string& path, std::string_view column,
              Index& index) {
  if (text.size() > kMaxCsvBytes) return Scan::kCsvError;
  size_t pos = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  int line = 1;
  CsvRecord rec;
  std::deque<std::string> escaped;
  Diagnostics problems;
  bool have_header = false;
  size_t width = 0;
  std::optional<int> col;
  std::unordered_map<std::string_view, uint32_t> group_of;
  uint32_t current = kNone;  // group of the previous row
  while (pos < text.size()) {
    const size_t start = pos;
    const int start_line = line;
    escaped.clear();
    CsvRead status = ReadCsvRecord(text, pos, line, path, rec, escaped, problems);
    if (status != CsvRead::kRecord || !problems.empty()) return Scan::kCsvError;
    if (rec.blank) continue;
    if (!have_header) {
      have_header = true;
      for (std::string_view name : rec.fields) {
        if (name.empty()) return Scan::kCsvError;
        for (const std::string& seen : index.columns)
          if (seen == name) return Scan::kCsvError;
        index.columns.emplace_back(name);
      }
      width = index.columns.size();
      for (size_t c = 0; c < width; ++c)
        if (index.columns[c] == column) col = static_cast<int>(c);
      continue;
    }
    if (rec.fields.size() > width) return Scan::kCsvError;
    if (!col) continue;  // still looking for CSV errors, which come first
    const size_t c = static_cast<size_t>(*col);
    std::string_view key = c < rec.fields.size() ? rec.fields[c] : std::string_view();
    if (current != kNone && index.groups[current].key == key) {
      ++index.runs[index.groups[current].last_run].rows;
      continue;
    }
    auto it = group_of.find(key);
    uint32_t g;
    if (it == group_of.end()) {
      // An unescaped key lives in `escaped`, cleared every record: keep a copy.
      bool in_text = key.empty() || (key.data() >= text.data() &&
                                     key.data() + key.size() <= text.data() + text.size());
      if (!in_text) key = index.keys.emplace_back(key);
      g = static_cast<uint32_t>(index.groups.size());
      index.groups.push_back({key, kNone, kNone});
      group_of.emplace(key, g);
    } else {
      g = it->second;
    }
    const uint32_t run = static_cast<uint32_t>(index.runs.size());
    index.runs.push_back({start, start_line, 1, kNone});
    Group& group = index.groups[g];
    if (group.last_run == kNone) {
      group.first_run = run;
    } else {
      index.runs[group.last_run].next = run;
    }
    group.last_run = run;
    current = g;
  }
  if (!have_header) return Scan::kCsvError;
  if (!col) return Scan::kNoColumn;
  return Scan::kOk;
}

// A worker's reusable storage for viewing one group's rows.
struct Scratch {
  std::vector<std::string_view> cells;
  std::vector<int> lines;
  CsvRecord record;
  std::deque<std::string> escaped;
  Diagnostics ignored;  // the scan found no CSV problem; reading again finds none
};

StudyRowsView ViewGroup(std::string_view text, const std::string& path, const Index& index,
                        const Group& group, Scratch& s) {
  const size_t width = index.columns.size();
  s.cells.clear();
  s.lines.clear();
  s.escaped.clear();
  for (uint32_t r = group.first_run; r != kNone; r = index.runs[r].next) {
    size_t pos = index.runs[r].offset;
    int line = index.runs[r].line;
    for (uint32_t left = index.runs[r].rows; left > 0;) {
      ReadCsvRecord(text, pos, line, path, s.record, s.escaped, s.ignored);
      if (s.record.blank) continue;
      s.lines.push_back(s.record.line);
      s.cells.insert(s.cells.end(), s.record.fields.begin(), s.record.fields.end());
      s.cells.resize(s.lines.size() * width);  // short rows read "" (as ReadStudyCsv pads)
      --left;
    }
  }
  return {path, index.columns, s.cells, s.lines, true};
}

// The outcomes and output of consecutive analyses, handed on together.
struct Chunk {
  struct Item {
    std::string_view name;
    bool ok = false;
    Diagnostics diagnostics;
  };
  std::vector<Item> items;
  std::string out;
};

}  // namespace

unsigned DefaultBatchThreads() { return std::max(1u, std::thread::hardware_concurrency()); }

std::optional<BatchSummary> RunBatch(std::string_view csv, const std::string& path,
                                     const BatchOptions& options, const BatchCallbacks& callbacks,
                                     Diagnostics& diags) {
  Index index;
  switch (ScanText(csv, path, options.column, index)) {
    case Scan::kCsvError: {
      Diagnostics problems;
      ReadStudyCsv(csv, path, problems);
      diags.Append(problems);
      if (!problems.has_errors()) {  // cannot happen: the scan and the reader agree
        diags.Error({path, 0, 0}, "cannot read the CSV file");
      }
      return std::nullopt;
    }
    case Scan::kNoColumn:
      diags.Error({path, 1, 0}, "no column '" + options.column + "' for --each");
      return std::nullopt;
    case Scan::kOk:
      break;
  }

  const size_t n = index.groups.size();
  BatchSummary summary;
  summary.analyses = n;
  if (n == 0) return summary;  // a header and no rows: nothing to do
  unsigned threads = options.threads == 0 ? DefaultBatchThreads() : options.threads;
  // Chunks of consecutive analyses: small enough to share the work out
  // evenly, large enough that a write() carries tens of kilobytes.
  const size_t per_chunk = std::clamp<size_t>(n / (size_t{threads} * 8), 1, 16);
  const size_t chunks = (n + per_chunk - 1) / per_chunk;
  threads = static_cast<unsigned>(std::min<size_t>(threads, chunks));

  // At most `window` chunks are out at a time (being computed or waiting
  // for an earlier one): a thread that races ahead while another is held up
  // (on a busy machine) waits rather than piling up output, since fresh
  // memory is costly here (about 20 us a page on our virtual machines).
  const size_t window = size_t{threads} * 2;
  std::atomic<bool> stop{false};
  std::mutex mu;  // guards everything below, and serialises report()/write()
  std::condition_variable committed;
  size_t next_chunk = 0;
  size_t next_commit = 0;
  std::map<size_t, std::unique_ptr<Chunk>> pending;
  std::vector<std::unique_ptr<Chunk>> spare;
  std::exception_ptr error;

  auto commit = [&](size_t id, std::unique_ptr<Chunk> chunk) {
    std::lock_guard<std::mutex> lock(mu);
    pending.emplace(id, std::move(chunk));
    while (!pending.empty() && pending.begin()->first == next_commit) {
      std::unique_ptr<Chunk> c = std::move(pending.begin()->second);
      pending.erase(pending.begin());
      for (const Chunk::Item& item : c->items) {
        if (!item.ok) ++summary.failed;
        callbacks.report({item.name, item.ok, &item.diagnostics});
      }
      if (!c->out.empty()) callbacks.write(c->out);
      spare.push_back(std::move(c));
      ++next_commit;
      committed.notify_all();
    }
  };
  // The next chunk to compute and a buffer for it, or nullptr when done.
  auto claim = [&](size_t& id) -> std::unique_ptr<Chunk> {
    std::unique_lock<std::mutex> lock(mu);
    committed.wait(lock, [&] { return stop || next_chunk < next_commit + window; });
    if (stop || next_chunk >= chunks) return nullptr;
    id = next_chunk++;
    std::unique_ptr<Chunk> chunk;
    if (!spare.empty()) {
      chunk = std::move(spare.back());
      spare.pop_back();
    } else {
      chunk = std::make_unique<Chunk>();
      chunk->out.reserve(size_t{64} << 10);
    }
    chunk->items.clear();
    chunk->out.clear();
    return chunk;
  };

  auto worker = [&] {
    Scratch scratch;
    try {
      size_t id = 0;
      while (std::unique_ptr<Chunk> chunk = claim(id)) {
        const size_t end = std::min(n, (id + 1) * per_chunk);
        for (size_t g = id * per_chunk; g < end; ++g) {
          Chunk::Item& item = chunk->items.emplace_back();
          item.name = index.groups[g].key;
          StudyRowsView rows = ViewGroup(csv, path, index, index.groups[g], scratch);
          std::optional<EffectData> data =
              ComputeEffectSizes(rows, options.effect_sizes, item.diagnostics);
          std::optional<MetaAnalysisResult> result;
          if (data) result = Pool(*data, options.pooling, item.diagnostics);
          item.ok = result.has_value();
          if (result) callbacks.format(item.name, *result, chunk->out);
        }
        commit(id, std::move(chunk));
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(mu);
      if (!error) error = std::current_exception();
      stop = true;
      committed.notify_all();
    }
  };

  std::vector<std::thread> pool;
  if (threads > 1) pool.reserve(threads - 1);
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  if (error) std::rethrow_exception(error);
  return summary;
}

}  // namespace evidoc::evidence
