#include "server/http_types.h"

#include <strings.h>

namespace evidoc::server {

std::string_view Request::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return {};
}

std::string_view Request::Path() const {
  std::string_view t = target;
  size_t q = t.find('?');
  return q == std::string_view::npos ? t : t.substr(0, q);
}

std::string_view Request::Query() const {
  std::string_view t = target;
  size_t q = t.find('?');
  return q == std::string_view::npos ? std::string_view() : t.substr(q + 1);
}

void Response::SetHeader(std::string name, std::string value) {
  for (auto& [k, v] : headers) {
    if (k.size() == name.size() && strncasecmp(k.c_str(), name.c_str(), k.size()) == 0) {
      v = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

std::string_view Response::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k.size() == name.size() && strncasecmp(k.data(), name.data(), k.size()) == 0) return v;
  }
  return {};
}

std::string PreparedHeadOf(const Response& r) {
  std::string h =
      "HTTP/1.1 " + std::to_string(r.status) + " " + std::string(ReasonPhrase(r.status));
  auto field = [&h](std::string_view name, std::string_view value) {
    h.append("\r\n").append(name).append(": ").append(value);
  };
  field("Server", "evidoc");
  field("Content-Type", r.content_type);
  for (const auto& [k, v] : r.headers) field(k, v);
  if (r.Header("X-Content-Type-Options").empty()) field("X-Content-Type-Options", "nosniff");
  if (r.status != 204 && r.status != 304) field("Content-Length", std::to_string(r.Body().size()));
  h.append("\r\n");
  return h;
}

const std::vector<std::pair<std::string_view, std::string_view>>& SecurityHeaders() {
  static const std::vector<std::pair<std::string_view, std::string_view>> kHeaders = {
      // No inline script or style anywhere on the site (render writes none), no
      // framing, nothing loaded from elsewhere.
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      // A health site's URLs say what a reader is worried about: send none of it elsewhere.
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
      {"Permissions-Policy",
       "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
  };
  return kHeaders;
}

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 411:
      return "Length Required";
    case 413:
      return "Payload Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    default:
      return "";
  }
}

}  // namespace evidoc::server
