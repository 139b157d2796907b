// A per-client token bucket (in memory only: client addresses are never
// written anywhere). Used to limit feedback posts so that one client cannot
// flood the store. Thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace evidoc::server {

class RateLimiter {
 public:
  // `burst` requests at once, refilled at `per_minute` a minute.
  RateLimiter(double burst, double per_minute) : burst_(burst), per_second_(per_minute / 60.0) {}

  // True if `client` may go ahead now (and takes a token).
  bool Allow(const std::string& client,
             std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point last;
  };
  // Forget everyone once this many clients are tracked: memory stays bounded
  // whatever the number of addresses (the cost is a fresh burst for all).
  static constexpr size_t kMaxClients = 100000;
  double burst_, per_second_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace evidoc::server
