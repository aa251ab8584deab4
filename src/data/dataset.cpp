#include "data/dataset.h"

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "data/data_file.h"
#include "data/dataset_schema.h"
#include "data/schema.h"
#include "data/limits.h"
#include "data/toml_loader.h"
#include "util/utf.h"

namespace oitgen::data {
namespace {

// Top-level keys that several files may contribute to (arrays of tables are concatenated).
bool is_mergeable_array(const std::string& key) { return key == "people"; }

// The `*.toml` files of `folder`, sorted; empty after reporting why not. Nothing here throws:
// a folder that is a loop of links or unreadable is an error at its path.
std::vector<std::filesystem::path> data_files(const std::filesystem::path& folder, Diagnostics& diags) {
  namespace fs = std::filesystem;
  const SourceLocation at{folder.string(), 0, 0};
  std::error_code ec;
  const auto status = fs::status(folder, ec);
  if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory) {
    diags.error(at, "cannot open the data set folder: " + ec.message());
    return {};
  }
  if (!fs::is_directory(status)) {
    diags.error(at, "data set folder not found");
    return {};
  }
  std::vector<fs::path> files;
  fs::directory_iterator it(folder, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    // Every *.toml is data, whatever it is: a FIFO or a directory so named is an error
    // (read_data_file says which), not a file silently left out.
    const fs::path& path = it->path();
    if (path.extension() != ".toml") continue;
    // Hidden names are not data: an editor's lock (".#office.toml", a link to nothing) and the
    // ".taplo.toml" README suggests for editors sit beside the data files.
    if (path.filename().string().front() == '.') continue;
    if (files.size() == kMaxDataFiles) {
      diags.error(at, "the data set folder has more than " + std::to_string(kMaxDataFiles) + " .toml files");
      return {};
    }
    files.push_back(path);
  }
  if (ec) {
    diags.error(at, "cannot read the data set folder: " + ec.message());
    return {};
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) diags.error(at, "no .toml files in the data set folder");
  return files;
}

// A "# TODO" comment (oitgen init leaves them) is something to look at before publishing:
// a warning per line that has one. Looks only within each line, so the scan is linear.
void warn_todos(std::string_view text, const std::string& file, Diagnostics& diags) {
  constexpr std::string_view kTodo = "# TODO";
  int line = 1;
  for (size_t start = 0; start < text.size(); ++line) {
    const size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view row = text.substr(start, end - start);
    if (const size_t at = row.find(kTodo); at != std::string_view::npos) {
      const size_t note = std::min(row.find_first_not_of(": ", at + kTodo.size()), row.size());
      const int column = static_cast<int>(to_u32(row.substr(0, at)).size()) + 1;
      diags.warning({file, line, column}, "TODO: " + std::string(row.substr(note)));
    }
    start = end + 1;
  }
}

// The top-level keys a file that cannot be parsed seems to define, read off its lines: the
// first name of each table header, and the keys assigned before the first header. A guess, used
// only to tell which documents the broken file can concern.
std::vector<std::string> sections_named_in(const std::string& text) {
  std::vector<std::string> out;
  auto add = [&](std::string name) {
    if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
  };
  bool in_header_part = true;  // before the first [table] header
  bool in_multiline = false;
  for (size_t start = 0; start < text.size();) {
    const size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line(text.data() + start, end - start);
    start = end + 1;
    for (const char* quote : {"\"\"\"", "'''"})
      for (size_t at = line.find(quote); at != std::string_view::npos; at = line.find(quote, at + 3)) in_multiline = !in_multiline;
    if (in_multiline) continue;
    const size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') continue;
    auto name_at = [&](size_t from) {
      from = line.find_first_not_of("[ \t\"'", from);
      if (from == std::string_view::npos) return std::string();
      const size_t stop = line.find_first_of(".]= \t\"'", from);
      return std::string(line.substr(from, (stop == std::string_view::npos ? line.size() : stop) - from));
    };
    if (line[first] == '[') {
      in_header_part = false;
      add(name_at(first));
    } else if (in_header_part && line.find('=', first) != std::string_view::npos) {
      add(name_at(first));
    }
  }
  return out;
}

}  // namespace

