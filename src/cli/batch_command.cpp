#include "cli/batch_command.h"

#include <atomic>
#include <chrono>
#include <ctime>
#include <map>
#include <thread>

#include "cli/build_command.h"
#include "cli/interrupt.h"
#include "cli/report.h"

namespace oitgen::cli {
namespace {

std::string first_error(const Diagnostics& diags) {
  for (const auto& d : diags.items())
    if (d.severity == Severity::Error) return d.format();
  return "";
}

}  // namespace

int run_batch(const pipeline::BatchOptions& options, pipeline::Resources& resources, std::FILE* out, std::FILE* err) {
  // Each data set's folder under OUT is its own folder's name, the path resolved first: "x/",
  // "./x", "." and ".." included. Two of the same name, or a name that is no folder's name,
  // are refused before anything is built.
  std::map<std::string, std::string> first_given;
  for (const auto& d : options.datasets) {
    std::string problem;
    const std::string name = pipeline::dataset_name(d, problem);
    if (!problem.empty()) {
      std::fprintf(err, "oitgen: %s\n", problem.c_str());
      return 1;
    }
    if (auto [it, fresh] = first_given.emplace(name, d.string()); !fresh) {
      std::fprintf(err, "oitgen: '%s' and '%s' are both named '%s'; each data set writes to %s/<its folder's name>/\n",
                   it->second.c_str(), d.c_str(), name.c_str(), options.out_dir.c_str());
      return 1;
    }
  }
  // Ctrl-C and SIGTERM set `stop`: no new data set starts, the ones under way finish, nothing is
  // left half-written.
  InterruptWatch interrupt;
  const std::atomic<bool>& stop = interrupt.flag();

  const bool terminal = use_colour(out);
  const auto start = std::chrono::steady_clock::now();
  size_t docs_so_far = 0;
  auto progress = [&](const pipeline::DatasetOutcome& o, size_t done, size_t total) {
    docs_so_far += o.documents;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double rate = seconds > 0 ? docs_so_far / seconds : 0;
    const double eta = done ? seconds / done * (total - done) : 0;
    if (terminal) {
      const int width = 30, filled = static_cast<int>(width * done / std::max<size_t>(total, 1));
      std::fprintf(out, "\r[%s%s] %zu/%zu data sets, %.0f documents/s, ETA %.0f s ", std::string(filled, '#').c_str(),
                   std::string(width - filled, '.').c_str(), done, total, rate, eta);
      if (!o.ok) std::fprintf(out, "\n%s: failed: %s\n", o.name.c_str(), first_error(o.diags).c_str());
    } else if (o.ok) {
      std::fprintf(out, "%zu/%zu %s: %zu PDFs, %zu pages\n", done, total, o.name.c_str(), o.documents, o.pages);
    } else {
      std::fprintf(out, "%zu/%zu %s: failed: %s\n", done, total, o.name.c_str(), first_error(o.diags).c_str());
    }
    std::fflush(out);
  };
  const auto result = pipeline::run_batch(options, resources, stop, progress);

  if (terminal) std::fputc('\n', out);
  const size_t built = result.outcomes.size() - result.failed - result.skipped;
  std::fprintf(out, "batch: %zu of %zu data sets built, %zu documents, %zu pages in %.2f s (%.1f documents/s, %.1f pages/s)\n",
               built, result.outcomes.size(), result.documents, result.pages, result.seconds,
               result.seconds > 0 ? result.documents / result.seconds : 0.0,
               result.seconds > 0 ? result.pages / result.seconds : 0.0);
  if (result.images.bytes_in != result.images.bytes_out) {
    std::fprintf(out, "size: %s -> %s (images %s -> %s)\n", human_size(result.images.size_before(result.bytes)).c_str(), human_size(result.bytes).c_str(),
                 human_size(result.images.bytes_in).c_str(), human_size(result.images.bytes_out).c_str());
  }
  if (result.failed) {
    std::fprintf(out, "%zu failed (no PDF written for them):\n", result.failed);
    for (const auto& o : result.outcomes)
      if (!o.ok && o.diags.has_errors()) std::fprintf(out, "  %s: %s\n", o.name.c_str(), first_error(o.diags).c_str());
  }
  if (result.interrupted) {
    std::fprintf(out, "interrupted: %zu data sets not started; the finished ones are complete\n", result.skipped);
    return kInterruptedExit;
  }
  int code = 0;
  for (const auto& o : result.outcomes) code = std::max(code, o.diags.exit_code());
  return code;
}

}  // namespace oitgen::cli
