#pragma once
// `oitgen build`: builds a data set's documents and writes them, all or none.
#include <ostream>
#include <string>

#include "pipeline/build.h"

namespace oitgen::cli {

// "(12 pages, PDF/A-1b, 353.4 KB -> 140.2 KB; images …)": what was written, for the report line.
std::string describe_output(const pipeline::BuiltDocument& doc);
std::string human_size(size_t bytes);

// Returns the process exit code (0 ok, 1 data, layout, output or usage error, 2 internal).
int run_build(const pipeline::BuildOptions& options, pipeline::Resources& resources, std::ostream& out,
              std::ostream& err);

}  // namespace oitgen::cli
