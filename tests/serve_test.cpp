// The editor server over HTTP: a server on a free port over a copy of the samples, a client
// that edits, saves, conflicts, fails, restores, uploads, and knocks on every door it must not
// open.
#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <latch>
#include <thread>

#include "data/dataset_schema.h"
#include "folder_snapshot.h"
#include "serve/editor.h"
#include "serve/server.h"
#include "serve/store.h"
#include "serve/toml_splice.h"
#include "test_support.h"

namespace oitgen::testing {
namespace {

namespace fs = std::filesystem;
using serve::Json;

const std::string kToken = "0123456789abcdef0123456789abcdef";

std::string base64_decode(const std::string& in) {
  std::string out;
  int val = 0, bits = -8;
  for (const unsigned char c : in) {
    int d = c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26 : c >= '0' && c <= '9' ? c - '0' + 52
            : c == '+' ? 62 : c == '/' ? 63 : -1;
    if (d < 0) break;
    val = (val << 6) + d;
    bits += 6;
    if (bits >= 0) {
      out += static_cast<char>((val >> bits) & 0xff);
      bits -= 8;
    }
  }
  return out;
}

// Everything in a set's folder but the save lock, which a save makes before it checks anything.
std::map<std::string, std::string> set_snapshot(const fs::path& dir) {
  auto snap = folder_snapshot(dir);
  snap.erase(".oitgen/lock");
  snap.erase(".oitgen");
  snap.erase(".oitgen/history");
  return snap;
}

// A raw connection to the server, for requests no well-behaved client sends.
class RawConnection {
 public:
  explicit RawConnection(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd_ >= 0 && ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
    timeval tv{10, 0};
    if (fd_ >= 0) ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool ok() const { return fd_ >= 0; }
  // Sends everything it can (the server may close the connection first).
  void send(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return;
      bytes.remove_prefix(static_cast<size_t>(n));
    }
  }
  void end_writing() { ::shutdown(fd_, SHUT_WR); }
  // What the server answers until it closes the connection (or 10 s pass).
  std::string answer() {
    std::string out;
    char buf[4096];
    for (ssize_t n; (n = ::recv(fd_, buf, sizeof buf, 0)) > 0;) out.append(buf, static_cast<size_t>(n));
    return out;
  }

 private:
  int fd_ = -1;
};

class ServeTest : public ::testing::Test {
 protected:
  void SetUp() override { start(); }
  void TearDown() override { stop(); }

  void start(OutputTransaction::FaultInjector inject = {}) {
    root_ = temp_dir("serve");
    fs::copy(repo() / "samples", root_ / "samples", fs::copy_options::recursive);
    std::string error;
    store_ = serve::open_folder_store(root_ / "samples", error, std::move(inject));
    ASSERT_TRUE(store_) << error;
    editor_ = std::make_unique<serve::Editor>(*store_, resources());
    serve::ServerOptions options;
    options.port = 0;
    options.token = kToken;
    options.web_root = repo() / "src" / "serve" / "web";
    server_ = std::make_unique<serve::Server>(*editor_, options);
    port_ = server_->bind(error);
    ASSERT_GT(port_, 0) << error;
    thread_ = std::thread([this] { server_->run(); });
    for (int i = 0; i < 200 && !server_->running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_TRUE(server_->running());
  }

  void stop() {
    if (server_) server_->stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
    editor_.reset();
    store_.reset();
    fs::remove_all(root_);
  }

  fs::path set_dir(const std::string& set = "nongkhai2-2565") const { return root_ / "samples" / set; }

  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(60, 0);
    return c;
  }
  httplib::Headers auth() const { return {{"X-Oitgen-Token", kToken}}; }
  httplib::Headers browser() const {
    return {{"Cookie", "oitgen_token_" + std::to_string(port_) + "=" + kToken},
            {"Origin", "http://127.0.0.1:" + std::to_string(port_)}};
  }

  Json get_json(const std::string& path, int expect = 200) {
    auto c = client();
    auto res = c.Get(path.c_str(), auth());
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, expect) << path << ": " << res->body.substr(0, 500);
    return Json::parse(res->body, nullptr, false);
  }

  Json post_json(const std::string& path, const Json& body, int expect = 200) {
    auto c = client();
    auto res = c.Post(path.c_str(), auth(), body.dump(), "application/json");
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, expect) << path << ": " << res->body.substr(0, 800);
    return Json::parse(res->body, nullptr, false);
  }

  // The loaded set's file `name`: {data, version}.
  Json loaded_file(const Json& set, const std::string& name) {
    for (const auto& f : set["files"])
      if (f["name"] == name) return f;
    ADD_FAILURE() << "no file " << name;
    return {};
  }

