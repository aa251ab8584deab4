#include "data/toml_loader.h"

#include <toml++/toml.h>

#include <algorithm>
#include <sstream>

#include "data/data_file.h"
#include "data/limits.h"
#include "data/toml_shape.h"

namespace oitgen::data {
namespace {

SourceLocation where_of(const toml::node& n, const std::string& file) {
  const auto& src = n.source();
  return {file, static_cast<int>(src.begin.line), static_cast<int>(src.begin.column)};
}

size_t code_points(std::string_view s) {
  size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// `limits_passed` counts the string values too long to keep (each reported at its place).
NodePtr convert(const toml::node& in, const std::string& file, Diagnostics& diags, size_t& limits_passed) {
  auto out = std::make_shared<Node>();
  out->where = where_of(in, file);
  if (auto* t = in.as_table()) {
    out->kind = Node::Kind::Table;
    // toml++ tables are ordered by key; restore source order by position.
    std::vector<std::pair<std::string, const toml::node*>> items;
    for (const auto& [k, v] : *t) items.emplace_back(std::string(k.str()), &v);
    std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
      const auto& sa = a.second->source().begin;
      const auto& sb = b.second->source().begin;
      return sa.line != sb.line ? sa.line < sb.line : sa.column < sb.column;
    });
    for (auto& [k, v] : items) out->table.emplace_back(k, convert(*v, file, diags, limits_passed));
    out->index_keys();
  } else if (auto* a = in.as_array()) {
    out->kind = Node::Kind::Array;
    for (const auto& v : *a) out->array.push_back(convert(v, file, diags, limits_passed));
  } else if (auto* s = in.as_string()) {
    out->kind = Node::Kind::String;
    if (const size_t n = code_points(s->get()); n > kMaxStringChars) {
      diags.error(out->where, "the text is " + std::to_string(n) + " characters long; a value may have at most " +
                                  std::to_string(kMaxStringChars));
      ++limits_passed;
    } else {
      out->s = s->get();
    }
  } else if (auto* i = in.as_integer()) {
    out->kind = Node::Kind::Integer;
    out->i = i->get();
  } else if (auto* f = in.as_floating_point()) {
    out->kind = Node::Kind::Float;
    out->f = f->get();
  } else if (auto* b = in.as_boolean()) {
    out->kind = Node::Kind::Bool;
    out->b = b->get();
  } else if (auto* d = in.as_date()) {
    out->kind = Node::Kind::Date;
    out->date = {d->get().year, d->get().month, d->get().day};
  } else {
    // Times and date-times have no use in these documents; keep them visible as strings.
    out->kind = Node::Kind::String;
    std::ostringstream ss;
    if (auto* t = in.as_time()) ss << t->get();
    else if (auto* dt = in.as_date_time()) ss << dt->get();
    out->s = ss.str();
  }
  return out;
}

}  // namespace

NodePtr parse_toml(std::string_view text, const std::string& display_path, Diagnostics& diags) {
  // toml++ recurses on nesting and on key parts: bound both before it sees the text.
  if (!check_toml_shape(text, display_path, kMaxNesting, kMaxKeyParts, diags)) return nullptr;
  // Debian's toml++ is built with exceptions; the error never leaves this function.
  try {
    toml::table table = toml::parse(text, display_path);
    size_t limits_passed = 0;
    auto tree = convert(table, display_path, diags, limits_passed);
    return limits_passed ? nullptr : tree;
  } catch (const toml::parse_error& err) {
    diags.error({display_path, static_cast<int>(err.source().begin.line),
                 static_cast<int>(err.source().begin.column)},
                std::string("malformed TOML: ") + std::string(err.description()));
    return nullptr;
  }
}

NodePtr load_toml_file(const std::filesystem::path& path, const std::string& display_path,
                       Diagnostics& diags) {
  auto text = read_data_file(path, display_path, kMaxDataFileBytes, diags);
  return text ? parse_toml(*text, display_path, diags) : nullptr;
}

}  // namespace oitgen::data
