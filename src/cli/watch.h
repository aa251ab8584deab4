#pragma once
// `oitgen build DATASET -o DIR --watch`: build, then build again whenever a file of the data set
// or of the resources (layouts, fonts, reference data) changes; until SIGINT or SIGTERM.
#include <ostream>

#include "pipeline/build.h"

namespace oitgen::cli {

int run_watch(const pipeline::BuildOptions& options, pipeline::Resources& resources, std::ostream& out,
              std::ostream& err);

}  // namespace oitgen::cli
