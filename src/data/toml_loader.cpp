#include "data/toml_loader.h"

#include <toml++/toml.h>

#include <algorithm>
#include <sstream>

#include "util/files.h"

namespace oitgen::data {
namespace {

SourceLocation where_of(const toml::node& n, const std::string& file) {
  const auto& src = n.source();
  return {file, static_cast<int>(src.begin.line), static_cast<int>(src.begin.column)};
}

NodePtr convert(const toml::node& in, const std::string& file) {
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
    for (auto& [k, v] : items) out->table.emplace_back(k, convert(*v, file));
  } else if (auto* a = in.as_array()) {
    out->kind = Node::Kind::Array;
    for (const auto& v : *a) out->array.push_back(convert(v, file));
  } else if (auto* s = in.as_string()) {
    out->kind = Node::Kind::String;
    out->s = s->get();
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
  // Debian's toml++ is built with exceptions; the error never leaves this function.
  try {
    toml::table table = toml::parse(text, display_path);
    return convert(table, display_path);
  } catch (const toml::parse_error& err) {
    diags.error({display_path, static_cast<int>(err.source().begin.line),
                 static_cast<int>(err.source().begin.column)},
                std::string("malformed TOML: ") + std::string(err.description()));
    return nullptr;
  }
}

NodePtr load_toml_file(const std::filesystem::path& path, const std::string& display_path,
                       Diagnostics& diags) {
  auto text = read_file(path);
  if (!text) {
    diags.error({display_path, 0, 0}, "cannot read file");
    return nullptr;
  }
  return parse_toml(*text, display_path, diags);
}

}  // namespace oitgen::data
