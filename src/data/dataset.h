#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "data/node.h"

namespace oitgen::data {

// One office's data set: every *.toml file of its folder merged into one tree and checked
// against the schema. Paths inside the data (images) are relative to `root`.
// Problems confined to part of a data set: a file that cannot be read or parsed, or a top-level
// section (office, people, order …) that fails the schema or is defined twice.
struct DataProblem {
  std::string file;                   // the file at fault (display path)
  std::vector<std::string> sections;  // the top-level keys it concerns; empty: cannot tell, any
  Diagnostics diags;                  // what is wrong, errors and warnings

  bool concerns(const std::string& section) const;
};

struct Dataset {
  std::filesystem::path root;
  NodePtr tree;  // null when loading failed; in parts mode, the sound sections only
  std::vector<DataProblem> problems;  // in parts mode
};

// Data file texts by file name ("monitoring.toml") that take the place of the files of the
// folder, or are added to them: the editor's unsaved edits, loaded without writing a byte.
using FileTexts = std::map<std::string, std::string>;

// Loads and validates; problems go to `diags` with file:line:col relative to the current
// directory as the user named the folder. Any problem leaves the tree null.
Dataset load_dataset(const std::filesystem::path& folder, Diagnostics& diags);

// The same, keeping the sound sections: the tree holds every top-level section without a
// problem, and `problems` says what is wrong with the others (a build then makes every document
// whose sections are sound). `diags` gets only what concerns the whole folder (not found, no
// data files) and the TODO notes; the tree is null only then.
Dataset load_dataset_parts(const std::filesystem::path& folder, Diagnostics& diags,
                           const FileTexts* texts = nullptr);

// Resolves a path found in the data (at `where`) against the data set's folder. Refuses paths
// that lead outside it; returns empty on error after reporting.
std::filesystem::path resolve_data_path(const Dataset& ds, const std::string& relative,
                                        const SourceLocation& where, Diagnostics& diags);

}  // namespace oitgen::data
