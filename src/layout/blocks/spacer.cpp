// The `spacer` block: vertical space of a given height (dropped at the top of a page).
#include "layout/block_engine.h"
#include "layout/blocks/block_kind.h"

namespace oitgen::layout {
namespace {

struct SpacerParams : BlockParams {
  double height = 0;  // points
};

std::vector<data::Field> keys() { return {data::req("height", data::number_type())}; }

void parse(const data::Node& n, BlockSpec& b, const BlockParser&) {
  auto p = std::make_shared<SpacerParams>();
  p->height = number_or(n.get("height"), 0) * kPointsPerCm;
  b.params = std::move(p);
}

void lay_out(Engine& e, const BlockSpec& b, const Scope&) {
  Box box;
  box.height = params_of<SpacerParams>(b).height;
  box.discardable = true;
  e.out().push_back(std::move(box));
}

}  // namespace

extern const BlockKind kSpacerBlock{"spacer", keys, parse, lay_out};

}  // namespace oitgen::layout
