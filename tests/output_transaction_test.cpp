// The output transaction on its own: after any failure (a target that is a folder, a step the
// operating system refuses, a file that appears meanwhile) the folder holds exactly what it held
// before; after success exactly the new set; never a temporary or a kept copy left behind.
#include <gtest/gtest.h>

#include <map>

#include "folder_snapshot.h"
#include "test_support.h"
#include "util/output_transaction.h"

namespace oitgen {
namespace {

namespace fs = std::filesystem;
using testing::temp_dir;

const auto& snapshot = testing::folder_snapshot;

void put(const fs::path& file, const std::string& text) { std::ofstream(file, std::ios::binary) << text; }

struct Folder {
  fs::path dir = temp_dir("transaction");
  Folder() {
    put(dir / "announcement.pdf", "old announcement");
    put(dir / "order.pdf", "old order");
    put(dir / "notes.txt", "someone's notes");
  }
};

TEST(OutputTransaction, ReplacesEveryFileAndLeavesNothingElse) {
  Folder f;
  OutputTransaction t;
  ASSERT_EQ(t.stage(f.dir / "announcement.pdf", "new announcement"), "");
  ASSERT_EQ(t.stage(f.dir / "order.pdf", "new order"), "");
  ASSERT_EQ(t.stage(f.dir / "monitoring-6m.pdf", "new monitoring"), "");
  const auto r = t.commit();
  ASSERT_TRUE(r.ok) << r.message();
  const std::map<std::string, std::string> expected = {{"announcement.pdf", "new announcement"},
                                                       {"order.pdf", "new order"},
                                                       {"monitoring-6m.pdf", "new monitoring"},
                                                       {"notes.txt", "someone's notes"}};
  EXPECT_EQ(snapshot(f.dir), expected);
}

TEST(OutputTransaction, TargetThatIsAFolderChangesNothing) {
  Folder f;
  fs::create_directory(f.dir / "measures-report.pdf");
  const auto before = snapshot(f.dir);
  OutputTransaction t;
  t.stage(f.dir / "announcement.pdf", "new");
  t.stage(f.dir / "order.pdf", "new");
  t.stage(f.dir / "measures-report.pdf", "new");
  const auto r = t.commit();
  EXPECT_FALSE(r.ok);
  EXPECT_TRUE(r.restored());
  EXPECT_EQ(r.message(), "cannot replace " + (f.dir / "measures-report.pdf").string() + ": it is a folder; nothing was changed");
  EXPECT_EQ(snapshot(f.dir), before);
}

// Each step of the commit fails once, at each file: the folder is always as it was.
TEST(OutputTransaction, AFailureAtAnyStepPutsEverythingBack) {
  for (const std::string step : {"create", "write", "keep", "rename"})
    for (const std::string victim : {"announcement.pdf", "order.pdf", "monitoring-6m.pdf"}) {
      if (step == "keep" && victim == "monitoring-6m.pdf") continue;  // new: nothing to keep
      Folder f;
      const auto before = snapshot(f.dir);
      OutputTransaction t({}, [&](std::string_view s, const fs::path& p) {
        return s == step && p.filename() == victim ? EIO : 0;
      });
      for (const std::string name : {"announcement.pdf", "order.pdf", "monitoring-6m.pdf"}) t.stage(f.dir / name, "new " + name);
      const auto r = t.commit();
      EXPECT_FALSE(r.ok) << step << " " << victim;
      EXPECT_TRUE(r.restored()) << r.message();
      EXPECT_NE(r.problem.find("Input/output error"), std::string::npos) << r.problem;
      EXPECT_EQ(snapshot(f.dir), before) << step << " " << victim;
    }
}

// Without hard links (a FAT stick) the old files are moved aside instead, and still come back.
TEST(OutputTransaction, MovesAsideWhereTheFileSystemHasNoHardLinks) {
  for (const bool fail : {true, false}) {
    Folder f;
    const auto before = snapshot(f.dir);
    OutputTransaction t({}, [&](std::string_view s, const fs::path& p) {
      if (s == "link") return EPERM;
      return fail && s == "rename" && p.filename() == "order.pdf" ? ENOSPC : 0;
    });
    t.stage(f.dir / "announcement.pdf", "new announcement");
    t.stage(f.dir / "order.pdf", "new order");
    const auto r = t.commit();
    EXPECT_EQ(r.ok, !fail);
    if (fail) {
      EXPECT_EQ(snapshot(f.dir), before);
    } else {
      const std::map<std::string, std::string> expected = {
          {"announcement.pdf", "new announcement"}, {"order.pdf", "new order"}, {"notes.txt", "someone's notes"}};
      EXPECT_EQ(snapshot(f.dir), expected);
    }
  }
}

// An immutable file (chattr +i) refuses the hard link, and the rename: nothing changes.
TEST(OutputTransaction, AnImmutableTargetChangesNothing) {
  Folder f;
  const auto before = snapshot(f.dir);
  if (std::system(("chattr +i " + testing::quote(f.dir / "order.pdf") + " 2>/dev/null").c_str()) != 0)
    GTEST_SKIP() << "chattr +i is not available here";
  OutputTransaction t;
  t.stage(f.dir / "announcement.pdf", "new");
  t.stage(f.dir / "order.pdf", "new");
  const auto r = t.commit();
  std::system(("chattr -i " + testing::quote(f.dir / "order.pdf")).c_str());
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.message(), "cannot replace " + (f.dir / "order.pdf").string() + ": Operation not permitted; nothing was changed");
  EXPECT_EQ(snapshot(f.dir), before);
}

TEST(OutputTransaction, AFailedRestoreIsToldWithWhereTheOldFileIs) {
  Folder f;
  OutputTransaction t({}, [&](std::string_view s, const fs::path& p) {
    if (s == "rename" && p.filename() == "order.pdf") return EIO;
    if (s == "restore" && p.filename() == "announcement.pdf") return EIO;
    return 0;
  });
  t.stage(f.dir / "announcement.pdf", "new");
  t.stage(f.dir / "order.pdf", "new");
  const auto r = t.commit();
  EXPECT_FALSE(r.ok);
  EXPECT_FALSE(r.restored());
  EXPECT_NE(r.left.find("could not put back " + (f.dir / "announcement.pdf").string()), std::string::npos) << r.left;
  // The old content is where the message says.
  const auto at = r.left.find("is in ") + 6;
  const std::string kept = r.left.substr(at, r.left.find(')', at) - at);
  EXPECT_EQ(read_file(kept).value_or(""), "old announcement");
}

TEST(OutputTransaction, NoClobberRefusesAFileThatExists) {
  Folder f;
  const auto before = snapshot(f.dir);
  OutputTransaction t({OutputTransaction::Mode::NoClobber, true});
  t.stage(f.dir / "new.toml", "x");
  t.stage(f.dir / "order.pdf", "x");
  const auto r = t.commit();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.problem, (f.dir / "order.pdf").string() + " already exists");
  EXPECT_EQ(snapshot(f.dir), before);
}

