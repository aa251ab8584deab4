// The `spacer` block: vertical space of a given height. At the top of a page a page break
// opened it stays (a cover's or back cover's names placed down the page); where the text flows
// onto a new page it is dropped, and always with `drop_at_page_top = true`.
#include "layout/block_engine.h"
#include "layout/blocks/block_kind.h"

namespace oitgen::layout {
namespace {

struct SpacerParams : BlockParams {
  double height = 0;  // points
  bool drop_at_page_top = false;
};

std::vector<data::Field> keys() {
  return {data::req("height", data::number_type()), data::opt("drop_at_page_top", data::bool_type())};
}

void parse(const data::Node& n, BlockSpec& b, const BlockParser&) {
  auto p = std::make_shared<SpacerParams>();
  p->height = number_or(n.get("height"), 0) * kPointsPerCm;
  p->drop_at_page_top = n.get("drop_at_page_top") && n.get("drop_at_page_top")->b;
  b.params = std::move(p);
}

void lay_out(Engine& e, const BlockSpec& b, const Scope&) {
  Box box;
  box.height = params_of<SpacerParams>(b).height;
  box.discardable = true;
  box.kept_after_break = !params_of<SpacerParams>(b).drop_at_page_top;
  e.out().push_back(std::move(box));
}

}  // namespace

extern const BlockKind kSpacerBlock{"spacer", keys, parse, lay_out};

}  // namespace oitgen::layout
