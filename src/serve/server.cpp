#include "serve/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <fcntl.h>
#include <unistd.h>

#include <httplib.h>

#include <cstdio>
#include <iostream>

#include "data/image.h"
#include "util/files.h"

namespace oitgen::serve {
namespace fs = std::filesystem;

namespace {

using httplib::Request;
using httplib::Response;
using Handled = httplib::Server::HandlerResponse;

void send_json(Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, Json::error_handler_t::replace), "application/json; charset=utf-8");
}

void send_error(Response& res, int status, const std::string& message) { send_json(res, status, {{"error", message}}); }

void send(Response& res, const Reply& reply) {
  if (reply.bytes.empty() && reply.content_type.empty()) {
    send_json(res, reply.status, reply.body);
    return;
  }
  res.status = reply.status;
  if (!reply.filename.empty()) {
    // RFC 6266: an ASCII fallback and the UTF-8 name (set names may be Thai).
    std::string ascii, encoded;
    for (const unsigned char c : reply.filename) {
      ascii += c < 0x80 && c != '"' && c != '\\' ? static_cast<char>(c) : '_';
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      encoded += std::isalnum(c) || c == '.' || c == '-' || c == '_' ? std::string(1, static_cast<char>(c)) : hex;
    }
    res.set_header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded);
  }
  res.set_content(reply.bytes, reply.content_type);
}

// Equal strings in a time that does not tell how much of a guess was right.
bool same_secret(const std::string& a, const std::string& b) {
  if (a.size() != b.size() || a.empty()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

std::string cookie_value(const Request& req, const std::string& name) {
  const std::string cookies = req.get_header_value("Cookie");
  size_t at = 0;
  while (at < cookies.size()) {
    size_t end = cookies.find(';', at);
    if (end == std::string::npos) end = cookies.size();
    std::string part = cookies.substr(at, end - at);
    const size_t start = part.find_first_not_of(' ');
    if (start != std::string::npos) part.erase(0, start);
    if (part.size() > name.size() && part.compare(0, name.size(), name) == 0 && part[name.size()] == '=')
      return part.substr(name.size() + 1);
    at = end + 1;
  }
  return "";
}

bool is_ip_literal(const std::string& host) {
  unsigned char buf[16];
  std::string h = host;
  if (h.size() > 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  return inet_pton(AF_INET, h.c_str(), buf) == 1 || inet_pton(AF_INET6, h.c_str(), buf) == 1;
}

// Requests served at once: stalled or idle connections hold one each (see the constructor).
constexpr size_t kWorkerThreads = 32;

// JSON nested deeper than this is refused before it is parsed (or later walked).
constexpr int kMaxJsonDepth = 64;

bool shallow_json(const std::string& text) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxJsonDepth) return false;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return true;
}

std::string content_type_of(const fs::path& file) {
  const std::string ext = file.extension().string();
  // Debian's cpp-httplib compresses text/* and plain application/javascript on every request
  // (seconds for pdf.worker.js); with a charset the type is not on its list.
  if (ext == ".js" || ext == ".mjs") return "application/javascript; charset=utf-8";
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ttf") return "font/ttf";
  if (ext == ".json") return "application/json; charset=utf-8";
  return "application/octet-stream";
}

// Debian's cpp-httplib listens with a backlog of 5: a burst of connections (a page's scripts,
// several staff opening it at once) overflows the accept queue, and the kernel drops the rest
// until TCP retries them 1, 3, 7 … seconds later. Linux lets a listening socket be given a new
// backlog by calling listen() again; httplib keeps its socket private, so it is found by its
// port among this process's listening sockets.
void widen_backlog(int port) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc/self/fd", ec)) {
    int fd = -1;
    try {
      fd = std::stoi(entry.path().filename().string());
    } catch (...) {
      continue;
    }
    int listening = 0;
    socklen_t len = sizeof listening;
    if (::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) != 0 || !listening) continue;
    sockaddr_storage addr{};
    socklen_t alen = sizeof addr;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &alen) != 0) continue;
    int bound = -1;
    if (addr.ss_family == AF_INET) bound = ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
    if (addr.ss_family == AF_INET6) bound = ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port);
    if (bound == port) ::listen(fd, SOMAXCONN);
  }
}

}  // namespace