  fs::path root_;
  std::unique_ptr<serve::Store> store_;
  std::unique_ptr<serve::Editor> editor_;
  std::unique_ptr<serve::Server> server_;
  std::thread thread_;
  int port_ = -1;
};

TEST_F(ServeTest, ListsBothSamples) {
  const Json sets = get_json("/api/sets");
  ASSERT_EQ(sets["sets"].size(), 2u);
  EXPECT_EQ(sets["sets"][0]["name"], "nongkhai2-2565");
  EXPECT_EQ(sets["sets"][1]["name"], "udonthani1-2566");
  EXPECT_NE(sets["sets"][0]["office"].get<std::string>().find("หนองคาย"), std::string::npos);
  EXPECT_EQ(sets["sets"][0]["documents"].size(), 4u);
}

TEST_F(ServeTest, LoadsASetWithItsFilesPeopleAndCatalogue) {
  const Json set = get_json("/api/sets/nongkhai2-2565");
  EXPECT_EQ(set["files"].size(), 5u);
  const Json monitoring = loaded_file(set, "monitoring.toml");
  EXPECT_EQ(monitoring["data"]["monitoring"]["project"]["budget"]["spent"], 61000);
  EXPECT_EQ(monitoring["version"], serve::version_of(*read_file(set_dir() / "monitoring.toml")));
  EXPECT_EQ(set["sections"]["people"], "office.toml");
  EXPECT_GT(set["people"].size(), 3u);
  EXPECT_GE(set["oit_items"].size(), 40u);
  EXPECT_TRUE(set["buildable"].get<bool>());
  const Json schema = get_json("/api/schema");
  EXPECT_EQ(schema["root"]["kind"], "table");
  EXPECT_FALSE(schema["descriptions"]["office.name"]["th"].get<std::string>().empty());
}

TEST_F(ServeTest, ASaveChangesOnlyTheEditedValueAndKeepsTheOldVersion) {
  const std::string before = *read_file(set_dir() / "monitoring.toml");
  Json set = get_json("/api/sets/nongkhai2-2565");
  Json file = loaded_file(set, "monitoring.toml");
  file["data"]["monitoring"]["project"]["budget"]["spent"] = 62000;
  const Json saved = post_json("/api/sets/nongkhai2-2565/save", {{"files", {{"monitoring.toml", file}}}});
  const std::string after = *read_file(set_dir() / "monitoring.toml");
  // Exactly the digits changed: 61000 → 62000 is one byte.
  ASSERT_EQ(after.size(), before.size());
  size_t differing = 0;
  for (size_t i = 0; i < after.size(); ++i) differing += after[i] != before[i];
  EXPECT_EQ(differing, 1u);
  EXPECT_NE(after.find("spent = 62000"), std::string::npos);
  EXPECT_EQ(loaded_file(saved, "monitoring.toml")["version"], serve::version_of(after));
  // The replaced version is in the history, and restoring it gives the bytes back.
  const Json history = get_json("/api/sets/nongkhai2-2565/history");
  ASSERT_EQ(history["versions"].size(), 1u);
  const std::string id = history["versions"][0]["id"];
  EXPECT_EQ(*read_file(set_dir() / ".oitgen/history" / id / "monitoring.toml"), before);
  post_json("/api/sets/nongkhai2-2565/history/" + id + "/restore", Json::object());
  EXPECT_EQ(*read_file(set_dir() / "monitoring.toml"), before);
  EXPECT_EQ(get_json("/api/sets/nongkhai2-2565/history")["versions"].size(), 2u);  // the 62000 kept too
}

TEST_F(ServeTest, ASaveOfDataWithErrorsIsKeptAndSaysSo) {
  Json file = loaded_file(get_json("/api/sets/nongkhai2-2565"), "monitoring.toml");
  file["data"]["monitoring"]["project"]["budget"]["spent"] = 150000;  // above the approved 100,000
  const Json saved = post_json("/api/sets/nongkhai2-2565/save", {{"files", {{"monitoring.toml", file}}}});
  EXPECT_FALSE(saved["buildable"].get<bool>());
  bool at_field = false;
  for (const auto& d : saved["diagnostics"])
    at_field |= d["severity"] == "error" && d["path"] == "monitoring.project.budget.spent";
  EXPECT_TRUE(at_field) << saved["diagnostics"].dump();
  EXPECT_NE(read_file(set_dir() / "monitoring.toml")->find("spent = 150000"), std::string::npos);
}

