#include "server/rate_limiter.h"

#include <algorithm>

namespace evidoc::server {

bool RateLimiter::Allow(const std::string& client, std::chrono::steady_clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (buckets_.size() >= kMaxClients && !buckets_.count(client)) buckets_.clear();
  auto [it, inserted] = buckets_.try_emplace(client, Bucket{burst_, now});
  Bucket& b = it->second;
  if (!inserted) {
    double elapsed = std::chrono::duration<double>(now - b.last).count();
    b.tokens = std::min(burst_, b.tokens + elapsed * per_second_);
    b.last = now;
  }
  if (b.tokens < 1.0) return false;
  b.tokens -= 1.0;
  return true;
}

}  // namespace evidoc::server
