#pragma once
// `oitgen serve`'s HTTP server: the routes of docs/SERVE.md mapped onto the Editor, and the
// checks every request passes first (token, Host, Origin, sizes). No route builds or writes
// anything itself.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "serve/editor.h"

namespace oitgen::serve {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port
  std::string token;  // required of every request
  std::filesystem::path web_root;    // the page's files (src/serve/web)
  std::filesystem::path pdfjs_root = "/usr/share/javascript/pdf/build";
};

inline constexpr size_t kMaxJsonBody = 16u << 20;

class Server {
 public:
  Server(Editor& editor, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the address; the port actually bound (options.port or a free one), or -1 with `error`.
  int bind(std::string& error);
  // Serves until stop() (from any thread); false when it could not serve.
  bool run();
  void stop();
  bool running() const;
  int port() const { return port_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int port_ = -1;
};

// A random token for the address (128 bits from the system's random source, hex).
std::string random_token();

// True when `host` (from --listen) names the loopback interface.
bool is_loopback(const std::string& host);

}  // namespace oitgen::serve
