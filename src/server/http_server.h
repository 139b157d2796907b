// An HTTP/1.1 server on Boost.Beast/Asio: keep-alive, HEAD, limits on every
// part of a request, timeouts that slow clients cannot stretch, and a
// graceful stop. It knows nothing about evidoc's routes: it parses and checks
// requests, hands each one to a Handler and writes the Response.
//
// Threading: `threads` threads each run an io_context of their own; each
// connection is dealt to one of them and stays there, a chain of asynchronous
// operations on that one thread. The Handler is called concurrently from
// several threads and must be thread-safe. A Response with a prepared head
// (http_types.h) is written as it is.
//
// Limits (ServerOptions) and what a client gets when it breaks one: a request
// line + headers larger than max_header_bytes → 431; more header fields than
// max_header_count → 431; a target longer than max_target_bytes → 414; a body
// larger than max_body_bytes → 413; a malformed request → 400; a request
// whose headers (or body) do not arrive within header_timeout (body_timeout)
// → the connection is closed. Every error response closes the connection.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <tl/expected.hpp>

#include "server/http_types.h"

namespace evidoc::server {

struct ServerOptions {
  std::string host = "127.0.0.1";  // the address to listen on
  uint16_t port = 8080;            // 0: an ephemeral port (tests)
  int threads = 0;                 // 0: one per hardware thread (at least 2)
  // 8 KiB of headers is what nginx accepts by default (large_client_header_buffers
  // allows more, but no browser sends that much to a site without cookies).
  size_t max_header_bytes = 8 * 1024;
  size_t max_header_count = 64;       // browsers send about 15
  size_t max_target_bytes = 2048;     // the longest URL a route needs is a search or check
  size_t max_body_bytes = 16 * 1024;  // the largest body is a feedback comment or a check form
  std::chrono::milliseconds header_timeout{10000};  // idle keep-alive + request headers
  std::chrono::milliseconds body_timeout{10000};
  size_t max_connections = 10000;  // beyond: new connections are closed at once
};

// Called once per request, concurrently from the server's threads.
using Handler = std::function<Response(const Request&)>;

// Called after each response is written: the request, the status, the body
// size and the time the handler took. Concurrently, like Handler.
using AccessLogger = std::function<void(const Request&, int status, size_t bytes,
                                        std::chrono::microseconds elapsed)>;

class HttpServer {
 public:
  HttpServer(ServerOptions options, Handler handler, AccessLogger logger = nullptr);
  ~HttpServer();  // Stop()s if still running
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds, listens and starts the threads. Returns the port it listens on,
  // or a message ("cannot listen on 127.0.0.1:80: Permission denied").
  tl::expected<uint16_t, std::string> Start();

  // Stops accepting, closes idle connections, lets requests in flight finish
  // (their responses say "Connection: close"), then joins the threads. After
  // `grace`, whatever is left is cut. Safe to call more than once.
  void Stop(std::chrono::milliseconds grace = std::chrono::milliseconds(10000));

  uint16_t port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace evidoc::server
