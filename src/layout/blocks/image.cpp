// The `image` block: one image `height` high (at most `width` wide and the column), aligned.
#include <algorithm>

#include "layout/block_engine.h"
#include "layout/blocks/block_kind.h"

namespace oitgen::layout {
namespace {

struct ImageParams : BlockParams {
  Template src;
  double width = 0, height = 0;  // points
  std::string align = "center";
  std::vector<Template> alt;  // what the image shows, for a reader who cannot see it
};

std::vector<data::Field> keys() {
  using namespace data;
  return {req("src", string_type()), opt("width", number_type()), opt("height", number_type()),
          opt("align", string_type()), opt("alt", templates_type())};
}

void parse(const data::Node& n, BlockSpec& b, const BlockParser&) {
  auto p = std::make_shared<ImageParams>();
  p->src = template_of(n.get("src"));
  p->width = number_or(n.get("width"), 0) * kPointsPerCm;
  p->height = number_or(n.get("height"), 0) * kPointsPerCm;
  p->align = string_or(n.get("align"), p->align);
  p->alt = templates_of(n.get("alt"));
  b.params = std::move(p);
}

void lay_out(Engine& e, const BlockSpec& b, const Scope& scope) {
  const auto& p = params_of<ImageParams>(b);
  int32_t source = -1;
  SourceLocation named_at;
  auto image = e.image_of(p.src, scope, &named_at, &source);
  if (!image) return;
  double h = p.height > 0 ? p.height : 3 * kPointsPerCm;
  double w = h * image->display_width() / std::max(1, image->display_height());
  if (p.width > 0 && w > p.width) {
    h *= p.width / w;
    w = p.width;
  }
  if (w > e.frame().width) {
    h *= e.frame().width / w;
    w = e.frame().width;
  }
  const double x = e.aligned_x(w, p.align);
  e.space(b.space_before);
  StructScope figure(e, Role::Figure);
  figure.node().alt = e.first_text(p.alt, scope, "the image's alternative text");
  Box box;
  box.height = h;
  box.keep_with_next = b.keep_with_next;
  box.items.push_back(ImageItem{image, x, 0, w, h, source});
  e.out().push_back(std::move(box));
  e.space(b.space_after);
  if (figure.node().alt.empty()) e.no_alt_text(named_at, "image '" + image->path + "'");
}

}  // namespace

extern const BlockKind kImageBlock{"image", keys, parse, lay_out};

}  // namespace oitgen::layout
