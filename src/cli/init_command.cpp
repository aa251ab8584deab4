#include "cli/init_command.h"

#include <filesystem>

#include "data/dataset.h"
#include "pipeline/scaffold.h"
#include "cli/interrupt.h"
#include "util/output_transaction.h"

namespace oitgen::cli {

int run_init(const std::string& dir, const std::string& office, const std::string& from,
             pipeline::Resources& resources, std::ostream& out, std::ostream& err, const std::atomic<bool>* stop) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (dir.empty()) {
    err << "oitgen: init needs the name of a new folder, not an empty path; nothing written\n";
    return 1;
  }
  // A folder that holds anything (a data set, under any spelling of its path: ".", "x/", a link)
  // is refused; the transaction below also refuses any file that appears there meanwhile.
  const bool exists = fs::exists(fs::symlink_status(dir, ec)) || fs::exists(dir, ec);
  if (exists && !(fs::is_directory(dir, ec) && fs::is_empty(dir, ec))) {
    err << "oitgen: " << dir << " already exists and is not an empty folder; nothing written\n";
    return 1;
  }
  Diagnostics diags;
  std::vector<pipeline::ScaffoldFile> files;
  if (!from.empty()) {
    const auto old = data::load_dataset(from, diags);
    if (old.tree) files = pipeline::carried_forward(old, office, resources.root() / "data", diags);
  } else {
    files = pipeline::fresh_dataset(office, resources.root() / "data", diags);
  }
  if (diags.has_errors() || files.empty()) {
    err << diags.format_all() << "oitgen: " << diags.error_count() << " error(s); nothing written\n";
    return 1;
  }
  // What a person will type into: written durably, never over an existing file, and all or
  // nothing (folders made for it go again on failure).
  OutputTransaction transaction({OutputTransaction::Mode::NoClobber, true});
  std::string problem;
  for (const auto& f : files) {
    const fs::path target = fs::path(dir) / f.name;
    if (problem.empty()) problem = transaction.make_folder(target.parent_path());
    if (problem.empty()) problem = transaction.stage(target, f.bytes);
  }
  if (stop && stop->load()) {
    transaction.abort();
    err << "oitgen: interrupted; nothing written\n";
    return kInterruptedExit;
  }
  if (const auto result = transaction.commit(); !result.ok) {
    err << "oitgen: " << result.message() << "\n";
    return 1;
  }
  for (const auto& f : files) out << (fs::path(dir) / f.name).string() << "\n";
  out << "Now replace the values marked TODO, then: oitgen check " << dir << "\n";
  err << diags.format_all();
  return 0;
}

}  // namespace oitgen::cli
