#include "server/static_files.h"

#include <zlib.h>

#include <cstdio>
#include <cstdlib>

#include "server/http_types.h"

namespace evidoc::server {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string GzipCompress(std::string_view data) {
  z_stream zs{};
  // windowBits 15 + 16: a gzip header and trailer instead of zlib's.
  if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
    return {};
  }
  std::string out(deflateBound(&zs, data.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  size_t produced = zs.total_out;
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return {};
  out.resize(produced);
  return out;
}

std::string GzipDecompress(std::string_view data) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) return {};
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buf[16384];
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) break;
  }
  inflateEnd(&zs);
  return rc == Z_STREAM_END ? out : std::string();
}

std::string MakeEtag(std::string_view bytes, std::string_view suffix) {
  uint64_t h = 14695981039346656037ULL;  // FNV-1a 64 offset basis
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return "\"" + std::string(buf) + std::string(suffix) + "\"";
}

bool IsCompressibleType(std::string_view t) {
  return t.starts_with("text/") || t.find("json") != std::string_view::npos ||
         t.find("xml") != std::string_view::npos || t.find("javascript") != std::string_view::npos;
}

std::unordered_map<std::string, StaticFile> PrepareStaticFiles(std::vector<site::SiteFile> files) {
  std::unordered_map<std::string, StaticFile> out;
  out.reserve(files.size());
  for (auto& f : files) {
    StaticFile s;
    s.content_type = std::move(f.content_type);
    s.bytes = std::move(f.bytes);
    s.etag = MakeEtag(s.bytes);
    // Below ~256 bytes gzip's 18-byte frame eats the gain.
    if (IsCompressibleType(s.content_type) && s.bytes.size() >= 256) {
      std::string z = GzipCompress(s.bytes);
      if (!z.empty() && z.size() < s.bytes.size()) {
        s.gzip = std::move(z);
        s.etag_gzip = MakeEtag(s.bytes, "-gz");
      }
    }
    s.cache_control = f.path.starts_with("assets/") || f.path.starts_with("images/")
                          ? "public, max-age=86400"
                          : "no-cache";
    s.head = PrepareHead(s, 200, false);
    s.head_304 = PrepareHead(s, 304, false);
    if (!s.gzip.empty()) {
      s.head_gzip = PrepareHead(s, 200, true);
      s.head_304_gzip = PrepareHead(s, 304, true);
    }
    out.emplace(std::move(f.path), std::move(s));
  }
  return out;
}

std::string PrepareHead(const StaticFile& f, int status, bool gzip) {
  // The same fields, in the same order, as App::ServeFile's Response written
  // by the transport, so that both paths answer alike.
  std::string h = "HTTP/1.1 " + std::to_string(status) + " " + std::string(ReasonPhrase(status));
  auto field = [&h](std::string_view name, std::string_view value) {
    h.append("\r\n").append(name).append(": ").append(value);
  };
  field("Server", "evidoc");
  field("Content-Type", f.content_type);
  field("ETag", gzip ? f.etag_gzip : f.etag);
  field("Cache-Control", f.cache_control);
  if (!f.gzip.empty()) field("Vary", "Accept-Encoding");
  if (status != 304 && gzip) field("Content-Encoding", "gzip");
  for (const auto& [name, value] : SecurityHeaders()) field(name, value);
  if (status != 304) field("Content-Length", std::to_string(gzip ? f.gzip.size() : f.bytes.size()));
  h.append("\r\n");
  return h;
}

bool EtagMatches(std::string_view header, std::string_view etag) {
  header = Trim(header);
  if (header.empty()) return false;
  if (header == "*") return true;
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view tag = Trim(header.substr(0, comma));
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == etag) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

bool AcceptsGzip(std::string_view header) {
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view item = Trim(header.substr(0, comma));
    size_t semi = item.find(';');
    std::string_view coding = Trim(item.substr(0, semi));
    if (IEquals(coding, "gzip") || IEquals(coding, "x-gzip")) {
      if (semi == std::string_view::npos) return true;
      std::string_view params = Trim(item.substr(semi + 1));
      if (params.starts_with("q=") || params.starts_with("Q=")) {
        std::string q(params.substr(2));
        return std::strtod(q.c_str(), nullptr) > 0.0;
      }
      return true;
    }
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace evidoc::server
