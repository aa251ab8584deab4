// The `page-numbering` block: starts a run of page numbers on the page it lands on.
#include "layout/block_engine.h"
#include "layout/blocks/block_kind.h"

namespace oitgen::layout {
namespace {

struct NumberingParams : BlockParams {
  PageNumberFormat format = PageNumberFormat::Numbers;
  int start = 1;
};

std::vector<data::Field> keys() {
  return {data::opt("format", data::string_type()), data::opt("start", data::integer_type())};
}

void parse(const data::Node& n, BlockSpec& b, const BlockParser& parser) {
  auto p = std::make_shared<NumberingParams>();
  if (const data::Node* f = n.get("format")) {
    if (f->s == "numbers") p->format = PageNumberFormat::Numbers;
    else if (f->s == "thai-letters") p->format = PageNumberFormat::ThaiLetters;
    else if (f->s == "none") p->format = PageNumberFormat::None;
    else
      parser.diags.error(f->where,
                         "unknown page number format '" + f->s + "'; expected numbers, thai-letters or none");
  }
  if (const data::Node* s = n.get("start")) {
    p->start = static_cast<int>(s->i);
    if (p->start < 1) parser.diags.error(s->where, "'start' must be 1 or more");
  }
  b.params = std::move(p);
}

void lay_out(Engine& e, const BlockSpec& b, const Scope&) {
  const auto& p = params_of<NumberingParams>(b);
  Box box;
  box.numbering = true;
  box.number_format = p.format;
  box.number_start = p.start;
  e.out().push_back(std::move(box));
}

}  // namespace

extern const BlockKind kPageNumberingBlock{"page-numbering", keys, parse, lay_out};

}  // namespace oitgen::layout
