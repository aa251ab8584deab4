#include "data/dataset.h"

#include <algorithm>

#include "data/dataset_schema.h"
#include "data/toml_loader.h"
#include "util/files.h"
#include "util/utf.h"

namespace oitgen::data {
namespace {

// Top-level keys that several files may contribute to (arrays of tables are concatenated).
bool is_mergeable_array(const std::string& key) { return key == "people"; }

}  // namespace

Dataset load_dataset(const std::filesystem::path& folder, Diagnostics& diags) {
  Dataset ds;
  ds.root = folder;
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) {
    diags.error({folder.string(), 0, 0}, "data set folder not found");
    return ds;
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".toml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    diags.error({folder.string(), 0, 0}, "no .toml files in the data set folder");
    return ds;
  }

  TableBuilder merged;
  std::vector<std::pair<std::string, std::shared_ptr<Node>>> arrays;
  bool failed = false;
  for (const auto& file : files) {
    auto tree = load_toml_file(file, file.lexically_normal().string(), diags);
    // A "# TODO" comment (oitgen init leaves them) is something to look at before publishing.
    if (tree)
      if (auto text = read_file(file)) {
        int line = 1;
        for (size_t start = 0; start < text->size(); ++line) {
          const size_t end = std::min(text->find('\n', start), text->size());
          const auto at = text->find("# TODO", start);
          if (at != std::string::npos && at < end) {
            const size_t note = text->find_first_not_of(": ", at + 6);
            const int column = static_cast<int>(to_u32(text->substr(start, at - start)).size()) + 1;
            diags.warning({file.lexically_normal().string(), line, column},
                          "TODO: " + text->substr(std::min(note, end), end - std::min(note, end)));
          }
          start = end + 1;
        }
      }
    if (!tree) {
      failed = true;
      continue;
    }
    for (const auto& [key, value] : tree->table) {
      if (is_mergeable_array(key) && value->is_array()) {
        auto it = std::find_if(arrays.begin(), arrays.end(), [&, &k = key](auto& a) { return a.first == k; });
        if (it == arrays.end()) {
          auto copy = std::make_shared<Node>(*value);
          arrays.emplace_back(key, copy);
          merged.set(key, copy);
        } else {
          it->second->array.insert(it->second->array.end(), value->array.begin(), value->array.end());
        }
        continue;
      }
      if (const Node* prior = merged.node->get(key)) {
        diags.error(value->where, "'" + key + "' is already defined at " + prior->where.file + ":" +
                                      std::to_string(prior->where.line));
        failed = true;
        continue;
      }
      merged.set(key, value);
    }
  }
  if (failed) return ds;
  merged.node->where = {folder.string(), 0, 0};
  const size_t errors_before = diags.error_count();
  check(*merged.node, *dataset_schema(), "", diags);
  if (diags.error_count() > errors_before) return ds;
  ds.tree = merged.freeze();
  return ds;
}

std::filesystem::path resolve_data_path(const Dataset& ds, const std::string& relative,
                                        const SourceLocation& where, Diagnostics& diags) {
  std::filesystem::path p(relative);
  if (p.is_absolute()) {
    diags.error(where, "path '" + relative + "' must be relative to the data set folder");
    return {};
  }
  auto normal = p.lexically_normal();
  if (normal.empty() || *normal.begin() == "..") {
    diags.error(where, "path '" + relative + "' leads outside the data set folder");
    return {};
  }
  auto full = ds.root / normal;
  // A symlink inside the folder could still point outside it.
  std::error_code ec;
  auto canon = std::filesystem::weakly_canonical(full, ec);
  auto base = std::filesystem::weakly_canonical(ds.root, ec);
  auto rel = canon.lexically_relative(base);
  if (rel.empty() || *rel.begin() == "..") {
    diags.error(where, "path '" + relative + "' leads outside the data set folder");
    return {};
  }
  if (!std::filesystem::is_regular_file(full, ec)) {
    diags.error(where, "file not found: '" + relative + "' (looked for " + full.string() + ")");
    return {};
  }
  return full;
}

}  // namespace oitgen::data
