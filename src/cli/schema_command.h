#pragma once
// `oitgen schema [KIND]`: the JSON Schema of the data files (all kinds, or one section).
#include <ostream>
#include <string>

namespace oitgen::cli {

int run_schema(const std::string& kind, std::ostream& out, std::ostream& err);

}  // namespace oitgen::cli
