// The bad-input corpus: every tests/bad_input/*.toml describes one mistake made over a copy of
// the sample (or of the shipped resources) and the exact first message `build` must print.
// Each case runs through the real binary and must end with exit code 1 (no crash, no abort),
// every message once, and nothing in the output folder: no PDF, no temporary file.
//
// A case file:
//   expect = "data/monitoring.toml:180:9: error: …"   the first line printed, exactly
//   [[edit]]  file = "monitoring.toml" (in the data set) or "home/…" (in the resources), and one of
//             replace = "…", with = "…"        a text replacement (the text must occur)
//             after = "…", insert = "…" (times = N)   text inserted after a text, N times
//             after = "…", insert_bytes = [255]  raw bytes (not UTF-8) after a text
//             truncate = N                    keep the first N bytes
//             content = "…"                   the whole new content
//             remove = true                   delete the file
//             copy_from = "images/…"          a copy of another file of the data set
//             symlink_to = "/etc/hostname"    a symbolic link
//             fifo = true                     a FIFO (named pipe) that nothing writes to
//             directory = true                an empty directory
//             socket = true                   a Unix socket nothing listens on
//             png = [w, h]                    a PNG whose header says w × h over one row of data
//   [run]     output = "…" (default "out"), file_limit_kb = N, only = "kind", empty_data = true
#include <gtest/gtest.h>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "data/toml_loader.h"
#include "test_support.h"
#include "util/files.h"

