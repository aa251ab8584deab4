#pragma once
// One output transaction: every file a command writes (a build's PDFs, a batch office's set, the
// data set `init` makes, the TOML files the server saves) goes through one of these, so that after
// any failure or signal the folders hold exactly what they held before, or exactly the new
// complete set.
//
//   OutputTransaction t;
//   t.make_folder(out);                      // records each level it creates
//   t.stage(out / "order.pdf", bytes);       // a temporary beside the target
//   if (auto r = t.commit(); !r.ok) ...      // r.message says what happened, truthfully
//
// commit():
//   1. checks that every target can be replaced: it is absent, or a file or link (not a folder),
//      and it can be kept aside, as a hard link ".<name>.old-XXXXXX" beside it (an immutable
//      file refuses the link) or, where the file system has no hard links, moved there;
//   2. renames each temporary over its target;
//   3. on a failure in 1 or 2, puts every kept file back, removes every new file, temporary and
//      folder it created; only then returns the failure;
//   4. on success removes what it kept aside.
// Destroying a transaction that was not committed removes its temporaries and the folders it
// created. Nothing here handles signals: a caller blocks them around commit() (cli/interrupt.h).
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace oitgen {

class OutputTransaction {
 public:
  enum class Mode {
    Replace,    // targets may exist and are replaced (PDFs)
    NoClobber,  // a target that exists, or appears meanwhile, fails the commit (init)
  };
  struct Options {
    Mode mode = Mode::Replace;
    // fsync each file before its rename and each folder after: for data a person typed (init,
    // the server's saves), not for PDFs that can be made again.
    bool durable = false;
  };
  struct Result {
    bool ok = true;
    std::string problem;   // "" on success; else what failed and the operating system's reason
    std::string left;      // "" when everything was put back; else what could not be, and where it is
    bool restored() const { return left.empty(); }
    // The problem and, truthfully, the state left behind.
    std::string message() const {
      return problem.empty() ? "" : problem + (left.empty() ? "; nothing was changed" : "; " + left);
    }
  };

  // For tests and the fuzzer: called before each file-system step with its name ("create",
  // "write", "keep", "link", "rename", "restore", "mkdir") and path; a non-zero errno makes that step fail
  // as if the operating system had said so.
  using FaultInjector = std::function<int(std::string_view step, const std::filesystem::path& path)>;

  OutputTransaction() : OutputTransaction(Options{}) {}
  explicit OutputTransaction(Options options, FaultInjector inject = {});
  ~OutputTransaction();
  OutputTransaction(const OutputTransaction&) = delete;
  OutputTransaction& operator=(const OutputTransaction&) = delete;

  // Creates `dir` and any missing parents, remembering each level it made so that a failure
  // removes them again. "" on success, else the problem.
  std::string make_folder(const std::filesystem::path& dir);
  // Writes `bytes` to a new temporary file beside `target`. "" on success, else the problem
  // (the transaction is then failed: commit() undoes everything). Staging a target again
  // replaces what was staged for it.
  std::string stage(const std::filesystem::path& target, std::string_view bytes);
  Result commit();
  // Undoes everything not committed (what the destructor does).
  void abort();

  // The targets staged so far, in order.
  std::vector<std::filesystem::path> targets() const;
  // The folders make_folder created (outermost first).
  const std::vector<std::filesystem::path>& created_folders() const { return created_; }

 private:
  struct Entry {
    std::filesystem::path target, temporary, kept;
    bool existed = false;
    bool kept_by_move = false;  // the target itself was moved to `kept` (no hard links here)
    bool renamed = false;
  };
  int fault(std::string_view step, const std::filesystem::path& path) const;
  std::string undo();  // "" when everything was put back
  void remove_temporaries();
  void remove_created_folders();
  void sync_folders();

  Options options_;
  FaultInjector inject_;
  std::vector<Entry> entries_;
  std::vector<std::filesystem::path> created_;
  std::string failure_;  // a stage() that failed
  bool finished_ = false;
};

}  // namespace oitgen