struct Server::Impl {
  Editor& editor;
  ServerOptions options;
  httplib::Server http;
  std::string cookie_name;
  std::vector<std::string> hosts;  // names a Host header may give besides IP literals

  Impl(Editor& e, ServerOptions o) : editor(e), options(std::move(o)) {}

  bool host_allowed(const std::string& header) const {
    // "name:port"; a name must be one of ours (DNS rebinding gives a foreign name), an IP
    // literal is the address itself.
    const size_t colon = header.rfind(':');
    if (colon == std::string::npos || header.substr(colon + 1) != std::to_string(port)) return false;
    const std::string name = header.substr(0, colon);
    if (is_ip_literal(name)) return true;
    for (const auto& h : hosts)
      if (strcasecmp(h.c_str(), name.c_str()) == 0) return true;
    return false;
  }

  int port = -1;

  Handled check(const Request& req, Response& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Cache-Control", "no-store");
    if (!host_allowed(req.get_header_value("Host"))) {
      send_error(res, 421, "this server does not answer to the host name '" + req.get_header_value("Host") + "'");
      return Handled::Handled;
    }
    if (req.has_param("token")) {
      if (req.method != "GET" || !same_secret(req.get_param_value("token"), options.token)) {
        send_error(res, 401, "the access token is wrong; open the address oitgen serve printed");
        return Handled::Handled;
      }
      res.set_header("Set-Cookie", cookie_name + "=" + options.token + "; Path=/; HttpOnly; SameSite=Strict");
      res.set_redirect(req.path.empty() ? "/" : req.path, 303);
      return Handled::Handled;
    }
    const std::string header_token = req.get_header_value("X-Oitgen-Token");
    const bool by_header = same_secret(header_token, options.token);
    if (!by_header && !same_secret(cookie_value(req, cookie_name), options.token)) {
      if (req.method == "GET" && (req.path == "/" || req.path == "/index.html")) {
        res.status = 401;
        res.set_content(
            "<!doctype html><html lang=th><meta charset=utf-8><title>oitgen</title>"
            "<p>เปิดที่อยู่ที่ <code>oitgen serve</code> พิมพ์ไว้ (มีรหัสเข้าใช้ <code>?token=</code>)</p>"
            "<p lang=en>Open the address <code>oitgen serve</code> printed (it carries the access token).</p>",
            "text/html; charset=utf-8");
      } else {
        send_error(res, 401, "no access token; open the address oitgen serve printed");
      }
      return Handled::Handled;
    }
    if (req.method != "GET" && req.method != "HEAD") {
      // Only the page itself changes anything: a browser sends the Origin of the page that
      // made the request; a client that is not a browser shows the token in a header.
      const std::string origin = req.get_header_value("Origin");
      const std::string fetch_site = req.get_header_value("Sec-Fetch-Site");
      const bool same_origin = !origin.empty() && origin == "http://" + req.get_header_value("Host");
      if ((!origin.empty() && !same_origin) || (origin.empty() && !by_header) ||
          (fetch_site == "cross-site" || fetch_site == "same-site")) {
        send_error(res, 403, "a change must come from the editor's own page");
        return Handled::Handled;
      }
    }
    return Handled::Unhandled;
  }

