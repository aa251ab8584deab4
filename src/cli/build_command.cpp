#include "cli/build_command.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "cli/interrupt.h"
#include "model/kinds/document_kind.h"
#include "util/output_transaction.h"

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
  if (d.profile.pdfua) s += ", PDF/UA-1";
  if (d.profile.max_dpi > 0) {
    s += ", " + human_size(d.images.size_before(d.pdf.size())) + " -> " + human_size(d.pdf.size()) + "; images " + human_size(d.images.bytes_in) +
         " -> " + human_size(d.images.bytes_out) + ", " + std::to_string(d.images.resampled) + " of " +
         std::to_string(d.images.count) + " downsampled to at most " + std::to_string(d.profile.max_dpi) +
         " dpi, JPEG quality " + std::to_string(d.profile.jpeg_quality);
  }
  return s + ")";
}

int run_build(const pipeline::BuildOptions& options, pipeline::Resources& resources, std::ostream& out,
              std::ostream& err, const std::atomic<bool>* stop) {
  auto interrupted = [&] { return stop && stop->load(); };
  Diagnostics diags;
  auto docs = pipeline::build_documents(options, resources, diags);
  if (interrupted()) {
    err << "oitgen: interrupted; no PDF written\n";
    return kInterruptedExit;
  }
  if (diags.has_errors()) {
    err << diags.format_all();
    err << "oitgen: " << diags.error_count() << " error(s); no PDF written\n";
    return std::max(diags.exit_code(), 1);
  }
  // Writing can still fail (a full disk, no permission, a target that cannot be replaced): that
  // error comes before the warnings, and the folder is then as it was.
  OutputTransaction transaction;
  std::string problem = transaction.make_folder(options.out_dir);
  for (const auto& d : docs)
    if (problem.empty()) problem = transaction.stage(options.out_dir / (d.kind + ".pdf"), d.pdf);
  if (interrupted()) {
    transaction.abort();
    err << "oitgen: interrupted; no PDF written\n";
    return kInterruptedExit;
  }
  const auto result = transaction.commit();
  if (!result.ok) {
    err << "oitgen: " << result.problem << "; no PDF written";
    if (!result.restored()) err << "; " << result.left;
    err << "\n" << diags.format_all();
    return 1;
  }
  err << diags.format_all();
  for (const auto& d : docs) out << (options.out_dir / (d.kind + ".pdf")).string() << " " << describe_output(d) << "\n";
  // A PDF of a kind this build did not make stays as it was, and is said to.
  for (const model::DocumentKind* kind : model::document_kind_registry()) {
    const std::string name(kind->name);
    if (options.only && *options.only != name) continue;
    bool written = false;
    for (const auto& d : docs) written |= d.kind == name;
    std::error_code ec;
    const auto old = options.out_dir / (name + ".pdf");
    if (written || !std::filesystem::exists(old, ec)) continue;
    err << "oitgen: " << old.string() << " is from an earlier build and was left as it was (the data set has no data for "
        << pipeline::document_title(name) << " now)\n";
  }
  return interrupted() ? kInterruptedExit : 0;
}

}  // namespace oitgen::cli