TEST(OutputTransaction, NoClobberRefusesAFileThatAppearsMeanwhile) {
  Folder f;
  const auto before_extra = snapshot(f.dir);
  OutputTransaction t({OutputTransaction::Mode::NoClobber, false}, [&](std::string_view s, const fs::path& p) {
    if (s == "rename" && p.filename() == "b.toml") put(p, "typed by someone else");
    return 0;
  });
  t.stage(f.dir / "a.toml", "a");
  t.stage(f.dir / "b.toml", "b");
  const auto r = t.commit();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.problem, (f.dir / "b.toml").string() + " appeared meanwhile");
  auto expected = before_extra;
  expected["b.toml"] = "typed by someone else";  // theirs, untouched; ours (a.toml) gone again
  EXPECT_EQ(snapshot(f.dir), expected);
}

TEST(OutputTransaction, FoldersItMadeGoAgainOnFailure) {
  const auto root = temp_dir("transaction-folders");
  const auto deep = root / "new" / "nested" / "out";
  OutputTransaction t({}, [&](std::string_view s, const fs::path&) { return s == "rename" ? EROFS : 0; });
  ASSERT_EQ(t.make_folder(deep), "");
  EXPECT_EQ(t.created_folders().size(), 3u);
  t.stage(deep / "order.pdf", "x");
  EXPECT_FALSE(t.commit().ok);
  EXPECT_FALSE(fs::exists(root / "new"));
  EXPECT_TRUE(fs::exists(root));
}

TEST(OutputTransaction, AnAbandonedTransactionLeavesNothing) {
  const auto root = temp_dir("transaction-abandoned");
  {
    OutputTransaction t;
    ASSERT_EQ(t.make_folder(root / "a" / "b"), "");
    t.stage(root / "a" / "b" / "x.pdf", "x");
    EXPECT_FALSE(snapshot(root).empty());
  }
  EXPECT_TRUE(snapshot(root).empty());
}

TEST(OutputTransaction, AFolderInTheWayIsNamed) {
  const auto root = temp_dir("transaction-file-in-way");
  put(root / "file", "x");
  OutputTransaction t;
  EXPECT_EQ(t.make_folder(root / "file" / "out"),
            "cannot create folder " + (root / "file" / "out").string() + ": " + (root / "file").string() + " is not a folder");
  EXPECT_FALSE(t.commit().ok);
  EXPECT_EQ(read_file(root / "file").value_or(""), "x");
}

}  // namespace
}  // namespace oitgen