TEST_F(ServeTest, AFileChangedOnDiskRefusesTheSave) {
  Json file = loaded_file(get_json("/api/sets/nongkhai2-2565"), "monitoring.toml");
  // Someone else's edit (another editor, git pull) after the page loaded the file.
  std::string other = *read_file(set_dir() / "monitoring.toml") + "\n# edited elsewhere\n";
  ASSERT_EQ(write_file_atomically(set_dir() / "monitoring.toml", other), "");
  const auto before = set_snapshot(set_dir());
  file["data"]["monitoring"]["project"]["budget"]["spent"] = 62000;
  const Json refused = post_json("/api/sets/nongkhai2-2565/save", {{"files", {{"monitoring.toml", file}}}}, 409);
  EXPECT_EQ(refused["conflicts"], Json::array({"monitoring.toml"}));
  EXPECT_NE(refused["error"].get<std::string>().find("changed on disk"), std::string::npos);
  EXPECT_EQ(set_snapshot(set_dir()), before);
  EXPECT_EQ(get_json("/api/sets/nongkhai2-2565/history")["versions"].size(), 0u);
}

TEST_F(ServeTest, ASaveThatCannotWriteOneFileLeavesEveryFileAsItWas) {
  stop();
  // The second rename of the save fails: the history copy and the first file are in place by
  // then, and must be taken back.
  start([](std::string_view step, const fs::path& path) {
    return step == "rename" && path.filename() == "office.toml" && path.parent_path().filename() != "history" &&
                   path.string().find(".oitgen") == std::string::npos
               ? EIO
               : 0;
  });
  Json set = get_json("/api/sets/nongkhai2-2565");
  Json monitoring = loaded_file(set, "monitoring.toml"), office = loaded_file(set, "office.toml");
  monitoring["data"]["monitoring"]["project"]["budget"]["spent"] = 62000;
  office["data"]["office"]["website"] = "https://example.go.th";
  const auto before = set_snapshot(set_dir());
  const Json failed = post_json("/api/sets/nongkhai2-2565/save",
                                {{"files", {{"monitoring.toml", monitoring}, {"office.toml", office}}}}, 500);
  EXPECT_NE(failed["error"].get<std::string>().find("nothing was changed"), std::string::npos) << failed.dump();
  EXPECT_EQ(failed["error"].get<std::string>().find(root_.string()), std::string::npos);  // no machine paths
  EXPECT_EQ(set_snapshot(set_dir()), before);
}

TEST_F(ServeTest, PreviewBuildsFromUnsavedEditsAndWritesNothing) {
  const auto before = set_snapshot(set_dir());
  Json file = loaded_file(get_json("/api/sets/nongkhai2-2565"), "monitoring.toml");
  file["data"]["monitoring"]["project"]["budget"]["spent"] = 62000;
  const Json preview = post_json("/api/sets/nongkhai2-2565/preview",
                                 {{"kind", "monitoring-6m"}, {"seq", 7}, {"files", {{"monitoring.toml", file["data"]}}}});
  ASSERT_TRUE(preview["ok"].get<bool>()) << preview["diagnostics"].dump();
  EXPECT_EQ(preview["seq"], 7);
  const std::string pdf = base64_decode(preview["pdf"]);
  ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u);
  const auto out = root_ / "preview.pdf";
  ASSERT_EQ(write_file_atomically(out, pdf), "");
  EXPECT_NE(pdftotext(out).find("๓๘,๐๐๐"), std::string::npos);  // 100,000 − 62,000
  bool name_region = false;
  for (const auto& r : preview["regions"]) name_region |= r["path"] == "monitoring.project.name";
  EXPECT_TRUE(name_region);
  EXPECT_FALSE(preview["pages"].empty());
  EXPECT_EQ(set_snapshot(set_dir()), before);
}

TEST_F(ServeTest, APreviewWithErrorsSaysWhyAtTheField) {
  Json file = loaded_file(get_json("/api/sets/nongkhai2-2565"), "monitoring.toml");
  file["data"]["monitoring"]["project"]["budget"]["spent"] = "abc";
  const Json preview = post_json("/api/sets/nongkhai2-2565/preview",
                                 {{"kind", "monitoring-6m"}, {"files", {{"monitoring.toml", file["data"]}}}});
  EXPECT_FALSE(preview["ok"].get<bool>());
  bool at_field = false;
  for (const auto& d : preview["diagnostics"]) at_field |= d["path"] == "monitoring.project.budget.spent";
  EXPECT_TRUE(at_field) << preview["diagnostics"].dump();
}

