#pragma once
// `oitgen check DATASET`: every check `build` makes (data, model, reference data, layouts,
// fonts, text), no PDF written; problems printed compiler-style.
#include <cstdio>

#include "pipeline/build.h"

namespace oitgen::cli {

// 0 when there is no error (warnings allowed), 1 otherwise.
int run_check(const pipeline::BuildOptions& options, pipeline::Resources& resources, std::FILE* err);

}  // namespace oitgen::cli
