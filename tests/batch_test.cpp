// `oitgen batch`: many generated data sets in one process with a bounded pool. One bad office
// fails alone; the PDFs are the bytes `build` gives, at any -j; Ctrl-C leaves no partial file.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "test_support.h"
#include "util/files.h"

namespace oitgen {
namespace {

namespace fs = std::filesystem;
using testing::quote;
using testing::repo;
using testing::run;

const char* const kKinds[] = {"announcement", "order", "monitoring-6m", "measures-report"};

// `count` copies of the sample as office-01 …, every other one from the second sample.
std::vector<fs::path> offices(const fs::path& root, int count) {
  std::vector<fs::path> out;
  for (int i = 1; i <= count; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "office-%02d", i);
    const auto dir = root / name;
    fs::create_directories(root);
    fs::copy(repo() / (i % 2 ? "samples/nongkhai2-2565" : "samples/udonthani1-2566"), dir, fs::copy_options::recursive);
    out.push_back(dir);
  }
  return out;
}

std::string joined(const std::vector<fs::path>& paths) {
  std::string s;
  for (const auto& p : paths) s += " " + quote(p);
  return s;
}

TEST(Batch, OneBadOfficeFailsAloneAndTheOthersBuild) {
  const auto root = testing::temp_dir("batch");
  const auto sets = offices(root / "in", 20);
  auto text = *read_file(sets[6] / "monitoring.toml");
  text.replace(text.find("spent = 61000"), 13, "spent = nan");
  std::ofstream(sets[6] / "monitoring.toml", std::ios::binary | std::ios::trunc) << text;
  const auto r = run(std::string(OITGEN_BINARY) + " batch" + joined(sets) + " -o " + quote(root / "out") + " -j 2");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  for (size_t i = 0; i < sets.size(); ++i) {
    const auto dir = root / "out" / sets[i].filename();
    if (i == 6) {
      EXPECT_FALSE(fs::exists(dir)) << "a failed office leaves nothing";
      continue;
    }
    for (const char* kind : kKinds) EXPECT_TRUE(fs::exists(dir / (std::string(kind) + ".pdf"))) << dir << " " << kind;
  }
  EXPECT_NE(r.output.find("batch: 19 of 20 data sets built, 76 documents"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("office-07: " + (sets[6] / "monitoring.toml").string() +
                          ":180:9: error: 'monitoring.project.budget.spent' must be a finite number, found nan"),
            std::string::npos)
      << r.output;
}

TEST(Batch, PdfsAreTheBytesOfALoneBuildAtAnyJ) {
  const auto root = testing::temp_dir("batch-bytes");
  const auto sets = offices(root / "in", 6);
  for (const char* jobs : {"1", "3"}) {
    const auto r = run(std::string(OITGEN_BINARY) + " batch" + joined(sets) + " -o " + quote(root / ("out-j" + std::string(jobs))) +
                       " -j " + jobs);
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  for (const auto& set : sets) {
    const auto alone = root / "alone" / set.filename();
    ASSERT_EQ(run(std::string(OITGEN_BINARY) + " build " + quote(set) + " -o " + quote(alone)).exit_code, 0);
    for (const char* kind : kKinds) {
      const std::string file = std::string(kind) + ".pdf";
      const auto expected = *read_file(alone / file);
      EXPECT_TRUE(*read_file(root / "out-j1" / set.filename() / file) == expected) << set.filename() << " " << kind;
      EXPECT_TRUE(*read_file(root / "out-j3" / set.filename() / file) == expected) << set.filename() << " " << kind;
    }
  }
}

TEST(Batch, InterruptedLeavesOnlyWholeOffices) {
  const auto root = testing::temp_dir("batch-stop");
  const auto sets = offices(root / "in", 40);
  const auto log = root / "log.txt";
  std::vector<std::string> args = {OITGEN_BINARY, "batch"};
  for (const auto& s : sets) args.push_back(s.string());
  for (const char* a : {"-o", "", "-j", "2"}) args.push_back(a);
  args[args.size() - 3] = (root / "out").string();
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    freopen(log.c_str(), "w", stdout);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(OITGEN_BINARY, argv.data());
    _exit(127);
  }
  // Once some offices are done, Ctrl-C.
  for (int i = 0; i < 400 && read_file(log).value_or("").find("3/40") == std::string::npos; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  const std::string output = read_file(log).value_or("");
  EXPECT_EQ(WEXITSTATUS(status), 130) << output;
  EXPECT_NE(output.find("interrupted: "), std::string::npos) << output;
  // Every office folder holds its four PDFs, whole, or does not exist; no temporary file anywhere.
  size_t whole = 0;
  for (const auto& e : fs::recursive_directory_iterator(root / "out")) {
    EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << e.path();
    if (e.is_directory()) {
      size_t pdfs = 0;
      for (const auto& f : fs::directory_iterator(e.path())) pdfs += f.path().extension() == ".pdf";
      EXPECT_EQ(pdfs, 4u) << e.path();
      ++whole;
    }
  }
  EXPECT_GE(whole, 3u);
  EXPECT_LT(whole, 40u);
  for (const auto& e : fs::recursive_directory_iterator(root / "out"))
    if (e.path().extension() == ".pdf") {
      EXPECT_EQ(run("qpdf --check " + quote(e.path())).exit_code, 0) << e.path();
    }
}

}  // namespace
}  // namespace oitgen

#include "data/image_library.h"

namespace oitgen {
namespace {

// Images are shared (the same object for the same file) and held within a budget: a batch of
// offices with photos of their own keeps its memory flat.
TEST(Batch, ImageLibrarySharesAndStaysWithinItsBudget) {
  const auto dir = testing::temp_dir("image-library");
  data::ImageLibrary library(2000);
  Diagnostics diags;
  std::shared_ptr<const data::Image> first;
  for (int i = 0; i < 40; ++i) {
    const auto path = dir / ("photo-" + std::to_string(i) + ".png");
    std::ofstream(path, std::ios::binary) << testing::rgb_png(200, 150 + i, 150 + i);
    auto image = library.get(path, {}, diags, path.filename().string());
    ASSERT_TRUE(image) << diags.format_all();
    if (i == 0) first = image;
    EXPECT_LE(library.bytes(), 2000u + 1000) << i;  // the newest is always kept
  }
  EXPECT_LT(library.size(), 40u);
  const auto again = library.get(dir / "photo-39.png", {}, diags, "photo-39.png");
  EXPECT_EQ(again, library.get(dir / "photo-39.png", {}, diags, "photo-39.png"));
  EXPECT_EQ(first->width, 200);  // a document holding an evicted image keeps it
}

}  // namespace
}  // namespace oitgen
