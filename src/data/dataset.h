#pragma once
#include <filesystem>
#include <string>

#include "data/node.h"

namespace oitgen::data {

// One office's data set: every *.toml file of its folder merged into one tree and checked
// against the schema. Paths inside the data (images) are relative to `root`.
struct Dataset {
  std::filesystem::path root;
  NodePtr tree;  // null when loading failed
};

// Loads and validates; problems go to `diags` with file:line:col relative to the current
// directory as the user named the folder.
Dataset load_dataset(const std::filesystem::path& folder, Diagnostics& diags);

// Resolves a path found in the data (at `where`) against the data set's folder. Refuses paths
// that lead outside it; returns empty on error after reporting.
std::filesystem::path resolve_data_path(const Dataset& ds, const std::string& relative,
                                        const SourceLocation& where, Diagnostics& diags);

}  // namespace oitgen::data
