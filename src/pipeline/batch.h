#pragma once
// Many data sets in one process: a bounded pool of workers shares the fonts, layouts, break
// rules and images; each data set is built whole and written to OUT/<name>/ all or nothing,
// and one office's bad data fails that office only.
#include <atomic>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/build.h"
#include "pipeline/resources.h"

namespace oitgen::pipeline {

struct BatchOptions {
  std::vector<std::filesystem::path> datasets;
  std::filesystem::path out_dir;
  unsigned jobs = 1;
  std::optional<std::string> only;
  OutputOverrides output;
};

struct DatasetOutcome {
  std::filesystem::path dataset;
  std::string name;             // the output sub-folder
  bool ok = false;
  size_t documents = 0, pages = 0;
  size_t bytes = 0;         // of its PDFs
  pdf::ImageStats images;   // of its PDFs
  Diagnostics diags;            // its errors and warnings
};

struct BatchResult {
  std::vector<DatasetOutcome> outcomes;  // in the order given
  size_t documents = 0, pages = 0, failed = 0, skipped = 0;
  size_t bytes = 0;
  pdf::ImageStats images;
  double seconds = 0;
  bool interrupted = false;
};

// The name of a data set's folder under OUT: its own folder's name once the path is resolved
// ("x/", "./x", "." and ".." name real folders). Empty, with `problem` set, when the path has
// none (the root) or cannot be resolved.
std::string dataset_name(const std::filesystem::path& dataset, std::string& problem);

// `stop` is polled between data sets: once true, no new data set starts and the ones under way
// finish. `progress(done, total)` is called (from a worker, serialised) after each data set.
BatchResult run_batch(const BatchOptions& options, Resources& resources, const std::atomic<bool>& stop,
                      const std::function<void(const DatasetOutcome&, size_t done, size_t total)>& progress);

}  // namespace oitgen::pipeline
