#pragma once
// `oitgen build`: builds a data set's documents and writes them, all or none.
#include <atomic>
#include <ostream>
#include <string>

#include "pipeline/build.h"

namespace oitgen::cli {

// "(12 pages, PDF/A-1b, 353.4 KB -> 140.2 KB; images …)": what was written, for the report line.
std::string describe_output(const pipeline::BuiltDocument& doc);
std::string human_size(size_t bytes);

// Returns the process exit code (0 ok, 1 data, layout, output or usage error, 2 internal, 130
// when `stop` became true: then nothing was written, or the write under way was finished).
// The PDFs are written in one transaction; an old PDF of a kind not made this time is reported,
// never removed.
int run_build(const pipeline::BuildOptions& options, pipeline::Resources& resources, std::ostream& out,
              std::ostream& err, const std::atomic<bool>* stop = nullptr);

}  // namespace oitgen::cli
