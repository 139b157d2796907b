// A tiny blocking HTTP client for the integration tests: one request per
// call on a fresh connection (or several on one keep-alive connection), and
// raw bytes for malformed requests. 127.0.0.1 only; every read has a deadline.
#pragma once

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace evidoc::testing {

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  bool ok = false;  // a whole response was read
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

class HttpClient {
 public:
  explicit HttpClient(unsigned short port) : stream_(ioc_) {
    stream_.expires_after(std::chrono::seconds(10));
    stream_.connect(
        boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  }

  HttpReply Send(const std::string& method, const std::string& target,
                 std::vector<std::pair<std::string, std::string>> headers = {},
                 const std::string& body = "") {
    namespace http = boost::beast::http;
    http::request<http::string_body> req;
    req.method_string(method);
    req.target(target);
    req.version(11);
    req.set(http::field::host, "127.0.0.1");
    for (auto& [k, v] : headers) req.set(k, v);
    if (!body.empty() || method == "POST") {
      req.body() = body;
      req.prepare_payload();
    }
    HttpReply reply;
    boost::beast::error_code ec;
    stream_.expires_after(std::chrono::seconds(10));
    http::write(stream_, req, ec);
    if (ec) return reply;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    parser.skip(method == "HEAD");
    http::read(stream_, buffer_, parser, ec);
    if (ec) return reply;
    auto& res = parser.get();
    reply.ok = true;
    reply.status = static_cast<int>(res.result_int());
    for (const auto& f : res) {
      std::string name(f.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      reply.headers[name] = std::string(f.value());
    }
    reply.body = res.body();
    return reply;
  }

  // Writes raw bytes and reads until the server closes (or 5 s pass).
  std::string Raw(const std::string& bytes) {
    boost::beast::error_code ec;
    boost::asio::write(stream_.socket(), boost::asio::buffer(bytes), ec);
    return ReadAll();
  }

  std::string ReadAll() {
    std::string out;
    boost::beast::error_code ec;
    char buf[4096];
    stream_.expires_after(std::chrono::seconds(5));
    for (int i = 0; i < 10000; ++i) {
      size_t n = stream_.read_some(boost::asio::buffer(buf), ec);
      out.append(buf, n);
      if (ec) break;
    }
    return out;
  }

  // True if the server closed the connection (reads EOF) within `wait`.
  bool ClosedWithin(std::chrono::milliseconds wait) {
    boost::beast::error_code ec;
    char buf[256];
    stream_.expires_after(wait);
    for (int i = 0; i < 1000; ++i) {
      stream_.read_some(boost::asio::buffer(buf), ec);
      if (ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset) return true;
      if (ec) return false;  // timeout
    }
    return false;
  }

 private:
  boost::asio::io_context ioc_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
};

}  // namespace evidoc::testing
