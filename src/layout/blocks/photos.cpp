// The `photos` block: a grid of photos `per_row` across, each scaled whole into its cell with
// its caption under it. Rows are kept whole; a short last row is centred.
#include <algorithm>

#include "layout/block_engine.h"
#include "layout/blocks/block_kind.h"
#include "layout/photo_grid.h"

namespace oitgen::layout {
namespace {

struct PhotosParams : BlockParams {
  Template src, caption;
  std::vector<Template> alt;  // tried in turn; none given: the caption
  std::string caption_style;
  int per_row = 2;
  double height = 0;  // points; 0 = 6 cm
  double gap = 0.4 * kPointsPerCm;
};

std::vector<data::Field> keys() {
  using namespace data;
  return {req("src", string_type()),        opt("caption", optional_text_type()), opt("caption_style", string_type()),
          opt("per_row", integer_type()),   opt("height", number_type()),         opt("gap", number_type()),
          opt("alt", templates_type())};
}

void parse(const data::Node& n, BlockSpec& b, const BlockParser& parser) {
  auto p = std::make_shared<PhotosParams>();
  p->src = template_of(n.get("src"));
  p->caption = template_of(n.get("caption"));
  p->alt = templates_of(n.get("alt"));
  if (p->alt.empty() && !p->caption.empty()) p->alt.push_back(p->caption);
  p->caption_style = string_or(n.get("caption_style"), b.style);
  if (const data::Node* c = n.get("caption_style")) parser.require_style(p->caption_style, c->where);
  if (const data::Node* per = n.get("per_row")) {
    p->per_row = static_cast<int>(per->i);
    if (p->per_row < 1 || p->per_row > 6) parser.diags.error(per->where, "'per_row' must be 1 to 6");
  }
  p->height = number_or(n.get("height"), 0) * kPointsPerCm;
  p->gap = number_or(n.get("gap"), p->gap / kPointsPerCm) * kPointsPerCm;
  b.params = std::move(p);
}

void lay_out(Engine& e, const BlockSpec& b, const Scope& scope) {
  const auto& p = params_of<PhotosParams>(b);
  std::vector<Scope> items;
  e.for_each_scope(b, scope, [&](const Scope& s) { items.push_back(s); });
  if (items.empty()) return;
  // A photo and its caption always fit on one page.
  const double max_h = std::min(p.height > 0 ? p.height : 6 * kPointsPerCm, e.body_height() * 0.75);
  const double caption_gap = 3;
  const auto frame = e.frame();
  e.space(b.space_before >= 0 ? b.space_before : 0);
  for (size_t first = 0; first < items.size(); first += p.per_row) {
    const int count = static_cast<int>(std::min<size_t>(p.per_row, items.size() - first));
    double cell_w = 0;
    const auto xs = cell_lefts(count, p.per_row, frame.left, frame.width, p.gap, cell_w);
    struct Cell {
      std::shared_ptr<const data::Image> image;
      int32_t source = -1;
      Size size;
      std::vector<CellLine> caption;
      int32_t figure = -1;
    };
    std::vector<Cell> cells;
    double images_h = 0, captions_h = 0;
    for (int i = 0; i < count; ++i) {
      const Scope& s = items[first + i];
      Cell cell;
      SourceLocation named_at;
      cell.image = e.image_of(p.src, s, &named_at, &cell.source);
      // Each photo: a Div holding its Figure (with the alternative text) and its Caption.
      StructScope div(e, Role::Div);
      if (cell.image) {
        cell.figure = e.add_node(Role::Figure, div.id());
        e.node(cell.figure).alt = e.first_text(p.alt, s, "the photo's alternative text");
        if (e.node(cell.figure).alt.empty()) e.no_alt_text(named_at, "photo '" + cell.image->path + "'");
      }
      if (cell.image) {
        cell.size = fit_within(cell.image->display_width(), cell.image->display_height(), cell_w, max_h);
        const double ppi = cell.image->display_width() / (cell.size.w / 72.0);
        if (ppi < 100)
          e.ctx().diags.warning(named_at, "photo '" + cell.image->path + "' prints at " +
                                              std::to_string(static_cast<int>(ppi)) +
                                              " pixels per inch and will look blurred; use a larger image");
      }
      if (!p.caption.empty()) {
        StructScope caption(e, Role::Caption);
        cell.caption = e.text_cell(p.caption, p.caption_style, s, xs[i], cell_w);
        Engine::tag_lines(cell.caption, caption.id());
      }
      double h = 0;
      for (const auto& l : cell.caption) h += l.height;
      images_h = std::max(images_h, cell.size.h);
      captions_h = std::max(captions_h, h);
      cells.push_back(std::move(cell));
    }
    Box row;
    row.height = images_h + (captions_h > 0 ? caption_gap + captions_h : 0);
    for (int i = 0; i < count; ++i) {
      const Cell& c = cells[i];
      if (c.image)
        row.items.push_back(ImageItem{c.image, xs[i] + (cell_w - c.size.w) / 2, (images_h - c.size.h) / 2, c.size.w,
                                      c.size.h, c.source, c.figure});
      double y = images_h + caption_gap;
      for (const auto& line : c.caption) {
        for (const auto& item : line.items) row.items.push_back(shifted(item, y));
        y += line.height;
      }
    }
    if (first > 0) e.space(p.gap);
    e.out().push_back(std::move(row));
  }
  e.space(b.space_after >= 0 ? b.space_after : p.gap);
}

}  // namespace

extern const BlockKind kPhotosBlock{"photos", keys, parse, lay_out};

}  // namespace oitgen::layout
