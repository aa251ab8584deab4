#include "layout/blocks/include.h"

#include <algorithm>
#include <cstdlib>

#include "layout/block_engine.h"

namespace oitgen::layout {
namespace {

struct IncludeParams : BlockParams {
  std::string layout;  // a layout kind: layouts/<layout>.toml
  std::string part;    // only the top-level block of that name
  bool page_numbers = true;  // the included document keeps its own page numbers
  Template title;            // its bookmark and contents entry
};

std::vector<data::Field> keys() {
  using namespace data;
  return {req("layout", string_type()), opt("part", string_type()), opt("page_numbers", bool_type()),
          opt("title", string_type())};
}

void parse(const data::Node& n, BlockSpec& b, const BlockParser& parser) {
  auto p = std::make_shared<IncludeParams>();
  p->layout = string_or(n.get("layout"));
  if (p->layout.find_first_of("/\\.") != std::string::npos)
    parser.diags.error(n.get("layout")->where, "'layout' names a layout kind such as \"announcement\", not a path");
  p->part = string_or(n.get("part"));
  p->page_numbers = !n.get("page_numbers") || n.get("page_numbers")->b;
  p->title = template_of(n.get("title"));
  if (!b.outline.empty() && p->title.empty())
    parser.diags.error(n.where, "an included document with an 'outline' level needs a 'title' for it");
  b.params = std::move(p);
}

const data::Node& root_of(const Scope& scope) {
  const Scope* s = &scope;
  while (s->parent) s = s->parent;
  return *s->node;
}

void lay_out(Engine& e, const BlockSpec& b, const Scope& scope) {
  const auto& p = params_of<IncludeParams>(b);
  auto& ctx = e.ctx();
  if (&e.out() != e.page_boxes()) {
    ctx.diags.error(b.where, "an included document fills pages: it cannot stand in a table cell");
    return;
  }
  const std::string key = p.layout + "#" + p.part;
  std::shared_ptr<const Document> doc;
  if (auto it = e.cache().includes.find(key); it != e.cache().includes.end()) {
    doc = it->second;
  } else {
    if (!ctx.layouts) {
      ctx.diags.error(b.where, "layouts cannot be included here");
      return;
    }
    auto chain = ctx.including;
    chain.push_back(e.spec().path);
    auto spec = ctx.layouts(p.layout, ctx.diags);
    if (!spec) return;
    if (std::find(chain.begin(), chain.end(), spec->path) != chain.end()) {
      ctx.diags.error(b.where, "layout '" + p.layout + "' includes itself (through " + spec->path + ")");
      return;
    }
    if (!p.part.empty() && !spec->named_block(p.part)) {
      ctx.diags.error(b.where, "layout '" + p.layout + "' has no block named '" + p.part + "' (set with name = \"" +
                                   p.part + "\")");
      return;
    }
    const data::Node& view = root_of(scope);
    for (const auto& key_needed : spec->requires_data)
      if (!view.get(key_needed)) {
        ctx.diags.error(b.where, "the included layout '" + p.layout + "' needs [" + key_needed +
                                     "] data, which the data set does not have");
        return;
      }
    LayoutContext sub{ctx.fonts, ctx.setter, ctx.dataset, ctx.resources, ctx.diags, ctx.layouts, chain, ctx.images};
    doc = std::make_shared<const Document>(render_document(*spec, view, sub, {p.part, p.page_numbers, e.cache().kept_names, e.pdfua()}));
    e.cache().includes[key] = doc;
  }
  Box box;
  box.included = doc;
  box.struct_parent = e.current_node();
  if (!p.title.empty()) {
    box.outline_title = e.pdf_string(p.title, scope, "the bookmark title");
    box.outline_level = b.outline.empty() ? 1 : std::atoi(b.outline.c_str());
  }
  e.out().push_back(std::move(box));
}

void collect(const std::vector<BlockSpec>& blocks, std::vector<std::string>& out) {
  for (const auto& b : blocks) {
    if (b.kind == &kIncludeBlock) out.push_back(params_of<IncludeParams>(b).layout);
    collect(b.blocks, out);
  }
}

}  // namespace

extern const BlockKind kIncludeBlock{"include", keys, parse, lay_out};

std::vector<std::string> included_layouts(const LayoutSpec& spec) {
  std::vector<std::string> out;
  collect(spec.blocks, out);
  return out;
}

}  // namespace oitgen::layout
