#include "serve/path_index.h"

#include <algorithm>
#include <iterator>
#include <tuple>

namespace oitgen::serve {

std::string path_step(const std::string& key) {
  const bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
  if (bare) return key;
  std::string out = "\"";
  for (const char c : key) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

PathIndex::PathIndex(const data::Node& root) {
  if (root.is_table())
    for (const auto& [key, value] : root.table) add(*value, -1, 1, &key, -1);
  else if (root.is_array())
    for (size_t i = 0; i < root.array.size(); ++i) add(*root.array[i], -1, 1, nullptr, static_cast<int64_t>(i));

  // Sorted by (file, line) with two counting passes, so that building stays linear in the
  // tree (and the lines of its files); only values starting on one line are compared.
  std::vector<uint32_t> located;
  int max_line = 0;
  for (uint32_t i = 0; i < built_.size(); ++i)
    if (built_[i].line > 0) {
      located.push_back(i);
      max_line = std::max(max_line, built_[i].line);
    }
  auto counting_sort = [&](auto key_of, size_t keys) {
    std::vector<uint32_t> start(keys + 1, 0);
    for (uint32_t e : located) ++start[key_of(built_[e]) + 1];
    for (size_t k = 0; k < keys; ++k) start[k + 1] += start[k];
    std::vector<uint32_t> out(located.size());
    for (uint32_t e : located) out[start[key_of(built_[e])]++] = e;  // stable
    located = std::move(out);
  };
  counting_sort([](const Entry& e) { return static_cast<size_t>(e.line); }, static_cast<size_t>(max_line) + 1);
  counting_sort([](const Entry& e) { return static_cast<size_t>(e.file); }, files_.size());
  auto order = [&](uint32_t a, uint32_t b) {
    const Entry& x = built_[a];
    const Entry& y = built_[b];
    return std::tie(x.column, x.depth) < std::tie(y.column, y.depth);
  };
  for (size_t from = 0; from < located.size();) {
    size_t to = from + 1;
    while (to < located.size() && built_[located[to]].file == built_[located[from]].file &&
           built_[located[to]].line == built_[located[from]].line)
      ++to;
    std::sort(located.begin() + from, located.begin() + to, order);
    from = to;
  }
  entries_ = std::move(located);
}

void PathIndex::add(const data::Node& node, int32_t parent, uint32_t depth, const std::string* key, int64_t index) {
  Entry e;
  if (node.where.line > 0) {
    e.file = files_.try_emplace(node.where.file, static_cast<uint32_t>(files_.size())).first->second;
    e.line = node.where.line;
    e.column = node.where.column;
  }
  e.depth = depth;
  e.parent = parent;
  e.array_index = index;
  if (key) {
    e.key_begin = static_cast<uint32_t>(keys_.size());
    e.key_size = static_cast<uint32_t>(key->size());
    keys_ += *key;
  }
  const auto self = static_cast<int32_t>(built_.size());
  built_.push_back(e);
  if (node.is_table())
    for (const auto& [k, value] : node.table) add(*value, self, depth + 1, &k, -1);
  else if (node.is_array())
    for (size_t i = 0; i < node.array.size(); ++i)
      add(*node.array[i], self, depth + 1, nullptr, static_cast<int64_t>(i));
}

std::optional<std::string> PathIndex::path_of(const SourceLocation& where) const {
  if (where.line <= 0) return std::nullopt;
  const auto file = files_.find(where.file);
  if (file == files_.end()) return std::nullopt;
  const auto key = std::make_tuple(file->second, where.line, where.column);
  // The last entry at or before (file, line, column): the deepest of those starting there.
  auto it = std::upper_bound(entries_.begin(), entries_.end(), key, [&](const auto& k, uint32_t e) {
    return k < std::make_tuple(built_[e].file, built_[e].line, built_[e].column);
  });
  auto on_line = [&](uint32_t e) { return built_[e].file == file->second && built_[e].line == where.line; };
  if (it != entries_.begin() && on_line(*std::prev(it))) return path_at(*std::prev(it));
  // Before every value of its line (at the key of `key = value`): the first value of the line.
  if (it != entries_.end() && on_line(*it)) return path_at(*it);
  return std::nullopt;
}

std::string PathIndex::path_at(size_t entry) const {
  std::vector<const Entry*> chain;
  for (int32_t e = static_cast<int32_t>(entry); e >= 0; e = built_[e].parent) chain.push_back(&built_[e]);
  std::string path;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const Entry& e = **it;
    if (e.array_index >= 0) {
      path += '[';
      path += std::to_string(e.array_index);
      path += ']';
    } else {
      if (!path.empty()) path += '.';
      path += path_step(keys_.substr(e.key_begin, e.key_size));
    }
  }
  return path;
}

}  // namespace oitgen::serve
