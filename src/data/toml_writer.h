#pragma once
// Writes a data tree back as TOML (what `oitgen init --from` produces): tables as [a.b], arrays of
// tables as [[a.b]], arrays of plain values inline, mixed arrays with inline tables. A comment can
// be attached to any value by its path ("monitoring.periods[2].from"), written after it.
#include <map>
#include <string>

#include "data/node.h"

namespace oitgen::data {

std::string to_toml(const Node& root, const std::map<std::string, std::string>& comments = {});

}  // namespace oitgen::data
