#include "data/schema.h"

#include "util/suggest.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace oitgen::data {
namespace {

TypeRef simple(Type::Kind k) {
  auto t = std::make_shared<Type>();
  t->kind = k;
  return t;
}

bool matches_kind(const Node& node, const Type& type) {
  switch (type.kind) {
    case Type::Kind::String: return node.kind == Node::Kind::String;
    case Type::Kind::Integer: return node.kind == Node::Kind::Integer;
    case Type::Kind::Number: return node.is_number();
    case Type::Kind::Date: return node.kind == Node::Kind::Date;
    case Type::Kind::Bool: return node.kind == Node::Kind::Bool;
    case Type::Kind::Table: return node.kind == Node::Kind::Table;
    case Type::Kind::Array: return node.kind == Node::Kind::Array;
    case Type::Kind::OneOf:
      return std::any_of(type.alternatives.begin(), type.alternatives.end(),
                         [&](const TypeRef& t) { return matches_kind(node, *t); });
  }
  return false;
}

std::string join_path(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

}  // namespace

std::string Type::describe() const {
  switch (kind) {
    case Kind::String: return "a string";
    case Kind::Integer: return "an integer";
    case Kind::Number: return "a number";
    case Kind::Date: return "a date (like 2022-01-14)";
    case Kind::Bool: return "true or false";
    case Kind::Table: return "a table";
    case Kind::Array: return "an array of " + element->describe().substr(element->describe().find(' ') + 1) + "s";
    case Kind::OneOf: {
      std::string s;
      for (size_t i = 0; i < alternatives.size(); ++i)
        s += (i ? " or " : "") + alternatives[i]->describe();
      return s;
    }
  }
  return "?";
}

TypeRef string_type() { return simple(Type::Kind::String); }
TypeRef optional_text_type() {
  auto t = std::make_shared<Type>();
  t->allow_empty = true;
  return t;
}
TypeRef integer_type() { return simple(Type::Kind::Integer); }
TypeRef number_type() { return simple(Type::Kind::Number); }
TypeRef date_type() { return simple(Type::Kind::Date); }
TypeRef bool_type() { return simple(Type::Kind::Bool); }

TypeRef table_type(std::vector<Field> fields) {
  auto t = std::make_shared<Type>();
  t->kind = Type::Kind::Table;
  t->fields = std::move(fields);
  return t;
}

TypeRef open_table_type() {
  auto t = std::make_shared<Type>();
  t->kind = Type::Kind::Table;
  t->open_keys = true;
  return t;
}

TypeRef array_of(TypeRef element) {
  auto t = std::make_shared<Type>();
  t->kind = Type::Kind::Array;
  t->element = std::move(element);
  return t;
}

TypeRef one_of(std::vector<TypeRef> alternatives) {
  auto t = std::make_shared<Type>();
  t->kind = Type::Kind::OneOf;
  t->alternatives = std::move(alternatives);
  return t;
}

TypeRef choice_type(std::vector<Choice> choices) {
  auto t = std::make_shared<Type>();
  t->choices = std::move(choices);
  return t;
}

TypeRef ref_type(std::string ref) {
  auto t = std::make_shared<Type>();
  t->ref = std::move(ref);
  return t;
}

TypeRef paragraph_type() {
  auto t = std::make_shared<Type>();
  t->paragraph = true;
  return t;
}

void check(const Node& node, const Type& type, const std::string& path, Diagnostics& diags) {
  if (!matches_kind(node, type)) {
    diags.error(node.where, "'" + path + "' must be " + type.describe() + ", found " +
                                Node::kind_name(node.kind));
    return;
  }
  // TOML allows nan and inf; no value of a document means either.
  if (node.kind == Node::Kind::Float && !std::isfinite(node.f)) {
    diags.error(node.where, "'" + path + "' must be a finite number, found " +
                                (std::isnan(node.f) ? std::string("nan") : std::string(node.f > 0 ? "inf" : "-inf")));
    return;
  }
  // A Buddhist-era year typed into a TOML date would print as พ.ศ. 3108.
  if (node.kind == Node::Kind::Date && node.date.year > 2400) {
    char meant[40];  // room for any int year, so the compiler can see nothing is cut
    std::snprintf(meant, sizeof meant, "%04d-%02d-%02d", node.date.year - 543, node.date.month, node.date.day);
    diags.error(node.where, "'" + path + "' has the year " + std::to_string(node.date.year) +
                                ", a Buddhist-era year; TOML dates are Gregorian: write " + meant);
    return;
  }
  // TOML allows the year 0000; no document is dated then (and the Buddhist era would be 543).
  if (node.kind == Node::Kind::Date && node.date.year < 1) {
    diags.error(node.where, "'" + path + "' has the year 0000, which is no year of a document; TOML dates are "
                                "Gregorian, like 2022-01-14");
    return;
  }
  if (type.kind == Type::Kind::OneOf) {
    for (const auto& alt : type.alternatives)
      if (matches_kind(node, *alt)) return check(node, *alt, path, diags);
  }
  if (type.kind == Type::Kind::Array) {
    for (size_t i = 0; i < node.array.size(); ++i)
      check(*node.array[i], *type.element, path + "[" + std::to_string(i + 1) + "]", diags);
    return;
  }
  if (type.kind == Type::Kind::String && !type.allow_empty && node.s.find_first_not_of(" \t\r\n") == std::string::npos) {
    diags.error(node.where, "'" + path + "' is empty");
    return;
  }
  if (type.kind != Type::Kind::Table || type.open_keys) return;
  check_entries(node, type, path, [&](const std::string&) -> Diagnostics& { return diags; });
}

void check_entries(const Node& node, const Type& type, const std::string& path,
                   const std::function<Diagnostics&(const std::string& key)>& diags_for) {
  std::vector<std::string> suggested;  // a misspelt key's "did you mean" says the key is missing
  // A table of many unknown keys is no misspelling: past the first few, each is named alone
  // (no distances worked out, no list of the keys repeated 100,000 times).
  constexpr size_t kSuggestedKeys = 20;
  size_t unknown = 0;
  for (const auto& entry : node.table) {
    const std::string& key = entry.first;
    const NodePtr& value = entry.second;
    Diagnostics& diags = diags_for(key);
    auto f = std::find_if(type.fields.begin(), type.fields.end(),
                          [&](const Field& fl) { return fl.name == key; });
    if (f != type.fields.end()) {
      check(*value, *f->type, join_path(path, key), diags);
      continue;
    }
    std::string msg = "unknown key '" + join_path(path, key) + "'";
    if (++unknown > kSuggestedKeys) {
      diags.error(value->where, msg);
      continue;
    }
    const Field* best = nullptr;
    size_t best_d = 3;
    for (const auto& fl : type.fields) {
      // The distance is at least the difference in length: a long key is not worked through.
      if (std::max(key.size(), fl.name.size()) - std::min(key.size(), fl.name.size()) >= best_d) continue;
      if (size_t d = edit_distance(key, fl.name); d < best_d && !node.get(fl.name)) {
        best_d = d;
        best = &fl;
      }
    }
    if (best) {
      msg += "; did you mean '" + best->name + "'?";
      suggested.push_back(best->name);
    } else {
      msg += "; expected one of:";
      for (const auto& fl : type.fields) msg += " " + fl.name;
    }
    diags.error(value->where, msg);
  }
  for (const auto& f : type.fields)
    if (f.required && !node.get(f.name) && std::find(suggested.begin(), suggested.end(), f.name) == suggested.end())
      diags_for(f.name).error(node.where, "missing key '" + join_path(path, f.name) + "' (" +
                                              f.type->describe() + ")");
}

}  // namespace oitgen::data
