// The `page-break` block: what follows starts on a new page.
#include "layout/block_engine.h"
#include "layout/blocks/block_kind.h"

namespace oitgen::layout {
namespace {

std::vector<data::Field> keys() { return {}; }

void parse(const data::Node&, BlockSpec& b, const BlockParser&) { b.params = std::make_shared<BlockParams>(); }

void lay_out(Engine& e, const BlockSpec&, const Scope&) {
  Box box;
  box.page_break = true;
  e.out().push_back(std::move(box));
}

}  // namespace

extern const BlockKind kPageBreakBlock{"page-break", keys, parse, lay_out};

}  // namespace oitgen::layout
