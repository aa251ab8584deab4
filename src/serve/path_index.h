#pragma once
// From a place in a data file back to the data path of the value written there: the key the
// editor's form fields, diagnostics and preview regions share (docs/SERVE.md, "the data path").
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "data/node.h"
#include "util/diagnostics.h"

namespace oitgen::serve {

// The data path of one step: `key` bare when TOML allows it, else quoted ("a b" → "\"a b\"").
std::string path_step(const std::string& key);

class PathIndex {
 public:
  PathIndex() = default;
  // Indexes every value of `root` (the merged tree of a data set, or one file's) that has a
  // place; the root itself has no path. Keeps no reference to the tree.
  explicit PathIndex(const data::Node& root);

  // The path of the value that starts at `where`; else of the value starting last on the
  // same line at or before its column (a place inside a value, or after the header that
  // opens a table, names that value); else of the first value on the line (a place at the key
  // of `key = value`); nullopt when the line holds no value. Where several values start at
  // one place (`[[a]]` opens the array and its first element), the innermost.
  std::optional<std::string> path_of(const SourceLocation& where) const;
  // The `path` a diagnostic carries in the editor's answers: "" when no one value is at fault.
  std::string path_of(const Diagnostic& d) const { return path_of(d.where).value_or(""); }

  size_t size() const { return entries_.size(); }

 private:
  // A value's place and how its path is made: its parent's path and one step. Paths are
  // put together only when asked for, so the index stays linear in the tree, not its depth.
  struct Entry {
    uint32_t file = 0;
    int line = 0, column = 0;
    uint32_t depth = 0;
    int32_t parent = -1;       // entry index, -1 under the root
    int64_t array_index = -1;  // >= 0: the step is "[array_index]"
    uint32_t key_begin = 0, key_size = 0;  // else: the key, in keys_
  };
  void add(const data::Node& node, int32_t parent, uint32_t depth, const std::string* key, int64_t index);
  std::string path_at(size_t entry) const;

  std::unordered_map<std::string, uint32_t> files_;
  std::vector<Entry> built_;       // every value but the root, parents before their children
  std::vector<uint32_t> entries_;  // those with a place, by (file, line, column, depth)
  std::string keys_;
};

}  // namespace oitgen::serve
