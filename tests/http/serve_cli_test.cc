// `evidoc serve` as a process: it prints its URL, serves the bundled content,
// rebuilds on a content change with --watch (keeping the last good version
// when an edit breaks the content) and stops cleanly on SIGTERM with exit 0.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "http_client.h"

namespace {

namespace fs = std::filesystem;
using evidoc::testing::HttpClient;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class ServeProcess {
 public:
  explicit ServeProcess(const fs::path& content, const fs::path& dir) {
    out_ = dir / "stdout";
    err_ = dir / "stderr";
    pid_ = fork();
    if (pid_ == 0) {
      int o = open(out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      int e = open(err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      dup2(o, 1);
      dup2(e, 2);
      std::string db = "sqlite:" + (dir / "feedback.db").string();
      execl(EVIDOC_BINARY, "evidoc", "serve", content.c_str(), "--port", "0", "--db", db.c_str(),
            "--watch", "--watch-interval-ms", "100", static_cast<char*>(nullptr));
      _exit(127);
    }
    // Wait (bounded) for the URL line.
    for (int i = 0; i < 600 && port_ == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      std::string url = ReadFile(out_);
      size_t colon = url.rfind(':');
      if (url.ends_with("/\n") && colon != std::string::npos)
        port_ = std::stoi(url.substr(colon + 1));
    }
  }
  ~ServeProcess() {
    if (pid_ > 0 && !reaped_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  // SIGTERM, then the exit status (or -1 if it did not exit within 15 s).
  int Terminate() {
    kill(pid_, SIGTERM);
    for (int i = 0; i < 150; ++i) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        reaped_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return -1;
  }
  int port() const { return port_; }
  std::string Stderr() const { return ReadFile(err_); }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  bool reaped_ = false;
  fs::path out_, err_;
};

int Generation(int port) {
  auto r = HttpClient(static_cast<unsigned short>(port)).Send("GET", "/healthz");
  if (!r.ok) return -1;
  return nlohmann::json::parse(r.body)["generation"].get<int>();
}

bool WaitForGeneration(int port, int want) {
  for (int i = 0; i < 300; ++i) {
    if (Generation(port) == want) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

TEST(ServeCliTest, ServesWatchesAndStopsGracefully) {
  fs::path dir = fs::temp_directory_path() / ("evidoc-serve-cli-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy(fs::path(EVIDOC_SOURCE_DIR) / "content", dir / "content", fs::copy_options::recursive);
  {
    ServeProcess serve(dir / "content", dir);
    ASSERT_GT(serve.port(), 0) << serve.Stderr();
    unsigned short port = static_cast<unsigned short>(serve.port());
    auto page = HttpClient(port).Send("GET", "/leg-cramps/");
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("<h1"), std::string::npos);
    EXPECT_EQ(Generation(port), 1);

    // An edit: the summary changes; the server swaps in version 2.
    fs::path article = dir / "content/articles/leg-cramps.md";
    std::string text = ReadFile(article);
    std::string edited = text;
    size_t at = edited.find("summary: ");
    ASSERT_NE(at, std::string::npos);
    edited.insert(at + 9, "Zebrafinch. ");
    std::ofstream(article) << edited;
    ASSERT_TRUE(WaitForGeneration(port, 2)) << serve.Stderr();
    auto search = HttpClient(port).Send("GET", "/api/v1/search?q=zebrafinch");
    EXPECT_NE(search.body.find("\"id\":\"leg-cramps\""), std::string::npos) << search.body;

    // A broken edit: front matter that is not YAML. The last good version stays.
    std::ofstream(article) << "---\ntitle: [unclosed\n---\nBody\n";
    for (int i = 0;
         i < 30 && serve.Stderr().find("still serving the last good version") == std::string::npos;
         ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_NE(serve.Stderr().find("still serving the last good version"), std::string::npos)
        << serve.Stderr();
    EXPECT_NE(serve.Stderr().find("leg-cramps.md:"), std::string::npos);  // the diagnostic
    EXPECT_EQ(Generation(port), 2);
    EXPECT_EQ(HttpClient(port).Send("GET", "/leg-cramps/").status, 200);

    EXPECT_EQ(serve.Terminate(), 0);
    EXPECT_NE(serve.Stderr().find("evidoc serve: stopped"), std::string::npos) << serve.Stderr();
  }
  fs::remove_all(dir);
}

}  // namespace
