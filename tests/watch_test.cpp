// build --watch against the real binary, in the background: it ignores its own output (even
// inside the data set), follows a data set folder that is replaced or comes back, and watches
// folders made after it started. Timing is generous: these run on busy CI machines.
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

// Quiet time after which a loop would have shown itself (a build of one document takes well
// under a second).
constexpr auto kSettle = std::chrono::seconds(3);

template <typename Fn>
bool eventually(Fn done) {
  for (int i = 0; i < 600; ++i) {  // 30 s
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

// `oitgen build DATA -o OUT --only announcement --watch` with its output in `log`; stopped with
// SIGINT when it goes out of scope.
class WatchRun {
 public:
  // `unprivileged`: run as nobody when the tests run as root (who may watch any folder).
  WatchRun(const fs::path& data, const fs::path& out, const fs::path& log, bool unprivileged = false) : log_(log) {
    pid_ = fork();
    if (pid_ == 0) {
      // One descriptor for both: two would each write at their own offset, over each other.
      if (!freopen(log.c_str(), "w", stdout) || dup2(fileno(stdout), fileno(stderr)) < 0) _exit(125);
      if (unprivileged && getuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(126);
      execl(OITGEN_BINARY, OITGEN_BINARY, "build", data.c_str(), "-o", out.c_str(), "--only", "announcement", "--watch",
            static_cast<char*>(nullptr));
      _exit(127);
    }
  }
  ~WatchRun() { stop(); }
  int stop() {
    if (pid_ <= 0) return status_;
    kill(pid_, SIGINT);
    waitpid(pid_, &status_, 0);
    pid_ = 0;
    return status_;
  }
  std::string log() const { return read_file(log_).value_or(""); }
  size_t count(const std::string& s) const {
    const std::string text = log();
    size_t n = 0;
    for (size_t at = text.find(s); at != std::string::npos; at = text.find(s, at + 1)) ++n;
    return n;
  }
  bool wait_for(const std::string& s, size_t times = 1) const {
    return eventually([&] { return count(s) >= times; });
  }

 private:
  fs::path log_;
  pid_t pid_ = -1;
  int status_ = 0;
};

void edit(const fs::path& file, const std::string& from, const std::string& to) {
  auto text = read_file(file).value_or("");
  const auto at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
  std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

TEST(WatchOutput, InsideTheDataSetIsNotAChange) {
  const auto dir = testing::sample_copy("watch-out-inside");
  WatchRun run(dir / "data", dir / "data/out", dir / "log.txt");
  ASSERT_TRUE(run.wait_for(" built ")) << run.log();
  std::this_thread::sleep_for(kSettle);
  EXPECT_EQ(run.count(" built "), 1u) << run.log();
  // What a build leaves beside a PDF (a temporary, a backup) is not data either.
  std::ofstream(dir / "data/.announcement.pdf.tmp-1234") << "x";
  std::ofstream(dir / "data/.announcement.pdf.old-1234") << "x";
  std::ofstream(dir / "data/out/.announcement.pdf.tmp-99") << "x";
  std::this_thread::sleep_for(kSettle);
  EXPECT_EQ(run.count(" built "), 1u) << run.log();
  // A real change still builds, once.
  edit(dir / "data/announcement.toml", "จึงประกาศให้ทราบ", "จึงประกาศให้ทราบทั่วกัน");
  ASSERT_TRUE(run.wait_for(" built ", 2)) << run.log();
  std::this_thread::sleep_for(kSettle);
  EXPECT_EQ(run.count(" built "), 2u) << run.log();
  EXPECT_NE(testing::pdftotext(dir / "data/out/announcement.pdf").find("ทั่วกัน"), std::string::npos);
  run.stop();
  if (!HasFailure()) fs::remove_all(dir);
}

TEST(WatchOutput, TheDataSetFolderItselfIsNotAChange) {
  const auto dir = testing::sample_copy("watch-out-is-data");
  WatchRun run(dir / "data", dir / "data", dir / "log.txt");
  ASSERT_TRUE(run.wait_for(" built ")) << run.log();
  ASSERT_TRUE(fs::exists(dir / "data/announcement.pdf"));
  std::this_thread::sleep_for(kSettle);
  EXPECT_EQ(run.count(" built "), 1u) << run.log();
  run.stop();
  if (!HasFailure()) fs::remove_all(dir);
}

TEST(WatchDataSet, ReplacedFolderIsWatchedAgainAndRebuilt) {
  const auto dir = testing::sample_copy("watch-replaced");
  WatchRun run(dir / "data", dir / "out", dir / "log.txt");
  ASSERT_TRUE(run.wait_for(" built ")) << run.log();
  // The new version beside it, then swapped in as editors and deploy scripts do.
  fs::copy(dir / "data", dir / "data.new", fs::copy_options::recursive);
  edit(dir / "data.new/announcement.toml", "จึงประกาศให้ทราบ", "จึงประกาศให้ทราบโดยทั่วกัน");
  ASSERT_EQ(std::system(("cd " + testing::quote(dir) + " && mv data data.old && cp -r data.new data").c_str()), 0);
  ASSERT_TRUE(run.wait_for(" built ", 2)) << run.log();
  EXPECT_NE(testing::pdftotext(dir / "out/announcement.pdf").find("โดยทั่วกัน"), std::string::npos);
  std::this_thread::sleep_for(kSettle);
  const size_t built = run.count(" built ");
  // The old folder is no longer the data set; the new one is.
  edit(dir / "data.old/announcement.toml", "จึงประกาศ", "จึงประกาศเก่า");
  std::this_thread::sleep_for(kSettle);
  EXPECT_EQ(run.count(" built "), built) << run.log();
  edit(dir / "data/announcement.toml", "โดยทั่วกัน", "โดยทั่วกันอีก");
  ASSERT_TRUE(run.wait_for(" built ", built + 1)) << run.log();
  EXPECT_NE(testing::pdftotext(dir / "out/announcement.pdf").find("โดยทั่วกันอีก"), std::string::npos);
  run.stop();
  if (!HasFailure()) fs::remove_all(dir);
}

TEST(WatchDataSet, FolderThatDisappearsIsWaitedForAndBuiltWhenBack) {
  const auto dir = testing::sample_copy("watch-gone");
  WatchRun run(dir / "data", dir / "out", dir / "log.txt");
  ASSERT_TRUE(run.wait_for(" built ")) << run.log();
  fs::rename(dir / "data", dir / "elsewhere");
  ASSERT_TRUE(run.wait_for(" waiting for " + (dir / "data").string() + " to come back")) << run.log();
  std::this_thread::sleep_for(kSettle);
  EXPECT_EQ(run.count(" waiting for "), 1u) << run.log();
  EXPECT_EQ(run.count(" not built "), 0u) << run.log();
  edit(dir / "elsewhere/announcement.toml", "จึงประกาศให้ทราบ", "จึงประกาศให้ทราบกลับมา");
  fs::rename(dir / "elsewhere", dir / "data");
  ASSERT_TRUE(run.wait_for(" built ", 2)) << run.log();
  EXPECT_NE(testing::pdftotext(dir / "out/announcement.pdf").find("กลับมา"), std::string::npos);
  EXPECT_EQ(run.stop(), 0);
  if (!HasFailure()) fs::remove_all(dir);
}

TEST(WatchDataSet, NewSubfolderIsWatched) {
  const auto dir = testing::sample_copy("watch-subfolder");
  WatchRun run(dir / "data", dir / "out", dir / "log.txt");
  ASSERT_TRUE(run.wait_for(" built ")) << run.log();
  fs::create_directories(dir / "data/more");
  ASSERT_TRUE(run.wait_for(" built ", 2)) << run.log();
  std::this_thread::sleep_for(kSettle);
  const size_t built = run.count(" built ");
  std::ofstream(dir / "data/more/notes.txt") << "a file in a folder made after the watch began";
  ASSERT_TRUE(run.wait_for(" built ", built + 1)) << run.log();
  run.stop();
  if (!HasFailure()) fs::remove_all(dir);
}

TEST(WatchDataSet, FolderItCannotWatchIsNamedOnceWithTheReason) {
  const auto dir = testing::sample_copy("watch-no-access");
  const auto closed = dir / "data/private";
  fs::create_directories(closed);
  fs::permissions(closed, fs::perms::none);
  fs::create_directories(dir / "out");
  if (getuid() == 0) {
    ASSERT_EQ(chown((dir / "out").c_str(), 65534, 65534), 0);
  }
  WatchRun run(dir / "data", dir / "out", dir / "log.txt", true);
  ASSERT_TRUE(run.wait_for(" watching ")) << run.log();
  const std::string line = "oitgen: cannot watch " + closed.string() + ": Permission denied; changes there go unseen";
  ASSERT_TRUE(run.wait_for(line)) << run.log();
  // Still watching the rest.
  edit(dir / "data/announcement.toml", "จึงประกาศให้ทราบ", "จึงประกาศให้ทราบทั่วกัน");
  ASSERT_TRUE(run.wait_for(" built ", 2)) << run.log();  // or " not built ": either way it saw the save
  EXPECT_EQ(run.count(closed.string() + ":"), 1u) << run.log();
  run.stop();
  fs::permissions(closed, fs::perms::owner_all);
  if (!HasFailure()) fs::remove_all(dir);
}

}  // namespace
}  // namespace oitgen