TEST_F(ServeTest, PhotosAreCheckedByTheBuildsReaderAndStoredUnderASafeName) {
  auto c = client();
  const std::string jpeg = *read_file(set_dir() / "images/act1-meeting.jpg");
  auto res = c.Post("/api/sets/nongkhai2-2565/images?name=..%2F..%2Fevil%20name.jpg", auth(), jpeg, "image/jpeg");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const std::string path = Json::parse(res->body)["path"];
  EXPECT_EQ(path.rfind("images/evilname-", 0), 0u) << path;
  EXPECT_EQ(*read_file(set_dir() / path), jpeg);
  const auto before = set_snapshot(set_dir());
  // Corrupt: a JPEG cut in half.
  res = c.Post("/api/sets/nongkhai2-2565/images?name=cut.jpg", auth(), jpeg.substr(0, jpeg.size() / 2), "image/jpeg");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400) << res->body;
  EXPECT_NE(Json::parse(res->body)["error"].get<std::string>().find("nothing was stored"), std::string::npos);
  res = c.Post("/api/sets/nongkhai2-2565/images?name=x.png", auth(), std::string("not an image at all"), "image/png");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  // Huge: past the image limit, refused before it is read.
  res = c.Post("/api/sets/nongkhai2-2565/images?name=huge.jpg", auth(), std::string(data::kMaxImageFileBytes + (2u << 20), 'x'),
               "image/jpeg");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  EXPECT_EQ(set_snapshot(set_dir()), before);
}

TEST_F(ServeTest, DownloadsEachPdfAndAllOfThemAsOneZip) {
  auto c = client();
  auto res = c.Get("/api/sets/nongkhai2-2565/pdf/announcement?profile=pdfa", auth());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body.substr(0, 300);
  EXPECT_EQ(res->body.rfind("%PDF-", 0), 0u);
  EXPECT_NE(res->body.find("pdfaid"), std::string::npos);
  EXPECT_NE(res->get_header_value("Content-Disposition").find("nongkhai2-2565-announcement-pdfa.pdf"), std::string::npos);
  res = c.Get("/api/sets/nongkhai2-2565/zip?profile=web", auth());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const auto zip = root_ / "all.zip";
  ASSERT_EQ(write_file_atomically(zip, res->body), "");
  const auto listed = run("python3 -c \"import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; "
                          "print(' '.join(sorted(z.namelist())))\" " + quote(zip));
  EXPECT_EQ(listed.output,
            "announcement-web.pdf measures-report-web.pdf monitoring-6m-web.pdf order-web.pdf\n");
}

TEST_F(ServeTest, MakesNextYearsDataSetAndAFreshOne) {
  const Json made = post_json("/api/sets/nongkhai2-2565/next-year", {{"name", "nongkhai2-2566"}});
  EXPECT_EQ(made["name"], "nongkhai2-2566");
  EXPECT_TRUE(fs::exists(set_dir("nongkhai2-2566") / "order.toml"));
  post_json("/api/sets/nongkhai2-2565/next-year", {{"name", "nongkhai2-2566"}}, 409);  // never over one
  post_json("/api/sets", {{"name", "new-office"}, {"office", "สำนักงานทดสอบ"}});
  EXPECT_EQ(get_json("/api/sets")["sets"].size(), 4u);
  post_json("/api/sets", {{"name", "../escape"}, {"office", "x"}}, 400);
  EXPECT_FALSE(fs::exists(root_ / "escape"));
}

// ---------------------------------------------------------------- concurrent saves

// A second server over the same folder: its own store, editor and port, as a second process
// would have (the two share nothing but the files and their locks).
struct OtherServer {
  std::unique_ptr<serve::Store> store;
  std::unique_ptr<serve::Editor> editor;
  std::unique_ptr<serve::Server> server;
  std::thread thread;
  int port = -1;