bool DataProblem::concerns(const std::string& section) const {
  return sections.empty() || std::find(sections.begin(), sections.end(), section) != sections.end();
}

Dataset load_dataset_parts(const std::filesystem::path& folder, Diagnostics& diags, const FileTexts* texts) {
  Dataset ds;
  ds.root = folder;
  Diagnostics folder_diags;
  auto files = data_files(folder, folder_diags);
  if (texts && !folder_diags.has_errors()) {
    for (const auto& [name, text] : *texts)
      if (std::find(files.begin(), files.end(), folder / name) == files.end()) files.push_back(folder / name);
    std::sort(files.begin(), files.end());
  }
  if (files.empty() || folder_diags.has_errors()) {
    diags.append(folder_diags);
    return ds;
  }

  // Each section's problems in one place, so that a section that fails blocks only the
  // documents made from it.
  // (Indexed: a data set of 100,000 unknown keys has as many problems.)
  std::unordered_map<std::string, size_t> problem_index;
  auto problem_of = [&](const std::string& file, const std::string& section) -> Diagnostics& {
    auto [it, fresh] = problem_index.emplace(file + '\0' + section, ds.problems.size());
    if (fresh) ds.problems.push_back({file, {section}, {}});
    return ds.problems[it->second].diags;
  };
  TableBuilder merged;
  std::vector<std::pair<std::string, std::shared_ptr<Node>>> arrays;
  size_t total_bytes = 0;
  for (const auto& file : files) {
    const std::string shown = file.lexically_normal().string();
    Diagnostics file_diags;
    std::optional<std::string> text;
    if (auto given = texts ? texts->find(file.filename().string()) : FileTexts::const_iterator{};
        texts && given != texts->end()) {
      if (given->second.size() > kMaxDataFileBytes)
        file_diags.error({shown, 0, 0}, "the file is larger than " + std::to_string(kMaxDataFileBytes >> 20) + " MiB");
      else
        text = given->second;
    } else {
      text = read_data_file(file, shown, kMaxDataFileBytes, file_diags);
    }
    if (!text) {
      ds.problems.push_back({shown, {}, std::move(file_diags)});  // unreadable: it may hold anything
      continue;
    }
    total_bytes += text->size();
    if (total_bytes > kMaxDataSetBytes) {
      diags.error({folder.string(), 0, 0}, "the data set's .toml files hold more than " +
                                               std::to_string(kMaxDataSetBytes >> 20) + " MiB together");
      ds.problems.clear();
      return ds;
    }
    auto tree = parse_toml(*text, shown, file_diags);
    if (!tree) {
      ds.problems.push_back({shown, sections_named_in(*text), std::move(file_diags)});
      continue;
    }
    warn_todos(*text, shown, diags);
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
        problem_of(shown, key).error(value->where, "'" + key + "' is already defined at " + prior->where.file + ":" +
                                                       std::to_string(prior->where.line));
        continue;
      }
      merged.set(key, value);
    }
  }
  merged.node->where = {folder.string(), 0, 0};
  check_entries(*merged.node, *dataset_schema(), "", [&](const std::string& key) -> Diagnostics& {
    const Node* value = merged.node->get(key);
    return problem_of(value ? value->where.file : folder.string(), key);
  });
  // Only problems with errors count; a section that fails is left out of the tree.
  ds.problems.erase(std::remove_if(ds.problems.begin(), ds.problems.end(),
                                   [](const DataProblem& p) { return !p.diags.has_errors(); }),
                    ds.problems.end());
  bool all_broken = false;
  std::unordered_set<std::string> broken;
  for (const auto& p : ds.problems) {
    all_broken |= p.sections.empty();
    broken.insert(p.sections.begin(), p.sections.end());
  }
  TableBuilder sound;
  sound.node->where = merged.node->where;
  if (!all_broken)
    for (const auto& [key, value] : merged.node->table)
      if (!broken.count(key)) sound.set(key, value);
  ds.tree = sound.freeze();
  return ds;
}

Dataset load_dataset(const std::filesystem::path& folder, Diagnostics& diags) {
  Dataset ds = load_dataset_parts(folder, diags);
  if (ds.problems.empty()) return ds;
  for (const auto& p : ds.problems) diags.append(p.diags);
  ds.tree = nullptr;
  ds.problems.clear();
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
