#include "serve/tree_json.h"

#include <cstdio>

namespace oitgen::serve {
namespace {

using Json = nlohmann::ordered_json;

// The loader bounds a tree to data::kMaxNesting levels; the guard only keeps a hand-made tree
// from recursing without end.
constexpr int kMaxDepth = 200;

Json to_json(const data::Node& node, int depth) {
  if (depth > kMaxDepth) return nullptr;
  switch (node.kind) {
    case data::Node::Kind::Null: return nullptr;
    case data::Node::Kind::Bool: return node.b;
    case data::Node::Kind::Integer: return node.i;
    case data::Node::Kind::Float: return node.f;
    case data::Node::Kind::String: return node.s;
    case data::Node::Kind::Date: return date_text(node.date);
    case data::Node::Kind::Array: {
      Json out = Json::array();
      for (size_t k = 0; k < node.array.size(); ++k) {
        Json element = to_json(*node.array[k], depth + 1);
        if (node.array[k]->is_table()) element["@row"] = k;
        out.push_back(std::move(element));
      }
      return out;
    }
    case data::Node::Kind::Table: {
      Json out = Json::object();
      for (const auto& [key, value] : node.table) out[key] = to_json(*value, depth + 1);
      return out;
    }
  }
  return nullptr;
}

}  // namespace

std::string date_text(const data::Date& date) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buf;
}

nlohmann::ordered_json file_to_json(const data::Node& file_tree) { return to_json(file_tree, 0); }

}  // namespace oitgen::serve