  explicit OtherServer(const fs::path& dir) {
    std::string error;
    store = serve::open_folder_store(dir, error);
    if (!store) return;
    editor = std::make_unique<serve::Editor>(*store, resources());
    serve::ServerOptions options;
    options.port = 0;
    options.token = kToken;
    options.web_root = repo() / "src" / "serve" / "web";
    server = std::make_unique<serve::Server>(*editor, options);
    port = server->bind(error);
    if (port <= 0) return;
    thread = std::thread([this] { server->run(); });
    for (int i = 0; i < 200 && !server->running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~OtherServer() {
    if (server) server->stop();
    if (thread.joinable()) thread.join();
  }
};

class ServeRaceTest : public ServeTest {
 protected:
  // `clients` clients, client i on ports[i % ports.size()], each loads the set, then all at
  // once save monitoring.toml with a different budget.spent, at the version they loaded.
  void race(const std::vector<int>& ports, int clients) {
    const std::string original = *read_file(set_dir() / "monitoring.toml");
    std::vector<std::string> intended(clients);
    std::vector<int> status(clients, 0);
    std::latch loaded(clients);
    std::vector<std::thread> threads;
    for (int i = 0; i < clients; ++i)
      threads.emplace_back([&, i] {
        httplib::Client c("127.0.0.1", ports[i % ports.size()]);
        c.set_read_timeout(60, 0);
        auto res = c.Get("/api/sets/nongkhai2-2565", auth());
        if (!res || res->status != 200) {
          loaded.count_down();
          return;
        }
        Json file = loaded_file(Json::parse(res->body), "monitoring.toml");
        file["data"]["monitoring"]["project"]["budget"]["spent"] = 62000 + i;
        const auto spliced = serve::splice_toml(original, file["data"], *data::dataset_schema(), "monitoring.toml");
        intended[i] = spliced.text.value_or("");
        const std::string body = Json{{"files", {{"monitoring.toml", file}}}}.dump();
        loaded.arrive_and_wait();  // every client has loaded the same version before any saves
        auto saved = c.Post("/api/sets/nongkhai2-2565/save", auth(), body, "application/json");
        status[i] = saved ? saved->status : -1;
      });
    for (auto& t : threads) t.join();
    int winner = -1, ok = 0, conflicts = 0;
    for (int i = 0; i < clients; ++i) {
      ok += status[i] == 200;
      conflicts += status[i] == 409;
      if (status[i] == 200) winner = i;
    }
    EXPECT_EQ(ok, 1);
    EXPECT_EQ(conflicts, clients - 1);
    ASSERT_GE(winner, 0);
    ASSERT_FALSE(intended[winner].empty());
    EXPECT_EQ(*read_file(set_dir() / "monitoring.toml"), intended[winner]);
    const Json history = get_json("/api/sets/nongkhai2-2565/history");
    ASSERT_EQ(history["versions"].size(), 1u);
    EXPECT_EQ(history["versions"][0]["files"], Json::array({"monitoring.toml"}));
    const std::string id = history["versions"][0]["id"];
    EXPECT_EQ(*read_file(set_dir() / ".oitgen/history" / id / "monitoring.toml"), original);
  }
};

TEST_F(ServeRaceTest, EightClientsSavingTheSameVersionAtOnceOneWins) { race({port_}, 8); }

TEST_F(ServeRaceTest, TwoServersOverOneFolderSerialiseTheirSaves) {
  OtherServer other(root_ / "samples");
  ASSERT_GT(other.port, 0);
  ASSERT_TRUE(other.server->running());
  race({port_, other.port}, 8);
}

TEST_F(ServeTest, PreviewsWhileSavesRunNeverSeeAHalfWrittenFile) {
  std::atomic<bool> saving{true};
  std::atomic<int> previews{0}, failed{0};
  std::string failure;
  std::mutex failure_mutex;
  std::vector<std::thread> readers;
  // One thread per kind, so that no preview supersedes another.
  for (const std::string kind : {"monitoring-6m", "announcement"})
    readers.emplace_back([&, kind] {
      auto c = client();
      while (saving) {
        auto res = c.Post("/api/sets/nongkhai2-2565/preview", auth(), Json{{"kind", kind}}.dump(), "application/json");
        ++previews;
        const Json body = res ? Json::parse(res->body, nullptr, false) : Json();
        if (!res || res->status != 200 || !body.is_object() || !body.value("ok", false)) {
          ++failed;
          std::lock_guard lock(failure_mutex);
          failure = res ? res->body.substr(0, 500) : "no answer";
        }
      }
    });
  Json file = loaded_file(get_json("/api/sets/nongkhai2-2565"), "monitoring.toml");
  for (int i = 0; i < 12; ++i) {
    file["data"]["monitoring"]["project"]["budget"]["spent"] = 62000 + 1000 * (i % 2);
    const Json saved = post_json("/api/sets/nongkhai2-2565/save", {{"files", {{"monitoring.toml", file}}}});
    file["version"] = loaded_file(saved, "monitoring.toml")["version"];
  }
  saving = false;
  for (auto& t : readers) t.join();
  EXPECT_GT(previews.load(), 2);
  EXPECT_EQ(failed.load(), 0) << failure;
  EXPECT_EQ(get_json("/api/sets/nongkhai2-2565/history")["versions"].size(), 12u);
}

// ---------------------------------------------------------------- requests that must not stop the server

TEST_F(ServeTest, StalledClientsDoNotStopTheServer) {
  // More clients than the default pool of httplib's threads, each holding one: a header
  // announcing a body that never comes, or half a header.
  const std::string host = "Host: 127.0.0.1:" + std::to_string(port_) + "\r\nX-Oitgen-Token: " + kToken + "\r\n";
  std::vector<std::unique_ptr<RawConnection>> stalled;
  for (int i = 0; i < 12; ++i) {
    stalled.push_back(std::make_unique<RawConnection>(port_));
    ASSERT_TRUE(stalled.back()->ok());
    stalled.back()->send(i % 2 ? "POST /api/sets/nongkhai2-2565/check HTTP/1.1\r\n" + host +
                                     "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"files\""
                               : "GET /api/sets HTTP/1.1\r\n" + host);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  for (int i = 0; i < 3; ++i) {
    const auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(get_json("/api/sets")["sets"].size(), 2u);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  }
}

TEST_F(ServeTest, TwoHundredConnectionsAtOnceAreAllAnswered) {
  std::atomic<int> answered{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 200; ++i)
    threads.emplace_back([&] {
      auto c = client();
      auto res = c.Get("/api/schema", auth());
      answered += res && res->status == 200;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(answered.load(), 200);
  EXPECT_EQ(get_json("/api/sets")["sets"].size(), 2u);
}

TEST_F(ServeTest, MalformedHttpIsRefusedAndTheServerGoesOn) {
  const std::string host = "Host: 127.0.0.1:" + std::to_string(port_) + "\r\nX-Oitgen-Token: " + kToken + "\r\n";
  {
    // A header line of 1 MB.
    RawConnection c(port_);
    ASSERT_TRUE(c.ok());
    c.send("GET /api/sets HTTP/1.1\r\n" + host + "X-Big: " + std::string(1 << 20, 'a') + "\r\n\r\n");
    const std::string answer = c.answer();
    EXPECT_TRUE(answer.empty() || answer.rfind("HTTP/1.1 4", 0) == 0) << answer.substr(0, 200);
  }
  {
    // A body shorter than its Content-Length, then the end of the connection.
    RawConnection c(port_);
    ASSERT_TRUE(c.ok());
    c.send("POST /api/sets/nongkhai2-2565/save HTTP/1.1\r\n" + host +
           "Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"files\": {}}");
    c.end_writing();
    const std::string answer = c.answer();
    EXPECT_TRUE(answer.empty() || answer.rfind("HTTP/1.1 4", 0) == 0) << answer.substr(0, 200);
  }
  {
    // A request line of 1 MB.
    RawConnection c(port_);
    ASSERT_TRUE(c.ok());
    c.send("GET /api/sets/" + std::string(1 << 20, 'a') + " HTTP/1.1\r\n" + host + "\r\n");
    const std::string answer = c.answer();
    EXPECT_TRUE(answer.empty() || answer.rfind("HTTP/1.1 4", 0) == 0) << answer.substr(0, 200);
  }
  EXPECT_EQ(get_json("/api/sets")["sets"].size(), 2u);
}

TEST_F(ServeTest, HostileJsonIsRefusedAndTheServerGoesOn) {
  const Json set = get_json("/api/sets/nongkhai2-2565");
  const std::string version = loaded_file(set, "monitoring.toml")["version"];
  const auto before = set_snapshot(set_dir());
  auto c = client();
  auto post = [&](const std::string& route, const std::string& body) {
    auto res = c.Post(("/api/sets/nongkhai2-2565/" + route).c_str(), auth(), body, "application/json");
    EXPECT_TRUE(res) << body.substr(0, 200);
    if (!res) return 0;
    // Every answer is JSON (an error has its message), whatever was sent.
    const Json answer = Json::parse(res->body, nullptr, false);
    EXPECT_TRUE(answer.is_object()) << res->body.substr(0, 200);
    if (res->status != 200) {
      EXPECT_TRUE(answer.is_object() && answer.contains("error")) << res->body.substr(0, 200);
    }
    EXPECT_NE(res->status, 500) << body.substr(0, 200) << " → " << res->body.substr(0, 300);
    return res->status;
  };
  // Bytes that are not UTF-8 inside JSON strings: a value, a file name, a kind; and a lone
  // surrogate escaped.
  const std::string monitoring_with = "{\"files\": {\"monitoring.toml\": {\"data\": {\"monitoring\": {\"x\": \"";
  EXPECT_EQ(post("save", monitoring_with + "\xff\xfe\"}}, \"version\": \"" + version + "\"}}}"), 400);
  EXPECT_EQ(post("preview", "{\"kind\": \"monitoring-6m\", \"files\": {\"monitoring.toml\": {\"a\": \"\xc3\x28\"}}}"), 400);
  EXPECT_EQ(post("preview", "{\"kind\": \"monitoring-6m\xe0\x80\"}"), 400);
  EXPECT_EQ(post("check", "{\"files\": {\"\xed\xa0\x80.toml\": {}}}"), 400);
  EXPECT_EQ(post("check", "{\"files\": {\"monitoring.toml\": {\"a\": \"\\ud800\"}}}"), 400);
  // A file's data that is not a table, nested as deep as a body may be, or no files at all.
  for (const std::string data : {"[1, 2]", "5", "null", "\"text\"", "true"}) {
    EXPECT_EQ(post("preview", "{\"kind\": \"monitoring-6m\", \"files\": {\"monitoring.toml\": " + data + "}}"), 400) << data;
    EXPECT_EQ(post("check", "{\"files\": {\"monitoring.toml\": " + data + "}}"), 400) << data;
    EXPECT_EQ(post("save", "{\"files\": {\"monitoring.toml\": {\"data\": " + data + ", \"version\": \"" + version + "\"}}}"), 400)
        << data;
    EXPECT_EQ(post("save", "{\"files\": " + data + "}"), 400) << data;
    EXPECT_EQ(post("save", "{\"files\": {\"monitoring.toml\": " + data + "}}"), 400) << data;
  }
  EXPECT_EQ(post("check", "{\"files\": [1, 2]}"), 400);
  EXPECT_EQ(post("check", "{\"files\": 7}"), 400);
  std::string deep;
  for (int i = 0; i < 60; ++i) deep += "{\"a\": ";
  deep += "1" + std::string(60, '}');
  const int deep_status = post("preview", "{\"kind\": \"monitoring-6m\", \"files\": {\"monitoring.toml\": " + deep + "}}");
  EXPECT_TRUE(deep_status == 200 || deep_status == 400) << deep_status;
  std::string deep_array = std::string(60, '[') + std::string(60, ']');
  EXPECT_EQ(post("check", "{\"files\": {\"monitoring.toml\": {\"monitoring\": " + deep_array + "}}}"), 200);
  // File names with a NUL, a slash, or nothing.
  for (const std::string name : {"monitoring.toml\\u0000.toml", "a\\u0000", "sub/monitoring.toml", "/etc/passwd", "",
                                 "monitoring.toml/", "./monitoring.toml"}) {
    EXPECT_EQ(post("save", "{\"files\": {\"" + name + "\": {\"data\": {}, \"version\": \"" + version + "\"}}}"), 400) << name;
    EXPECT_EQ(post("check", "{\"files\": {\"" + name + "\": {}}}"), 400) << name;
  }
  // A kind of 10 MB, a version of another type, a set name that is not UTF-8.
  EXPECT_EQ(post("preview", "{\"kind\": \"" + std::string(10u << 20, 'k') + "\"}"), 400);
  EXPECT_EQ(post("save", "{\"files\": {\"monitoring.toml\": {\"data\": {}, \"version\": 5}}}"), 400);
  auto res = c.Get("/api/sets/%FF%FE", auth());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_TRUE(Json::parse(res->body, nullptr, false).is_object()) << res->body;
  res = c.Post("/api/sets/nongkhai2-2565/images?name=%FF%FE.jpg", auth(), std::string("not an image"), "image/jpeg");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_TRUE(Json::parse(res->body, nullptr, false).is_object()) << res->body;
  EXPECT_EQ(set_snapshot(set_dir()), before);
  EXPECT_EQ(get_json("/api/sets")["sets"].size(), 2u);
}

// ---------------------------------------------------------------- refusals

TEST_F(ServeTest, EveryRequestNeedsTheToken) {
  auto c = client();
  auto res = c.Get("/api/sets");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_NE(Json::parse(res->body)["error"].get<std::string>().find("token"), std::string::npos);
  res = c.Get("/api/sets", {{"X-Oitgen-Token", kToken.substr(1) + "x"}});
  EXPECT_EQ(res->status, 401);
  res = c.Get("/", {{"Cookie", "oitgen_token_" + std::to_string(port_) + "=wrong"}});
  EXPECT_EQ(res->status, 401);
  // The printed address sets the cookie and drops the token from the address bar.
  res = c.Get(("/?token=" + kToken).c_str());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  EXPECT_EQ(res->get_header_value("Location"), "/");
  EXPECT_NE(res->get_header_value("Set-Cookie").find("HttpOnly"), std::string::npos);
  res = c.Get("/", {{"Cookie", "oitgen_token_" + std::to_string(port_) + "=" + kToken}});
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("<html"), std::string::npos);
}

TEST_F(ServeTest, AForeignHostIsRefused) {
  auto c = client();
  httplib::Headers h = auth();
  h.emplace("Host", "attacker.example:" + std::to_string(port_));
  auto res = c.Get("/api/sets", h);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 421);
}

TEST_F(ServeTest, AChangeFromAnotherOriginIsRefused) {
  Json file = loaded_file(get_json("/api/sets/nongkhai2-2565"), "monitoring.toml");
  file["data"]["monitoring"]["project"]["budget"]["spent"] = 1;
  const auto before = set_snapshot(set_dir());
  const std::string body = Json{{"files", {{"monitoring.toml", file}}}}.dump();
  auto c = client();
  httplib::Headers foreign = browser();
  foreign.erase("Origin");
  foreign.emplace("Origin", "http://attacker.example");
  auto res = c.Post("/api/sets/nongkhai2-2565/save", foreign, body, "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  // A browser's cookie without an Origin (an old browser, a form post) is not enough either.
  httplib::Headers no_origin = browser();
  no_origin.erase("Origin");
  res = c.Post("/api/sets/nongkhai2-2565/save", no_origin, body, "application/json");
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(set_snapshot(set_dir()), before);
  // The page's own origin is.
  res = c.Post("/api/sets/nongkhai2-2565/save", browser(), body, "application/json");
  EXPECT_EQ(res->status, 200) << res->body.substr(0, 300);
}

TEST_F(ServeTest, OnlyFilesInsideTheDataSetCanBeRead) {
  fs::create_symlink("/etc/passwd", set_dir() / "images" / "out.jpg");
  fs::create_symlink("../../udonthani1-2566/office.toml", set_dir() / "images" / "other.toml");
  auto c = client();
  for (const std::string path : {"/api/sets/nongkhai2-2565/files/../office.toml",
                                 "/api/sets/nongkhai2-2565/files/%2E%2E/%2E%2E/udonthani1-2566/office.toml",
                                 "/api/sets/nongkhai2-2565/files//etc/passwd",
                                 "/api/sets/nongkhai2-2565/files/%2Fetc%2Fpasswd",
                                 "/api/sets/nongkhai2-2565/files/images/out.jpg",
                                 "/api/sets/nongkhai2-2565/files/.oitgen/lock",
                                 "/api/sets/..%2F..%2Fetc/files/passwd",
                                 "/api/sets/../samples/files/x",
                                 "/api/sets/%2E%2E/history",
                                 "/web/..%2F..%2F..%2FCMakeLists.txt",
                                 "/pdfjs/..%2Fpdf.js.map"}) {
    auto res = c.Get(path.c_str(), auth());
    ASSERT_TRUE(res) << path;
    EXPECT_TRUE(res->status == 404 || res->status == 400) << path << " → " << res->status;
    EXPECT_EQ(res->body.find("root:"), std::string::npos) << path;
  }
  auto res = c.Get("/api/sets/nongkhai2-2565/files/images/act1-meeting.jpg", auth());
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "image/jpeg");
  // A save cannot name a file outside the set either.
  Json body = {{"files", {{"../udonthani1-2566/office.toml", {{"data", Json::object()}, {"version", ""}}}}}};
  post_json("/api/sets/nongkhai2-2565/save", body, 400);
}

TEST_F(ServeTest, OversizedAndMalformedBodiesAreRefused) {
  auto c = client();
  auto res = c.Post("/api/sets/nongkhai2-2565/check", auth(), std::string(serve::kMaxJsonBody + 10, ' '), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  res = c.Post("/api/sets/nongkhai2-2565/check", auth(), std::string(100000, '[') + std::string(100000, ']'), "application/json");
  EXPECT_EQ(res->status, 400);
  res = c.Post("/api/sets/nongkhai2-2565/check", auth(), "{\"files\": ", "application/json");
  EXPECT_EQ(res->status, 400);
  res = c.Post("/api/sets/nongkhai2-2565/preview", auth(), "{\"kind\": \"../../etc\"}", "application/json");
  EXPECT_EQ(res->status, 400);
  // Every refusal is JSON with a message, and the server goes on.
  EXPECT_FALSE(Json::parse(res->body)["error"].get<std::string>().empty());
  EXPECT_EQ(get_json("/api/sets")["sets"].size(), 2u);
}

}  // namespace
}  // namespace oitgen::testing
