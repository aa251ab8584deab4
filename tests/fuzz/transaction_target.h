#pragma once
// The output transaction under a fuzzer's plan: the bytes choose what a folder holds before
// (files, folders, links in the targets' places), which targets a transaction writes and in which
// mode, and which file-system step fails with which error. Whatever the plan, afterwards the
// folder holds exactly what it held before (a failure) or exactly the new set (a success), with
// no temporary or kept copy left, unless putting back was itself made to fail, and then the
// message names every file it could not restore. Shared by the libFuzzer target and the
// regression replay of the suite.
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <string_view>

#include "../folder_snapshot.h"
#include "util/files.h"
#include "util/output_transaction.h"

namespace oitgen::fuzz {

// "" when the transaction kept its promise; else what it broke.
inline std::string exercise_transaction(std::string_view plan, const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir / "box", ec);
  const fs::path box = dir / "box";
  size_t at = 0;
  auto next = [&]() -> unsigned { return at < plan.size() ? static_cast<unsigned char>(plan[at++]) : 0u; };
  static constexpr const char* kNames[] = {"a.pdf", "b.pdf", "c.pdf", "d.pdf", "sub/e.pdf"};
  constexpr size_t kCount = sizeof kNames / sizeof kNames[0];

  // What the folder holds before: for each name, nothing, a file, a folder or a link.
  for (size_t i = 0; i < kCount; ++i) {
    const fs::path p = box / kNames[i];
    switch (next() % 5) {
      case 1: fs::create_directories(p.parent_path(), ec); std::ofstream(p) << "old " << i; break;
      case 2: fs::create_directories(p, ec); break;
      case 3: fs::create_directories(p.parent_path(), ec); fs::create_symlink("a.pdf", p, ec); break;
      case 4: fs::create_directories(p.parent_path(), ec); std::ofstream(p) << ""; break;
      default: break;
    }
  }
  auto snapshot = [&] { return testing::folder_snapshot(box); };
  const auto before = snapshot();

  // The plan's failure: the n-th call of a step fails with an error.
  static constexpr const char* kSteps[] = {"create", "write", "keep", "link", "rename", "restore", "mkdir"};
  static constexpr int kErrors[] = {EIO, ENOSPC, EPERM, EACCES, EROFS, EXDEV, EEXIST};
  const unsigned mode = next();
  const std::string fail_step = kSteps[next() % 7];
  const int fail_error = kErrors[next() % 7];
  const unsigned fail_at = next() % 8;
  const bool second_failure = next() % 4 == 0;  // also fail every "restore"
  unsigned calls = 0;
  bool restore_failed = false;
  OutputTransaction::Options options;
  options.mode = mode % 2 ? OutputTransaction::Mode::NoClobber : OutputTransaction::Mode::Replace;
  options.durable = mode % 4 >= 2;
  OutputTransaction t(options, [&](std::string_view step, const fs::path&) {
    if (step == "restore" && second_failure) {
      restore_failed = true;
      return EIO;
    }
    if (step == fail_step && calls++ == fail_at) return fail_error;
    return 0;
  });

  // Which targets, with which new content; the last one staged for a name wins.
  std::map<std::string, std::string> expected = before;
  const unsigned count = next() % 6;
  bool staged_all = true;
  for (unsigned k = 0; k < count; ++k) {
    const std::string name = kNames[next() % kCount];
    const std::string content = "new " + std::to_string(k) + std::string(next() % 3 * 1000, 'x');
    if (name.find('/') != std::string::npos && !t.make_folder(box / "sub").empty()) staged_all = false;
    if (!t.stage(box / name, content).empty()) staged_all = false;
    expected[name] = content;
    if (name.find('/') != std::string::npos) expected["sub"] = "<dir>";
  }
  const auto result = t.commit();
  const auto after = snapshot();
  for (const auto& [name, content] : after)
    if (name.find(".tmp-") != std::string::npos || (name.find(".old-") != std::string::npos && result.restored()))
      return "left behind: " + name;
  if (result.ok) {
    if (!staged_all) return "committed although a file could not be staged";
    if (after != expected) return "a success that is not the new set";
    return "";
  }
  if (result.restored()) {
    if (after != before) return "a failure that changed the folder: " + result.message();
    return "";
  }
  if (!restore_failed) return "could not restore without a failed restore: " + result.message();
  if (result.left.find("could not put back") == std::string::npos) return "an unrestored folder not told";
  return "";
}

}  // namespace oitgen::fuzz
