#include "server/http_server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

namespace evidoc::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

class Session;

// What the acceptor and every session share. Lives as long as the server.
struct State {
  ServerOptions options;
  Handler handler;
  AccessLogger logger;
  std::atomic<bool> stopping{false};
  std::atomic<size_t> connections{0};
  std::mutex sessions_mutex;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, State& state) : stream_(std::move(socket)), state_(state) {
    boost::system::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) client_ = ep.address().to_string();
  }

  ~Session() {
    state_.connections.fetch_sub(1);
    std::lock_guard<std::mutex> lock(state_.sessions_mutex);
    state_.sessions.erase(this);
  }

  void Start() {
    {
      std::lock_guard<std::mutex> lock(state_.sessions_mutex);
      state_.sessions.emplace(this, weak_from_this());
    }
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->ReadHeader(); });
  }

  beast::tcp_stream::executor_type executor() { return stream_.get_executor(); }

  // Runs on the session's io_context thread (posted by Stop): an idle connection is
  // closed now; a busy one finishes its request and then closes.
  void CloseIfIdle() {
    if (!busy_) {
      boost::system::error_code ec;
      stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
      stream_.socket().close(ec);
    }
  }

 private:
  void ReadHeader() {
    if (state_.stopping.load()) return Close();
    busy_ = false;
    request_.method.clear();
    request_.target.clear();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(state_.options.max_header_bytes));
    parser_->body_limit(state_.options.max_body_bytes);
    // The whole header must arrive within header_timeout, however slowly a
    // client trickles it (slowloris): the timer is not reset by each byte.
    stream_.expires_after(state_.options.header_timeout);
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    if (ec) {
      if (ec == http::error::header_limit) return Fail(431, "request headers too large");
      if (ec == http::error::end_of_stream || ec == net::error::operation_aborted ||
          ec == beast::error::timeout || ec == net::error::eof ||
          ec == net::error::connection_reset) {
        return Close();
      }
      if (ec == http::error::body_limit) return Fail(413, "request body too large");
      return Fail(400, "malformed request");
    }
    busy_ = true;
    auto& req = parser_->get();
    // Assigned into the strings of the previous request on this connection:
    // their capacity is reused, so a keep-alive request allocates nothing here.
    request_.target.assign(req.target().data(), req.target().size());
    request_.method.assign(req.method_string().data(), req.method_string().size());
    const std::string& target = request_.target;
    if (target.size() > state_.options.max_target_bytes) return Fail(414, "URL too long");
    size_t fields = std::distance(req.begin(), req.end());
    if (fields > state_.options.max_header_count) return Fail(431, "too many request headers");
    if (target.empty() || target[0] != '/') return Fail(400, "request target must be a path");
    auto length = parser_->content_length();
    if (length && *length > state_.options.max_body_bytes) {
      return Fail(413, "request body too large");
    }
    if (parser_->is_done()) return OnRequest();
    stream_.expires_after(state_.options.body_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) {
                       if (ec == http::error::body_limit) {
                         return self->Fail(413, "request body too large");
                       }
                       if (ec) return self->Close();
                       self->OnRequest();
                     });
  }

  void OnRequest() {
    stream_.expires_never();
    auto& req = parser_->get();
    request_.client = client_;
    size_t n = 0;
    for (const auto& f : req) {
      if (n == request_.headers.size()) request_.headers.emplace_back();
      auto& [name, value] = request_.headers[n++];
      name.assign(f.name_string().data(), f.name_string().size());
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      value.assign(f.value().data(), f.value().size());
    }
    request_.headers.resize(n);
    request_.body = std::move(req.body());
    http10_ = req.version() < 11;
    keep_alive_ = parser_->keep_alive() && !state_.stopping.load();
    auto started = std::chrono::steady_clock::now();
    try {
      response_ = state_.handler(request_);
    } catch (const std::exception&) {
      // A handler must not throw; if one does, the client still gets an answer.
      response_ = Response();
      response_.status = 500;
      response_.body = "internal error\n";
    }
    elapsed_ = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - started);
    Write(request_.method == "HEAD");
  }

  void Fail(int status, std::string_view message) {
    busy_ = true;
    keep_alive_ = false;
    // What the log shows of a refused request: its method and (at most 256
    // bytes of) its target, when they were parsed.
    if (request_.target.size() > 256) request_.target.resize(256);
    request_.headers.clear();
    request_.body.clear();
    request_.client = client_;
    response_ = Response();
    response_.status = status;
    response_.body = std::string(message) + "\n";
    elapsed_ = {};
    Write(false);
  }

  void Write(bool head) {
    // Counted and logged before the answer goes out, not after: a client
    // that has its answer may ask /metrics at once, on another connection
    // served by another thread, and must find this request counted.
    if (state_.logger) {
      state_.logger(request_, response_.status, response_.Body().size(), elapsed_);
    }
    if (!response_.prepared_head.empty()) return WritePrepared(head);
    res_ = {};
    res_.version(11);
    res_.result(static_cast<unsigned>(response_.status));
    res_.set(http::field::server, "evidoc");
    res_.set(http::field::content_type, response_.content_type);
    for (const auto& [k, v] : response_.headers) res_.set(k, v);
    if (res_.find("X-Content-Type-Options") == res_.end()) {
      res_.set("X-Content-Type-Options", "nosniff");
    }
    std::string_view body = response_.Body();
    // A stop that began while the handler ran: this is the last response.
    if (state_.stopping.load()) keep_alive_ = false;
    res_.keep_alive(keep_alive_);
    // 304 and 204 carry no body and no length; HEAD carries the length only.
    if (response_.status == 304 || response_.status == 204) {
      res_.body() = {};
    } else {
      res_.content_length(body.size());
      if (!head) res_.body() = http::span_body<const char>::value_type(body.data(), body.size());
    }
    stream_.expires_after(state_.options.body_timeout);
    http::async_write(stream_, res_, [self = shared_from_this()](beast::error_code ec, size_t) {
      self->OnWrite(ec);
    });
  }

  // A prepared answer (Response::prepared_head): its head, the end of the
  // head for this connection, and the body, written as they are — no header
  // is built and nothing is copied.
  void WritePrepared(bool head) {
    if (state_.stopping.load()) keep_alive_ = false;
    std::string_view end = !keep_alive_ ? std::string_view("Connection: close\r\n\r\n")
                           : http10_    ? std::string_view("Connection: keep-alive\r\n\r\n")
                                        : std::string_view("\r\n");
    bool body = !head && response_.status != 304 && response_.status != 204;
    std::array<net::const_buffer, 3> buffers = {
        net::buffer(response_.prepared_head.data(), response_.prepared_head.size()),
        net::buffer(end.data(), end.size()),
        net::buffer(response_.shared_body.data(), body ? response_.shared_body.size() : 0)};
    stream_.expires_after(state_.options.body_timeout);
    net::async_write(stream_, buffers, [self = shared_from_this()](beast::error_code ec, size_t) {
      self->OnWrite(ec);
    });
  }

  void OnWrite(beast::error_code ec) {
    response_ = Response();  // release the snapshot as soon as possible
    if (ec || !keep_alive_) return Close();
    ReadHeader();
  }

  void Close() {
    boost::system::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  State& state_;
  std::string client_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  Request request_;
  Response response_;
  http::response<http::span_body<const char>> res_;
  bool keep_alive_ = false;
  bool http10_ = false;
  bool busy_ = false;
  std::chrono::microseconds elapsed_{0};
};

}  // namespace

