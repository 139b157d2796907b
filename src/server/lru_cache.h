// A small thread-safe least-recently-used map from a string key to a shared,
// immutable value. Header-only. Used for the answers of repeated searches
// (App): each snapshot has its own, so a new snapshot starts empty and a
// cached answer is always the current content's.
//
// Thread-safe (one mutex; a hit moves its entry to the front). Values are
// shared_ptr<const V>: a reader keeps its value alive after eviction.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace evidoc::server {

template <class V>
class LruCache {
 public:
  // REQUIRES: capacity >= 1.
  explicit LruCache(size_t capacity) : capacity_(capacity) {}
  LruCache(const LruCache&) = delete;
  LruCache& operator=(const LruCache&) = delete;

  // The value stored under `key`, or null.
  std::shared_ptr<const V> Get(std::string_view key) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    entries_.splice(entries_.begin(), entries_, it->second);
    return it->second->second;
  }

  // Stores `value` under `key` unless the key is there already; evicts the
  // least recently used entry beyond the capacity.
  void Put(std::string key, std::shared_ptr<const V> value) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (index_.count(key) != 0) return;
    entries_.emplace_front(std::move(key), std::move(value));
    // The index's key views the string in the list node, which never moves.
    index_.emplace(entries_.front().first, entries_.begin());
    if (entries_.size() > capacity_) {
      index_.erase(entries_.back().first);
      entries_.pop_back();
    }
  }

  size_t size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return entries_.size();
  }

 private:
  using Entries = std::list<std::pair<std::string, std::shared_ptr<const V>>>;
  const size_t capacity_;
  mutable std::mutex mutex_;
  Entries entries_;  // most recently used first
  std::unordered_map<std::string_view, typename Entries::iterator> index_;
};

}  // namespace evidoc::server
