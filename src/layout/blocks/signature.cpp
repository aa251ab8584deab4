// The `signature` block: room to sign, then centred lines (name in parentheses, position).
#include <algorithm>

#include "layout/block_engine.h"
#include "layout/blocks/block_kind.h"

namespace oitgen::layout {
namespace {

struct SignatureParams : BlockParams {
  std::vector<Template> lines;
  double room = 0;      // points
  double center = 0.6;  // centre of the lines, fraction of the text width
};

std::vector<data::Field> keys() {
  using namespace data;
  return {req("lines", array_of(string_type())), opt("room", number_type()), opt("center", number_type())};
}

void parse(const data::Node& n, BlockSpec& b, const BlockParser&) {
  auto p = std::make_shared<SignatureParams>();
  if (const data::Node* lines = n.get("lines"))
    for (const auto& l : lines->array) p->lines.push_back({l->s, l->where});
  p->room = number_or(n.get("room"), 0) * kPointsPerCm;
  p->center = number_or(n.get("center"), p->center);
  b.params = std::move(p);
}

void lay_out(Engine& e, const BlockSpec& b, const Scope& scope) {
  const auto& p = params_of<SignatureParams>(b);
  const StyleSpec& st = e.style_of(b.style, b.where);
  if (p.room > 0) {
    Box room;
    room.height = p.room;
    room.keep_with_next = true;
    e.out().push_back(std::move(room));
  }
  const auto& frame = e.frame();
  const double centre = frame.left + frame.width * p.center;
  const double half = std::min(centre - frame.left, frame.left + frame.width - centre);
  StructScope block(e, Role::Div);  // the signature block: a P per line
  for (size_t i = 0; i < p.lines.size(); ++i) {
    StructScope line(e, Role::P);
    text::ParagraphSpec para;
    para.where = p.lines[i].where;
    para.align = text::Align::Center;
    para.width = 2 * half;
    para.keep_whole = e.keep_whole();
    para.spans = e.spans_of(p.lines[i], scope, st, &para.sources);
    e.paragraph_boxes(e.set_paragraph(para), st, centre - half, {}, i + 1 < p.lines.size(), "", 0, &para);
  }
}

}  // namespace

extern const BlockKind kSignatureBlock{"signature", keys, parse, lay_out};

}  // namespace oitgen::layout