struct HttpServer::Impl {
  State state;
  // One io_context per thread, each run by its thread alone: a connection
  // lives on one of them for its whole life, so no strand, no lock in the
  // scheduler shared by the threads, and its memory stays on one core.
  std::vector<std::unique_ptr<net::io_context>> iocs;
  std::vector<net::executor_work_guard<net::io_context::executor_type>> guards;
  size_t next_ioc = 0;
  std::optional<tcp::acceptor> acceptor;
  std::vector<std::thread> threads;
  uint16_t port = 0;
  bool started = false;
  bool stopped = false;
  std::mutex done_mutex;
  std::condition_variable done_cv;
  int running_threads = 0;

  void Accept() {
    // Connections are dealt round-robin to the threads' io_contexts.
    net::io_context& target = *iocs[next_ioc++ % iocs.size()];
    acceptor->async_accept(target, [this](beast::error_code ec, tcp::socket socket) {
      if (ec == net::error::operation_aborted || state.stopping.load()) return;
      if (!ec) {
        if (state.connections.load() >= state.options.max_connections) {
          boost::system::error_code ignored;
          socket.close(ignored);
        } else {
          state.connections.fetch_add(1);
          // Answers go out at once, not held back by Nagle's algorithm.
          boost::system::error_code ignored;
          socket.set_option(tcp::no_delay(true), ignored);
          std::make_shared<Session>(std::move(socket), state)->Start();
        }
      }
      Accept();
    });
  }
};