  // The body as JSON; nullopt after answering why not.
  std::optional<Json> json_body(const Request& req, Response& res) {
    if (req.body.size() > kMaxJsonBody) {
      send_error(res, 413, "the request is larger than " + std::to_string(kMaxJsonBody >> 20) + " MiB");
      return std::nullopt;
    }
    if (!shallow_json(req.body)) {
      send_error(res, 400, "the request nests deeper than " + std::to_string(kMaxJsonDepth) + " levels");
      return std::nullopt;
    }
    Json body = Json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
      send_error(res, 400, "the request is not a JSON object");
      return std::nullopt;
    }
    return body;
  }

  void static_file(const fs::path& root, const std::string& name, bool immutable, Response& res) {
    if (!is_safe_name(name)) {
      send_error(res, 404, "not found");
      return;
    }
    auto bytes = read_file(root / name);
    if (!bytes) {
      send_error(res, 404, "not found");
      return;
    }
    res.set_header("Cache-Control", immutable ? "public, max-age=604800" : "no-cache");
    res.set_content(*bytes, content_type_of(name));
  }

  void routes() {
    auto set_of = [](const Request& req) { return req.matches[1].str(); };
    http.Get("/", [this](const Request&, Response& res) {
      static_file(options.web_root, "index.html", false, res);
      res.set_header("Content-Security-Policy",
                     "default-src 'self'; img-src 'self' blob: data:; worker-src 'self' blob:; "
                     "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    });
    http.Get(R"(/web/([^/]+))", [this](const Request& req, Response& res) {
      static_file(options.web_root, req.matches[1].str(), false, res);
    });
    http.Get(R"(/web/fields/([^/]+))", [this](const Request& req, Response& res) {
      static_file(options.web_root / "fields", req.matches[1].str(), false, res);
    });
    http.Get(R"(/pdfjs/(pdf\.js|pdf\.worker\.js))", [this](const Request& req, Response& res) {
      static_file(options.pdfjs_root, req.matches[1].str(), true, res);
    });
    http.Get("/api/schema", [this](const Request&, Response& res) { send(res, editor.schema()); });
    http.Get("/api/sets", [this](const Request&, Response& res) { send(res, editor.sets()); });
    http.Get(R"(/api/sets/([^/]+))", [this, set_of](const Request& req, Response& res) { send(res, editor.set(set_of(req))); });
    auto json_route = [this, set_of](const std::string& pattern, auto call) {
      http.Post(pattern, [this, set_of, call](const Request& req, Response& res) {
        if (auto body = json_body(req, res)) send(res, call(set_of(req), *body));
      });
    };
    json_route(R"(/api/sets/([^/]+)/preview)", [this](const std::string& s, const Json& b) { return editor.preview(s, b); });
    json_route(R"(/api/sets/([^/]+)/check)", [this](const std::string& s, const Json& b) { return editor.check(s, b); });
    json_route(R"(/api/sets/([^/]+)/save)", [this](const std::string& s, const Json& b) { return editor.save(s, b); });
    json_route(R"(/api/sets/([^/]+)/next-year)", [this](const std::string& s, const Json& b) { return editor.next_year(s, b); });
    http.Post("/api/sets", [this](const Request& req, Response& res) {
      if (auto body = json_body(req, res)) send(res, editor.create(*body));
    });
    http.Get(R"(/api/sets/([^/]+)/history)", [this, set_of](const Request& req, Response& res) {
      send(res, editor.history(set_of(req)));
    });
    http.Post(R"(/api/sets/([^/]+)/history/([^/]+)/restore)", [this, set_of](const Request& req, Response& res) {
      send(res, editor.restore(set_of(req), req.matches[2].str()));
    });
    http.Post(R"(/api/sets/([^/]+)/images)", [this, set_of](const Request& req, Response& res) {
      send(res, editor.add_image(set_of(req), req.get_param_value("name"), req.body));
    });
    http.Get(R"(/api/sets/([^/]+)/files/(.+))", [this, set_of](const Request& req, Response& res) {
      send(res, editor.file(set_of(req), req.matches[2].str()));
    });
    http.Get(R"(/api/sets/([^/]+)/pdf/([^/]+))", [this, set_of](const Request& req, Response& res) {
      send(res, editor.pdf(set_of(req), req.matches[2].str(), req.get_param_value("profile")));
    });
    http.Get(R"(/api/sets/([^/]+)/zip)", [this, set_of](const Request& req, Response& res) {
      send(res, editor.zip(set_of(req), req.get_param_value("profile")));
    });
  }
};

Server::Server(Editor& editor, ServerOptions options) : impl_(std::make_unique<Impl>(editor, std::move(options))) {
  Impl& s = *impl_;
  s.hosts = {"localhost", "localhost.localdomain"};
  if (!is_ip_literal(s.options.host)) s.hosts.push_back(s.options.host);
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) == 0 && name[0]) {
    s.hosts.push_back(name);
    s.hosts.push_back(std::string(name) + ".local");
  }
  s.http.set_pre_routing_handler([&s](const Request& req, Response& res) { return s.check(req, res); });
  // An image is the largest body a route takes; JSON routes check their own, smaller limit.
  s.http.set_payload_max_length(data::kMaxImageFileBytes + (1u << 20));
  // A client that sends part of a request and stalls holds one of httplib's worker threads
  // until the read timeout. With httplib's default pool (8 threads on a small machine) and a
  // 30 s timeout, eight such clients (or the idle keep-alive connections of a few tabs) stopped
  // the server answering anyone for 30 s (ServeTest.StalledClientsDoNotStopTheServer). A larger
  // pool, and a read timeout of a few seconds, keep it answering: the timeout bounds each wait
  // for the next bytes of a request, not a whole upload, so slow uploads still arrive.
  s.http.new_task_queue = [] { return new httplib::ThreadPool(kWorkerThreads); };
  s.http.set_read_timeout(5, 0);
  s.http.set_keep_alive_timeout(2);
  s.http.set_write_timeout(60, 0);
  s.http.set_error_handler([](const Request&, Response& res) {
    if (res.body.empty()) {
      const int status = res.status;
      send_error(res, status, status == 404 ? "not found" : status == 413 ? "the request is too large" : "the request was refused");
      res.status = status;
    }
  });
  s.http.set_exception_handler([](const Request& req, Response& res, std::exception_ptr ep) {
    std::string what = "unknown";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    std::cerr << "oitgen serve: internal error on " << req.method << " " << req.path << ": " << what << "\n";
    send_error(res, 500, "internal error; the server goes on, nothing was written");
  });
  s.routes();
}

