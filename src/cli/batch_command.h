#pragma once
// `oitgen batch DATASET... -o OUT [-j N] [--only KIND]`: many data sets in one process.
#include <cstdio>

#include "pipeline/batch.h"

namespace oitgen::cli {

// 0 when every data set built, 1 when any failed, 130 when interrupted (finished ones stay).
int run_batch(const pipeline::BatchOptions& options, pipeline::Resources& resources, std::FILE* out, std::FILE* err);

}  // namespace oitgen::cli