HttpServer::HttpServer(ServerOptions options, Handler handler, AccessLogger logger)
    : impl_(std::make_unique<Impl>()) {
  impl_->state.options = std::move(options);
  impl_->state.handler = std::move(handler);
  impl_->state.logger = std::move(logger);
}

HttpServer::~HttpServer() { Stop(std::chrono::milliseconds(2000)); }

tl::expected<uint16_t, std::string> HttpServer::Start() {
  Impl& m = *impl_;
  const ServerOptions& o = m.state.options;
  std::string where = o.host + ":" + std::to_string(o.port);
  boost::system::error_code ec;
  auto address = net::ip::make_address(o.host, ec);
  if (ec) return tl::unexpected("cannot listen on " + where + ": not an IP address");
  int n = o.threads > 0 ? o.threads : std::max(2u, std::thread::hardware_concurrency());
  for (int i = 0; i < n; ++i) {
    m.iocs.push_back(std::make_unique<net::io_context>(1));  // hint: one thread runs it
    m.guards.push_back(net::make_work_guard(*m.iocs.back()));
  }
  tcp::endpoint endpoint(address, o.port);
  m.acceptor.emplace(*m.iocs[0]);
  m.acceptor->open(endpoint.protocol(), ec);
  if (!ec) m.acceptor->set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) m.acceptor->bind(endpoint, ec);
  if (!ec) m.acceptor->listen(net::socket_base::max_listen_connections, ec);
  if (ec) return tl::unexpected("cannot listen on " + where + ": " + ec.message());
  m.port = m.acceptor->local_endpoint().port();
  m.Accept();
  m.running_threads = n;
  for (int i = 0; i < n; ++i) {
    m.threads.emplace_back([&m, i] {
      m.iocs[static_cast<size_t>(i)]->run();
      std::lock_guard<std::mutex> lock(m.done_mutex);
      --m.running_threads;
      m.done_cv.notify_all();
    });
  }
  m.started = true;
  return m.port;
}

void HttpServer::Stop(std::chrono::milliseconds grace) {
  Impl& m = *impl_;
  if (!m.started || m.stopped) return;
  m.stopped = true;
  m.state.stopping.store(true);
  net::post(*m.iocs[0], [&m] {
    boost::system::error_code ec;
    m.acceptor->close(ec);
  });
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard<std::mutex> lock(m.state.sessions_mutex);
    for (auto& [ptr, weak] : m.state.sessions) {
      if (auto s = weak.lock()) live.push_back(std::move(s));
    }
  }
  for (auto& s : live) {
    net::post(s->executor(), [s] { s->CloseIfIdle(); });
  }
  live.clear();
  // Each io_context now returns from run() once its connections are closed.
  m.guards.clear();
  {
    std::unique_lock<std::mutex> lock(m.done_mutex);
    if (!m.done_cv.wait_for(lock, grace, [&m] { return m.running_threads == 0; })) {
      for (auto& ioc : m.iocs) ioc->stop();  // grace is over: cut what is left
    }
  }
  for (auto& t : m.threads) t.join();
  m.threads.clear();
}

uint16_t HttpServer::port() const { return impl_->port; }

}  // namespace evidoc::server
