#include "cli/init_command.h"

#include <filesystem>

#include "data/dataset.h"
#include "pipeline/scaffold.h"
#include "util/files.h"

namespace oitgen::cli {

int run_init(const std::string& dir, const std::string& office, const std::string& from,
             pipeline::Resources& resources, std::ostream& out, std::ostream& err) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(dir, ec) && !(fs::is_directory(dir, ec) && fs::is_empty(dir, ec))) {
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
  std::vector<FileToWrite> writes;
  for (const auto& f : files) {
    fs::create_directories((fs::path(dir) / f.name).parent_path(), ec);
    writes.push_back({fs::path(dir) / f.name, &f.bytes});
  }
  if (auto problem = write_files_atomically(writes); !problem.empty()) {
    err << "oitgen: " << problem << "; nothing written\n";
    return 1;
  }
  for (const auto& f : files) out << (fs::path(dir) / f.name).string() << "\n";
  out << "Now replace the values marked TODO, then: oitgen check " << dir << "\n";
  err << diags.format_all();
  return 0;
}

}  // namespace oitgen::cli
