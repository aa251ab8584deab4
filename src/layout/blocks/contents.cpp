// The `toc` block: the contents. The previous pass's outline entries, each with dot leaders to
// the label of the page its heading landed on (or the range of pages its part spans). The
// first pass leaves it empty.
#include <algorithm>
#include <cmath>

#include "layout/block_engine.h"
#include "layout/blocks/block_kind.h"
#include "util/utf.h"

namespace oitgen::layout {
namespace {

struct ContentsParams : BlockParams {
  int levels = 2;
  double indent = 0.75 * kPointsPerCm, number_width = 1.5 * kPointsPerCm;
  bool ranges = false;  // "๘-๑๒": the pages an entry's part spans, not only its first
};

std::vector<data::Field> keys() {
  using namespace data;
  return {opt("levels", integer_type()), opt("indent", number_type()), opt("number_width", number_type()),
          opt("ranges", bool_type())};
}

void parse(const data::Node& n, BlockSpec& b, const BlockParser&) {
  auto p = std::make_shared<ContentsParams>();
  p->levels = static_cast<int>(number_or(n.get("levels"), p->levels));
  p->indent = number_or(n.get("indent"), p->indent / kPointsPerCm) * kPointsPerCm;
  p->number_width = number_or(n.get("number_width"), p->number_width / kPointsPerCm) * kPointsPerCm;
  p->ranges = n.get("ranges") && n.get("ranges")->b;
  b.params = std::move(p);
}

// Width of a leading section number ("๑.", "๒.๑", "3.") and the space after it, or 0.
double number_prefix_width(Engine& e, const std::string& title, const StyleSpec& st, const SourceLocation& where) {
  const auto space = title.find(' ');
  if (space == std::string::npos || space == 0) return 0;
  const std::u32string prefix = to_u32(title.substr(0, space));
  for (char32_t c : prefix)
    if (!(c == U'.' || (c >= U'0' && c <= U'9') || (c >= 0x0E50 && c <= 0x0E59))) return 0;
  const double size = e.printed_size(st);
  return e.unbroken_line({{title.substr(0, space), e.font_of(st, false), size}}, where).width + size * 0.3;
}

void lay_out(Engine& e, const BlockSpec& b, const Scope&) {
  const auto& p = params_of<ContentsParams>(b);
  const std::vector<TocEntry>* entries = e.toc_entries_for_contents();
  if (!entries) return;
  const StyleSpec& st = e.style_of(b.style, b.where);
  const double size = e.printed_size(st);
  const auto frame = e.frame();
  // TOC, a TOCI per entry: the title's P and the page label as a Reference.
  StructScope toc(e, Role::TOC);
  for (const auto& entry : *entries) {
    if (entry.level > p.levels) continue;
    double left = frame.left + st.left + (entry.level - 1) * p.indent;
    const double right = frame.left + frame.width - st.right;
    text::ParagraphSpec para;
    para.where = b.where;
    para.align = st.align == text::Align::Right || st.align == text::Align::Center ? text::Align::Left : st.align;
    para.keep_whole = e.keep_whole();
    // A numbered title ("๒.๑ …") hangs: its further lines start under the text, not the number.
    const double hang = number_prefix_width(e, entry.title, st, b.where);
    left += hang;
    para.first_indent = -hang;
    para.width = right - p.number_width - left;
    para.spans = {{entry.title, e.font_of(st, false), size}};
    auto lines = e.set_paragraph(para);
    if (lines.empty()) continue;
    const double text_end = left + lines.back().width;
    e.space(st.space_before);
    StructScope toci(e, Role::TOCI);
    const size_t first_box = e.out().size();
    {
      StructScope title(e, Role::P);
      e.paragraph_boxes(std::move(lines), st, left, {}, false, "", 0);
    }
    double entry_h = 0;
    for (size_t k = first_box; k < e.out().size(); ++k) entry_h += e.out()[k].height;
    Box& last = e.out().back();
    double baseline = 0;
    for (const auto& item : last.items)
      if (const auto* run = std::get_if<GlyphRunItem>(&item)) baseline = run->y;
    // The page label (already in the document's digits), right-aligned in the number column.
    const std::string label =
        p.ranges && entry.last_label != entry.label ? entry.label + "-" + entry.last_label : entry.label;
    const text::Line number = e.unbroken_line({{label, e.font_of(st, false), size}}, b.where);
    const double label_x = right - number.width;
    const size_t number_from = last.items.size();
    Engine::append_runs(number, label_x, baseline, last.items);
    // The page label is the entry's link: a click anywhere on the entry goes to the heading.
    const int32_t reference = e.add_node(Role::Reference, toci.id());
    const int32_t link = e.add_node(Role::Link, reference);
    for (size_t k = number_from; k < last.items.size(); ++k) node_of(last.items[k]) = link;
    e.out()[first_box].items.push_back(LinkItem{frame.left + st.left, 0, right - frame.left - st.left, entry_h,
                                                entry.page, entry.y, entry.title, link});
    // Leader dots, drawn (not text) so the entry copies out as "title  page".
    const double pitch = size * 0.3, dot = std::max(0.6, size * 0.06);
    const double from = std::ceil((text_end + size * 0.4) / pitch) * pitch;
    for (double x = from; x + dot <= label_x - size * 0.4; x += pitch)
      last.items.push_back(RectItem{x, baseline - dot, dot, dot, 0, 0});
    e.space(st.space_after);
  }
}

}  // namespace

extern const BlockKind kContentsBlock{"toc", keys, parse, lay_out};

}  // namespace oitgen::layout
