// The `section` block: groups blocks; with `each`, repeats them per element.
#include "layout/block_engine.h"
#include "layout/blocks/block_kind.h"

namespace oitgen::layout {
namespace {

std::vector<data::Field> keys() { return {data::opt("blocks", data::array_of(data::open_table_type()))}; }

void parse(const data::Node& n, BlockSpec& b, const BlockParser& parser) {
  b.blocks = parser.blocks(n.get("blocks"));
  b.params = std::make_shared<BlockParams>();
}

void lay_out(Engine& e, const BlockSpec& b, const Scope& scope) {
  e.for_each_scope(b, scope, [&](const Scope& s) {
    for (const auto& child : b.blocks) e.block(child, s);
  });
}

}  // namespace

extern const BlockKind kSectionBlock{"section", keys, parse, lay_out};

}  // namespace oitgen::layout
