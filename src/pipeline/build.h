#pragma once
// The build driver: data set in, laid-out and written PDFs (in memory) out. Loading, the model,
// layout and PDF writing run here; the CLI only parses options and reports.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/resources.h"

namespace oitgen::pipeline {

struct BuildOptions {
  std::filesystem::path dataset;
  std::filesystem::path out_dir;
  std::optional<std::string> only;  // one document kind
  bool write_pdf = true;            // false: every check and the layout, but no PDF (oitgen check)
  bool thread_per_document = true;  // false: one after another on the caller's thread (a batch
                                    // worker, whose pool bounds the threads)
};

struct BuiltDocument {
  std::string kind;
  std::string pdf;
  size_t pages = 0;
};

// Builds every document in memory; nothing is written. Diagnostics say what went wrong.
std::vector<BuiltDocument> build_documents(const BuildOptions& options, Resources& resources,
                                           Diagnostics& diags);

}  // namespace oitgen::pipeline
