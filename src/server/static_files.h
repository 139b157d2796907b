// The site's files, prepared once per snapshot for serving: each with its
// ETag, its Cache-Control and, for text types, a gzip variant, so that no
// request compresses or hashes anything.
//
// Pure; thread-safe once built (read-only).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "site/render_site.h"

namespace evidoc::server {

struct StaticFile {
  std::string content_type;
  std::string bytes;
  std::string gzip;       // empty when not worth compressing
  std::string etag;       // "\"<16 hex>\"" of bytes (strong)
  std::string etag_gzip;  // "\"<16 hex>-gz\"" (a different representation)
  std::string cache_control;
  // Prepared heads (see Response::prepared_head in http_types.h), so that a
  // hit is one lookup and one write: 200 and 304, identity and (when `gzip`
  // is set) gzip. Each is the status line, Server, Content-Type, ETag,
  // Cache-Control, Vary, Content-Encoding, the security headers and (200)
  // Content-Length.
  std::string head, head_gzip, head_304, head_304_gzip;
};

// Compresses `data` as a gzip member (RFC 1952) at the best compression level.
// Returns "" only if zlib fails (out of memory).
std::string GzipCompress(std::string_view data);

// Decompresses a gzip member; "" on any error. For tests.
std::string GzipDecompress(std::string_view data);

// A strong ETag for `bytes`: a quoted 64-bit FNV-1a hash in hex.
std::string MakeEtag(std::string_view bytes, std::string_view suffix = "");

// Whether a file of this type is compressed (text, JSON, XML, SVG, JS, CSS).
bool IsCompressibleType(std::string_view content_type);

// Builds the served form of every site file, keyed by path ("leg-cramps/index.html").
// Files of compressible types of at least 256 bytes get a gzip variant when it
// is smaller. HTML and JSON are "no-cache" (always revalidated with the ETag:
// pages change when the content does); files under assets/ may be cached for a day.
std::unordered_map<std::string, StaticFile> PrepareStaticFiles(std::vector<site::SiteFile> files);

// The prepared head of `file` for a 200 or 304 answer, identity or gzip
// (PrepareStaticFiles fills StaticFile's heads with it).
std::string PrepareHead(const StaticFile& file, int status, bool gzip);

// Whether an If-None-Match header value matches `etag` ("*" or a list; weak
// validators W/"x" compare equal to "x", as RFC 9110 says for GET).
bool EtagMatches(std::string_view if_none_match, std::string_view etag);

// Whether an Accept-Encoding header value accepts gzip (q > 0).
bool AcceptsGzip(std::string_view accept_encoding);

}  // namespace evidoc::server
