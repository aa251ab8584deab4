// The `rule` block: a horizontal line, `width` long (default: the column), aligned.
#include "layout/block_engine.h"
#include "layout/blocks/block_kind.h"

namespace oitgen::layout {
namespace {

struct RuleParams : BlockParams {
  double width = 0, height = 0;  // points; 0 = the column's width / 8 pt
  std::string align = "center";
};

std::vector<data::Field> keys() {
  using namespace data;
  return {opt("width", number_type()), opt("height", number_type()), opt("align", string_type())};
}

void parse(const data::Node& n, BlockSpec& b, const BlockParser&) {
  auto p = std::make_shared<RuleParams>();
  p->width = number_or(n.get("width"), 0) * kPointsPerCm;
  p->height = number_or(n.get("height"), 0) * kPointsPerCm;
  p->align = string_or(n.get("align"), p->align);
  b.params = std::move(p);
}

void lay_out(Engine& e, const BlockSpec& b, const Scope&) {
  const auto& p = params_of<RuleParams>(b);
  const double w = p.width > 0 ? p.width : e.frame().width;
  const double x = e.aligned_x(w, p.align);
  const double h = p.height > 0 ? p.height : 8;
  e.space(b.space_before);
  Box box;
  box.height = h;
  box.items.push_back(RuleItem{x, h / 2, x + w, h / 2, 0.6});
  e.out().push_back(std::move(box));
  e.space(b.space_after);
}

}  // namespace

extern const BlockKind kRuleBlock{"rule", keys, parse, lay_out};

}  // namespace oitgen::layout
