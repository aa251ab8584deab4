#pragma once
// The data tree every later stage reads: TOML values with the place they came from.
// Kept independent of toml++ so that nothing after the data stage depends on the parser.
#include <compare>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "util/diagnostics.h"

namespace oitgen::data {

struct Date {
  int year = 0;  // Gregorian, as TOML writes it
  int month = 0;
  int day = 0;
  auto operator<=>(const Date&) const = default;  // in calendar order
};

class Node;
using NodePtr = std::shared_ptr<const Node>;

// Where each key of a large table sits in its vector, so that looking a key up does not scan
// 100,000 of them. Small tables (most of them) have none and are scanned: that is faster there.
class KeyIndex {
 public:
  static constexpr size_t kFrom = 16;  // entries from which a table gets an index
  KeyIndex() = default;
  KeyIndex(const KeyIndex& other)
      : map_(other.map_ ? std::make_unique<std::unordered_map<std::string, size_t>>(*other.map_) : nullptr) {}
  KeyIndex& operator=(const KeyIndex& other) {
    if (this != &other) *this = KeyIndex(other);
    return *this;
  }
  KeyIndex(KeyIndex&&) noexcept = default;
  KeyIndex& operator=(KeyIndex&&) noexcept = default;

  // The position of `key` in `table` when the index covers it (then its answer is exact:
  // npos means absent); nullopt when there is no index or `table` was edited past it.
  template <typename Table>
  std::optional<size_t> find(const Table& table, std::string_view key) const;
  // Follows an entry appended at the end of `table` (building the index once it is large).
  template <typename Table>
  void appended(const Table& table);

 private:
  std::unique_ptr<std::unordered_map<std::string, size_t>> map_;
};

class Node {
 public:
  enum class Kind { Null, Bool, Integer, Float, String, Date, Array, Table };

  Kind kind = Kind::Null;
  SourceLocation where;
  bool b = false;
  int64_t i = 0;
  double f = 0;
  std::string s;
  Date date;
  std::vector<NodePtr> array;
  // Tables keep keys in source order: layouts and messages follow the data's order.
  std::vector<std::pair<std::string, NodePtr>> table;

  // The value of `key` in a table (nullptr when absent or not a table): O(1) on a large table.
  const Node* get(std::string_view key) const;
  // Indexes a large table filled by hand (TableBuilder::set and the loader do it themselves).
  void index_keys();
  bool is_table() const { return kind == Kind::Table; }
  bool is_array() const { return kind == Kind::Array; }
  bool is_string() const { return kind == Kind::String; }
  bool is_number() const { return kind == Kind::Integer || kind == Kind::Float; }
  double number() const { return kind == Kind::Integer ? static_cast<double>(i) : f; }

  static const char* kind_name(Kind k);

 private:
  friend struct TableBuilder;
  // Follows `table` as set() and index_keys() fill it. Code that edits `table` directly (erases
  // an entry) leaves it behind; get() sees that by the count and scans instead.
  KeyIndex index_;
};

// Builders for derived values (the model stage adds computed figures to the tree).
NodePtr make_string(std::string s, SourceLocation where = {});
NodePtr make_integer(int64_t v, SourceLocation where = {});
NodePtr make_float(double v, SourceLocation where = {});
NodePtr make_bool(bool v, SourceLocation where = {});
NodePtr make_date(Date v, SourceLocation where = {});

// The latest date anywhere in `node`; nullptr when it holds none.
const Node* latest_date(const Node& node);

// A mutable table under construction; `freeze` turns it into a shared immutable node.
struct TableBuilder {
  std::shared_ptr<Node> node = std::make_shared<Node>();
  TableBuilder() { node->kind = Node::Kind::Table; }
  explicit TableBuilder(const Node& copy) : node(std::make_shared<Node>(copy)) {}
  void set(const std::string& key, NodePtr value);
  NodePtr freeze() { return node; }
};

// An array of `list`'s elements each passed through `fn`; empty (not absent) when `list` is
// absent, so layouts can iterate optional lists without guarding them.
NodePtr map_array(const Node* list, const std::function<NodePtr(const NodePtr&)>& fn);

// A list element written either as plain text or as a table with `text`: the table itself, or
// a new table {text = element}.
TableBuilder as_text_table(const NodePtr& element);

}  // namespace oitgen::data
