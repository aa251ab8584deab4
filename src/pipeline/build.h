#pragma once
// The build driver: data set in, laid-out and written PDFs (in memory) out. Loading, the model,
// layout and PDF writing run here; the CLI only parses options and reports.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "data/node.h"
#include "layout/display_list.h"

#include "pdf/pdf_writer.h"
#include "pipeline/resources.h"

namespace oitgen::pipeline {

// The command line's say over a data set's [output] table (office.toml); unset: the data set's
// value, else the normal output.
struct OutputOverrides {
  std::optional<bool> pdfa;
  std::optional<bool> pdfua;
  std::optional<int> max_dpi;  // 0: no limit
  std::optional<int> jpeg_quality;
};

struct BuildOptions {
  std::filesystem::path dataset;
  std::filesystem::path out_dir;
  std::optional<std::string> only;  // one document kind
  bool write_pdf = true;            // false: every check and the layout, but no PDF (oitgen check)
  bool thread_per_document = true;  // false: one after another on the caller's thread (a batch
                                    // worker, whose pool bounds the threads)
  OutputOverrides output;
  // Texts that take the place of the data set's files (the editor's unsaved edits); not owned.
  const data::FileTexts* texts = nullptr;
  bool keep_layout = false;  // hand back each document's display list (the editor's preview)
};

// What a data set's documents are written as: `options` over its [output] table (a bad value
// there is an error at its place).
pdf::OutputProfile output_profile(const BuildOptions& options, const data::Node* output, Diagnostics& diags);

// The range --max-dpi and output.max_dpi take (besides 0, no limit), and --jpeg-quality.
constexpr int kMinDpi = 36, kMaxDpi = 2400;

struct BuiltDocument {
  std::string kind;
  std::string pdf;
  size_t pages = 0;
  pdf::OutputProfile profile;
  pdf::ImageStats images;
  std::shared_ptr<const layout::Document> layout;  // with keep_layout
};

// Builds every document in memory; nothing is written. Diagnostics say what went wrong.
// A document is made from the sections its layouts require (and the office and people). With
// `only`, a problem elsewhere in the data set is told as a warning ("order.toml has errors; the
// order is not built") and never blocks it; building every document, any error stops them all,
// so that an output folder never holds a new set with an old document in it.
std::vector<BuiltDocument> build_documents(const BuildOptions& options, Resources& resources,
                                           Diagnostics& diags);

// "the order", "the monitoring report": a kind as messages name it.
std::string document_title(const std::string& kind);

}  // namespace oitgen::pipeline