namespace oitgen {
namespace {

namespace fs = std::filesystem;
using testing::quote;
using testing::repo;

std::vector<fs::path> cases() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(repo() / "tests/bad_input"))
    if (e.path().extension() == ".toml") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string str(const data::Node* n) { return n && n->is_string() ? n->s : ""; }

void apply(const data::Node& edit, const fs::path& root) {
  const std::string file = str(edit.get("file"));
  const fs::path target = file.rfind("home/", 0) == 0 ? root / file : root / "data" / file;
  if (const auto* from = edit.get("replace")) {
    auto text = *read_file(target);
    const auto at = text.find(from->s);
    ASSERT_NE(at, std::string::npos) << "'" << from->s << "' is not in " << file;
    text.replace(at, from->s.size(), str(edit.get("with")));
    std::ofstream(target, std::ios::binary | std::ios::trunc) << text;
  } else if (const auto* after = edit.get("after")) {
    auto text = *read_file(target);
    const auto at = text.find(after->s);
    ASSERT_NE(at, std::string::npos) << "'" << after->s << "' is not in " << file;
    std::string bytes;
    if (const auto* raw = edit.get("insert_bytes"))
      for (const auto& b : raw->array) bytes += static_cast<char>(b->i);
    const int64_t times = edit.get("times") ? edit.get("times")->i : 1;
    for (int64_t k = 0; k < times; ++k) bytes += str(edit.get("insert"));
    text.insert(at + after->s.size(), bytes);
    std::ofstream(target, std::ios::binary | std::ios::trunc) << text;
  } else if (const auto* keep = edit.get("truncate")) {
    fs::resize_file(target, static_cast<uintmax_t>(keep->i));
  } else if (const auto* content = edit.get("content")) {
    std::ofstream(target, std::ios::binary | std::ios::trunc) << content->s;
  } else if (edit.get("remove")) {
    fs::remove(target);
  } else if (const auto* from_file = edit.get("copy_from")) {
    fs::copy_file(root / "data" / from_file->s, target, fs::copy_options::overwrite_existing);
  } else if (const auto* link = edit.get("symlink_to")) {
    fs::remove(target);
    fs::create_symlink(link->s, target);
  } else if (edit.get("fifo")) {
    fs::remove(target);
    ASSERT_EQ(::mkfifo(target.c_str(), 0644), 0) << target;
  } else if (edit.get("directory")) {
    fs::remove(target);
    fs::create_directory(target);
  } else if (edit.get("socket")) {
    fs::remove(target);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    ASSERT_LT(target.string().size(), sizeof address.sun_path) << target;
    std::strcpy(address.sun_path, target.c_str());
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    const int bound = ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
    ::close(fd);  // the socket file stays
    ASSERT_EQ(bound, 0) << target;
  } else if (const auto* png = edit.get("png")) {
    const auto w = static_cast<uint32_t>(png->array.at(0)->i), h = static_cast<uint32_t>(png->array.at(1)->i);
    std::ofstream(target, std::ios::binary | std::ios::trunc) << testing::rgb_png(w, h, 1);
  } else {
    FAIL() << "an edit of " << file << " says nothing to do";
  }
}

class BadInput : public ::testing::TestWithParam<fs::path> {};

TEST_P(BadInput, IsRefusedWithItsMessageAndLeavesNothing) {
  Diagnostics diags;
  const auto spec = data::load_toml_file(GetParam(), GetParam().string(), diags);
  ASSERT_TRUE(spec) << diags.format_all();
  const std::string expect = str(spec->get("expect"));
  ASSERT_FALSE(expect.empty()) << "the case needs 'expect'";

  const auto root = testing::temp_dir("bad-" + GetParam().stem().string());
  fs::copy(repo() / "samples/nongkhai2-2565", root / "data", fs::copy_options::recursive);
  const data::Node* run = spec->get("run");
  if (run && run->get("empty_data")) {
    fs::remove_all(root / "data");
    fs::create_directories(root / "data");
  }
  bool own_home = false;
  if (const auto* edits = spec->get("edit"))
    for (const auto& e : edits->array) {
      if (str(e->get("file")).rfind("home/", 0) == 0 && !own_home) {
        fs::create_directories(root / "home");
        for (const char* dir : {"fonts", "layouts", "data"})
          fs::copy(repo() / dir, root / "home" / dir, fs::copy_options::recursive);
        own_home = true;
      }
      apply(*e, root);
      if (HasFatalFailure()) return;
    }

  const std::string output = run && run->get("output") ? str(run->get("output")) : "out";
  std::string command = "cd " + quote(root) + " && ";
  if (own_home) command += "OITGEN_HOME=home ";
  if (run && run->get("file_limit_kb")) command = "ulimit -f " + std::to_string(run->get("file_limit_kb")->i) + "; " + command;
  command += std::string(OITGEN_BINARY) + " build data -o " + quote(output);
  if (run && run->get("only")) command += " --only " + str(run->get("only"));
  const auto r = testing::run("sh -c " + quote(command));

  EXPECT_EQ(r.exit_code, 1) << r.output;  // 1, not a signal, an abort or an internal error
  const std::string first = r.output.substr(0, r.output.find('\n'));
  EXPECT_EQ(first, expect) << r.output;
  // Every message once.
  std::set<std::string> seen;
  std::istringstream lines(r.output);
  for (std::string line; std::getline(lines, line);) EXPECT_TRUE(seen.insert(line).second) << "twice: " << line;
  // Every problem names its place: file:line:col (a folder or the output alone where there is no line).
  for (const auto& line : seen)
    if (line.find(": error: ") != std::string::npos) {
      const std::string place = line.substr(0, line.find(": error: "));
      const bool has_line = place.find(".toml:") != std::string::npos && std::count(place.begin(), place.end(), ':') >= 2;
      std::error_code ec;  // the place may be a loop of links
      EXPECT_TRUE(has_line || !fs::is_regular_file(root / place, ec)) << line;
    }
  // Nothing left behind in the output folder.
  const fs::path out = root / output;
  if (fs::is_directory(out))
    for (const auto& e : fs::directory_iterator(out)) ADD_FAILURE() << "left behind: " << e.path().filename();
  // `check` finds the same problem without writing anything, and shows where: the message, then
  // the source line and a caret when the message has a line. (Output problems are build's alone.)
  if (!(run && (run->get("output") || run->get("file_limit_kb")))) {
    std::string check = "cd " + quote(root) + " && " + (own_home ? "OITGEN_HOME=home " : "") + OITGEN_BINARY +
                        " check data" + (run && run->get("only") ? " --only " + str(run->get("only")) : "");
    const auto c = testing::run("NO_COLOR= sh -c " + quote(check));
    EXPECT_EQ(c.exit_code, 1) << c.output;
    std::istringstream lines_in(c.output);
    std::string l1, l2, l3;
    std::getline(lines_in, l1);
    EXPECT_EQ(l1, expect) << c.output;
    const auto place = expect.substr(0, expect.find(": error: "));
    if (std::count(place.begin(), place.end(), ':') >= 2) {
      std::getline(lines_in, l2);
      std::getline(lines_in, l3);
      const std::string line_no = place.substr(place.find(':') + 1, place.rfind(':') - place.find(':') - 1);
      EXPECT_EQ(l2.rfind(" " + line_no + " | ", 0), 0u) << c.output;
      EXPECT_NE(l3.find(" | "), std::string::npos) << c.output;
      EXPECT_EQ(l3.back(), '^') << c.output;
    }
  }
  if (!HasFailure()) fs::remove_all(root);
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadInput, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<fs::path>& info) {
                           std::string name = info.param.stem().string();
                           for (auto& c : name)
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

}  // namespace
}  // namespace oitgen
