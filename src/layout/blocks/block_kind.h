#pragma once
// One kind of layout block ("text", "table", "chart" …): the keys it accepts beyond the common
// ones, how it reads them, and how it lays itself out. Each kind lives in its own file of
// src/layout/blocks/; the registry lists them. Adding a block is adding a file and a line there.
#include <memory>
#include <string_view>
#include <vector>

#include "data/node.h"
#include "data/schema.h"
#include "layout/layout_spec.h"

namespace oitgen::layout {

class Engine;
struct Scope;

// What a block kind reads from its table while the layout file is loaded.
struct BlockParser {
  const LayoutSpec& spec;
  Diagnostics& diags;
  // Reads nested blocks (a section's, a table column's) with their own kinds' checks.
  std::vector<BlockSpec> blocks(const data::Node* list) const;
  // A style name that must exist in the layout; reports an error at `where` otherwise.
  void require_style(const std::string& name, const SourceLocation& where) const;
};

struct BlockKind {
  std::string_view name;
  // The keys this kind accepts besides the common ones (type, style, each, when, …).
  std::vector<data::Field> (*keys)();
  // Reads the kind's own keys from `node` into `block.params` (and checks them).
  void (*parse)(const data::Node& node, BlockSpec& block, const BlockParser& parser);
  // Lays the block out in the engine's current frame, in `scope`.
  void (*lay_out)(Engine& engine, const BlockSpec& block, const Scope& scope);
};

// The kind named `name`, or nullptr.
const BlockKind* find_block_kind(std::string_view name);
// Every kind, in the order the registry lists them (for messages).
const std::vector<const BlockKind*>& block_kinds();

// Typed access to a block's parameters: each kind stores one Params type and reads it back.
// Every kind's parse sets params, so the block always holds the kind's own type.
template <typename P>
const P& params_of(const BlockSpec& b) {
  return static_cast<const P&>(*b.params);
}

// Number and string readers shared by the kinds' parsers.
inline double number_or(const data::Node* n, double fallback) { return n && n->is_number() ? n->number() : fallback; }
inline std::string string_or(const data::Node* n, std::string fallback = "") {
  return n && n->is_string() ? n->s : fallback;
}
inline Template template_of(const data::Node* n) { return n && n->is_string() ? Template{n->s, n->where} : Template{}; }
// A key that takes one template or a list of them to try in turn (`alt`).
inline std::vector<Template> templates_of(const data::Node* n) {
  std::vector<Template> out;
  if (n && n->is_string()) out.push_back(template_of(n));
  if (n && n->is_array())
    for (const auto& e : n->array) out.push_back(template_of(e.get()));
  return out;
}
// Its schema: a string or an array of strings.
inline data::TypeRef templates_type() { return data::one_of({data::string_type(), data::array_of(data::string_type())}); }

}  // namespace oitgen::layout
