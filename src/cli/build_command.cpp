#include "cli/build_command.h"

#include <filesystem>

#include "util/files.h"

namespace oitgen::cli {

int run_build(const pipeline::BuildOptions& options, pipeline::Resources& resources, std::ostream& out,
              std::ostream& err) {
  Diagnostics diags;
  auto docs = pipeline::build_documents(options, resources, diags);
  if (diags.has_errors()) {
    err << diags.format_all();
    err << "oitgen: " << diags.error_count() << " error(s); no PDF written\n";
    return diags.exit_code();
  }
  // Writing can still fail (a full disk, no permission): that error comes before the warnings.
  std::string problem;
  std::error_code ec;
  const bool created = std::filesystem::create_directories(options.out_dir, ec);
  if (ec) {
    problem = "cannot create output folder " + options.out_dir.string() + ": " + ec.message();
  } else {
    std::vector<FileToWrite> files;
    for (const auto& d : docs) files.push_back({options.out_dir / (d.kind + ".pdf"), &d.pdf});
    problem = write_files_atomically(files);
    if (!problem.empty() && created) std::filesystem::remove(options.out_dir, ec);  // only if still empty
  }
  if (!problem.empty()) {
    err << "oitgen: " << problem << "; no PDF written\n" << diags.format_all();
    return 1;
  }
  err << diags.format_all();
  for (const auto& d : docs)
    out << (options.out_dir / (d.kind + ".pdf")).string() << " (" << d.pages << (d.pages == 1 ? " page)\n" : " pages)\n");
  return 0;
}

}  // namespace oitgen::cli
