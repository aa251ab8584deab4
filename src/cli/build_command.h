#pragma once
// `oitgen build`: builds a data set's documents and writes them, all or none.
#include <ostream>

#include "pipeline/build.h"

namespace oitgen::cli {

// Returns the process exit code (0 ok, 1 data, layout, output or usage error, 2 internal).
int run_build(const pipeline::BuildOptions& options, pipeline::Resources& resources, std::ostream& out,
              std::ostream& err);

}  // namespace oitgen::cli
