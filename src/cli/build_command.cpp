#include "cli/build_command.h"

#include <cstdio>
#include <filesystem>

#include "util/files.h"

namespace oitgen::cli {

std::string human_size(size_t bytes) {
  char buf[32];
  if (bytes < 1024) std::snprintf(buf, sizeof buf, "%zu B", bytes);
  else if (bytes < 1024 * 1024) std::snprintf(buf, sizeof buf, "%.1f KB", bytes / 1024.0);
  else std::snprintf(buf, sizeof buf, "%.1f MB", bytes / (1024.0 * 1024.0));
  return buf;
}

std::string describe_output(const pipeline::BuiltDocument& d) {
  std::string s = "(";
  s += std::to_string(d.pages);
  s += d.pages == 1 ? " page" : " pages";
  if (d.profile.pdfa) s += ", PDF/A-1b";
  if (d.profile.max_dpi > 0) {
    s += ", " + human_size(d.images.size_before(d.pdf.size())) + " -> " + human_size(d.pdf.size()) + "; images " + human_size(d.images.bytes_in) +
         " -> " + human_size(d.images.bytes_out) + ", " + std::to_string(d.images.resampled) + " of " +
         std::to_string(d.images.count) + " downsampled to at most " + std::to_string(d.profile.max_dpi) +
         " dpi, JPEG quality " + std::to_string(d.profile.jpeg_quality);
  }
  return s + ")";
}

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
  for (const auto& d : docs) out << (options.out_dir / (d.kind + ".pdf")).string() << " " << describe_output(d) << "\n";
  return 0;
}

}  // namespace oitgen::cli
