#include "cli/serve_command.h"

#include <atomic>
#include <chrono>
#include <thread>

#include "cli/interrupt.h"
#include "serve/editor.h"
#include "serve/server.h"
#include "serve/store.h"
#include "util/files.h"

namespace oitgen::cli {
namespace {

// "HOST:PORT" (IPv6 in brackets), "HOST", ":PORT"; false when the port is not a number.
bool split_listen(const std::string& listen, std::string& host, int& port, bool& port_given) {
  std::string h = listen, p;
  if (!listen.empty() && listen.front() == '[') {
    const size_t close = listen.find(']');
    if (close == std::string::npos) return false;
    h = listen.substr(1, close - 1);
    if (close + 1 < listen.size()) {
      if (listen[close + 1] != ':') return false;
      p = listen.substr(close + 2);
    }
  } else if (const size_t colon = listen.rfind(':'); colon != std::string::npos) {
    h = listen.substr(0, colon);
    p = listen.substr(colon + 1);
  }
  if (!h.empty()) host = h;
  port_given = !p.empty();
  if (p.empty()) return true;
  if (p.size() > 5 || p.find_first_not_of("0123456789") != std::string::npos) return false;
  port = std::stoi(p);
  return port <= 65535;
}

}  // namespace

int run_serve(const ServeOptions& options, pipeline::Resources& resources, std::ostream& out, std::ostream& err) {
  serve::ServerOptions server_options;
  int port = 8080;
  bool port_given = false;
  if (!split_listen(options.listen, server_options.host, port, port_given)) {
    err << "oitgen: --listen takes HOST:PORT (for example 127.0.0.1:8080), not '" << options.listen << "'\n";
    return 1;
  }
  const bool loopback = serve::is_loopback(server_options.host);
  if (!loopback && options.token_file.empty()) {
    err << "oitgen: serving on " << server_options.host
        << " lets other machines connect; give the access token in a file with --token-file FILE"
           " (and put a TLS proxy in front: this server does not encrypt)\n";
    return 1;
  }
  if (!options.token_file.empty()) {
    auto text = read_file(options.token_file);
    std::string token = text ? *text : "";
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) token.pop_back();
    if (token.size() < 16 || token.size() > 256 || token.find_first_of(" \t\r\n;,=") != std::string::npos) {
      err << "oitgen: " << options.token_file
          << ": the token file must hold one token of 16 to 256 characters (no spaces, ';', ',' or '=')\n";
      return 1;
    }
    server_options.token = token;
  } else {
    server_options.token = serve::random_token();
    if (server_options.token.empty()) {
      err << "oitgen: cannot read the system's random source for an access token\n";
      return 2;
    }
  }
  std::string problem;
  auto store = serve::open_folder_store(options.dir, problem);
  if (!store) {
    err << "oitgen: " << problem << "\n";
    return 1;
  }
  // The page's files: OITGEN_HOME's own copy when it has one, else the tree oitgen was built
  // from (an office's OITGEN_HOME often holds only its fonts, layouts and reference data).
  {
    std::error_code ec;
    const std::filesystem::path own = resources.root() / "src" / "serve" / "web";
    const std::filesystem::path built = std::filesystem::path(OITGEN_SOURCE_ROOT) / "src" / "serve" / "web";
    server_options.web_root = std::filesystem::is_regular_file(own / "index.html", ec) ? own : built;
    if (!std::filesystem::is_regular_file(server_options.web_root / "index.html", ec)) {
      err << "oitgen: the editor's page is not at " << own.string() << " nor at " << built.string()
          << " (set OITGEN_HOME to a folder that holds src/serve/web)\n";
      return 1;
    }
  }
  // What every request shares, loaded before the first: the fonts of every layout, the break
  // rules, ICU's Thai data.
  {
    Diagnostics diags;
    resources.break_rules(diags);
    for (const char* kind : {"announcement", "order", "monitoring-6m", "measures-report"}) resources.layout(kind, diags);
    if (diags.has_errors()) {
      err << diags.format_all() << "oitgen: the shipped layouts or fonts cannot be loaded\n";
      return 2;
    }
  }
  serve::Editor editor(*store, resources);
  // Signals become a flag before the server starts its threads, so that they all inherit the mask.
  InterruptWatch interrupt;
  std::unique_ptr<serve::Server> server;
  int bound = -1;
  for (int attempt = 0; attempt < (port_given ? 1 : 10) && bound < 0; ++attempt) {
    server_options.port = port + attempt;
    server = std::make_unique<serve::Server>(editor, server_options);
    bound = server->bind(problem);
  }
  if (bound < 0) {
    err << "oitgen: " << problem << "\n";
    return 1;
  }
  const std::string shown_host = server_options.host.find(':') != std::string::npos ? "[" + server_options.host + "]"
                                 : server_options.host == "0.0.0.0"                  ? "127.0.0.1"
                                                                                     : server_options.host;
  out << "oitgen serve: " << store->sets().size() << " data set(s) in " << options.dir << "\n"
      << "open http://" << shown_host << ":" << bound << "/?token=" << server_options.token << "\n";
  if (!loopback)
    out << "warning: the connection is not encrypted; on a network, put a TLS proxy in front (see README)\n";
  out << "Ctrl-C stops the server.\n";
  out.flush();
  std::atomic<bool> ended{false};
  std::thread serving([&] {
    server->run();
    ended = true;
  });
  // The server ends only by stop(); a signal asks for it. Requests under way are finished.
  while (!interrupt.stopped() && !ended) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  server->stop();
  serving.join();
  out << "oitgen serve: stopped\n";
  return interrupt.stopped() ? 0 : 1;
}

}  // namespace oitgen::cli
