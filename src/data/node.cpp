#include "data/node.h"

namespace oitgen::data {

template <typename Table>
std::optional<size_t> KeyIndex::find(const Table& table, std::string_view key) const {
  if (!map_ || map_->size() != table.size()) return std::nullopt;
  const auto it = map_->find(std::string(key));
  if (it == map_->end()) return std::string::npos;
  if (it->second < table.size() && table[it->second].first == key) return it->second;
  return std::nullopt;  // the table was rearranged behind the index's back
}

template <typename Table>
void KeyIndex::appended(const Table& table) {
  if (table.size() < kFrom) return;
  if (!map_ || map_->size() + 1 != table.size()) {
    // First time large, or edited directly since: index every entry again.
    map_ = std::make_unique<std::unordered_map<std::string, size_t>>();
    map_->reserve(table.size());
    for (size_t i = 0; i < table.size(); ++i) map_->try_emplace(table[i].first, i);
    return;
  }
  map_->try_emplace(table.back().first, table.size() - 1);
}

const Node* Node::get(std::string_view key) const {
  if (kind != Kind::Table) return nullptr;
  if (const auto at = index_.find(table, key)) return *at == std::string::npos ? nullptr : table[*at].second.get();
  for (const auto& [k, v] : table)
    if (k == key) return v.get();
  return nullptr;
}

void Node::index_keys() {
  if (kind == Kind::Table && !table.empty()) index_.appended(table);
}

const char* Node::kind_name(Kind k) {
  switch (k) {
    case Kind::Null: return "nothing";
    case Kind::Bool: return "boolean";
    case Kind::Integer: return "integer";
    case Kind::Float: return "number";
    case Kind::String: return "string";
    case Kind::Date: return "date";
    case Kind::Array: return "array";
    case Kind::Table: return "table";
  }
  return "?";
}

namespace {

std::shared_ptr<Node> scalar(Node::Kind kind, SourceLocation where) {
  auto n = std::make_shared<Node>();
  n->kind = kind;
  n->where = std::move(where);
  return n;
}

}  // namespace

NodePtr make_string(std::string s, SourceLocation where) {
  auto n = scalar(Node::Kind::String, std::move(where));
  n->s = std::move(s);
  return n;
}

NodePtr make_integer(int64_t v, SourceLocation where) {
  auto n = scalar(Node::Kind::Integer, std::move(where));
  n->i = v;
  return n;
}

NodePtr make_float(double v, SourceLocation where) {
  auto n = scalar(Node::Kind::Float, std::move(where));
  n->f = v;
  return n;
}

NodePtr make_bool(bool v, SourceLocation where) {
  auto n = scalar(Node::Kind::Bool, std::move(where));
  n->b = v;
  return n;
}

NodePtr make_date(Date v, SourceLocation where) {
  auto n = std::make_shared<Node>();
  n->kind = Node::Kind::Date;
  n->date = v;
  n->where = std::move(where);
  return n;
}

const Node* latest_date(const Node& node) {
  auto later = [](const Node* a, const Node* b) {
    if (!a) return b;
    if (!b) return a;
    return b->date > a->date ? b : a;
  };
  if (node.kind == Node::Kind::Date) return &node;
  const Node* best = nullptr;
  for (const auto& e : node.array) best = later(best, latest_date(*e));
  for (const auto& entry : node.table) best = later(best, latest_date(*entry.second));
  return best;
}

void TableBuilder::set(const std::string& key, NodePtr value) {
  auto& table = node->table;
  if (const auto at = node->index_.find(table, key)) {
    if (*at != std::string::npos) {
      table[*at].second = std::move(value);
      return;
    }
  } else {
    for (auto& [k, v] : table)
      if (k == key) {
        v = std::move(value);
        return;
      }
  }
  table.emplace_back(key, std::move(value));
  node->index_.appended(table);
}

NodePtr map_array(const Node* list, const std::function<NodePtr(const NodePtr&)>& fn) {
  auto out = std::make_shared<Node>();
  out->kind = Node::Kind::Array;
  if (!list) return out;
  out->where = list->where;
  for (const auto& element : list->array) out->array.push_back(fn(element));
  return out;
}

TableBuilder as_text_table(const NodePtr& element) {
  if (element->is_table()) return TableBuilder(*element);
  TableBuilder t;
  t.node->where = element->where;
  t.set("text", element);
  return t;
}

}  // namespace oitgen::data