Server::~Server() = default;

int Server::bind(std::string& error) {
  Impl& s = *impl_;
  if (s.options.port == 0) {
    port_ = s.http.bind_to_any_port(s.options.host);
  } else {
    port_ = s.http.bind_to_port(s.options.host, s.options.port) ? s.options.port : -1;
  }
  if (port_ < 0) error = "cannot listen on " + s.options.host + ":" + std::to_string(s.options.port) + " (in use, or not an address of this machine)";
  s.port = port_;
  if (port_ > 0) widen_backlog(port_);
  s.cookie_name = "oitgen_token_" + std::to_string(port_);
  return port_;
}

bool Server::run() { return impl_->http.listen_after_bind(); }
void Server::stop() { impl_->http.stop(); }
bool Server::running() const { return impl_->http.is_running(); }

std::string random_token() {
  unsigned char bytes[16] = {};
  const int fd = ::open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  size_t got = 0;
  if (fd >= 0) {
    while (got < sizeof bytes) {
      const ssize_t n = ::read(fd, bytes + got, sizeof bytes - got);
      if (n <= 0) break;
      got += static_cast<size_t>(n);
    }
    ::close(fd);
  }
  if (got != sizeof bytes) return "";  // the caller refuses to serve without one
  std::string out;
  char hex[3];
  for (const unsigned char b : bytes) {
    std::snprintf(hex, sizeof hex, "%02x", b);
    out += hex;
  }
  return out;
}

bool is_loopback(const std::string& host) {
  if (host == "localhost" || host == "::1" || host == "[::1]") return true;
  in_addr a{};
  return inet_pton(AF_INET, host.c_str(), &a) == 1 && (ntohl(a.s_addr) >> 24) == 127;
}

}  // namespace oitgen::serve
