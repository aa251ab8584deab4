#pragma once
#include <atomic>
// `oitgen init DIR --office NAME [--from OLD]`: writes a new data set (see pipeline/scaffold.h).
#include <ostream>
#include <string>

#include "pipeline/resources.h"

namespace oitgen::cli {

int run_init(const std::string& dir, const std::string& office, const std::string& from,
             pipeline::Resources& resources, std::ostream& out, std::ostream& err,
             const std::atomic<bool>* stop = nullptr);

}  // namespace oitgen::cli
