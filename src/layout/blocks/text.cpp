#include "layout/blocks/text.h"

#include <algorithm>
#include <cstdlib>
#include <optional>

#include "layout/block_engine.h"
#include "layout/pdf_strings.h"

namespace oitgen::layout {
namespace {

std::vector<data::Field> keys() {
  using namespace data;
  return {opt("text", optional_text_type()), opt("label", string_type()), opt("check", string_type())};
}

void parse(const data::Node& n, BlockSpec& b, const BlockParser&) {
  auto p = std::make_shared<TextParams>();
  p->text = template_of(n.get("text"));
  p->label = template_of(n.get("label"));
  p->check = template_of(n.get("check"));
  b.params = std::move(p);
}

void paragraph(Engine& e, const BlockSpec& b, const Scope& scope) {
  const auto& p = params_of<TextParams>(b);
  const StyleSpec& st = e.style_of(b.style, b.where);
  e.space(b.space_before >= 0 ? b.space_before : st.space_before);
  const auto& frame = e.frame();
  double left = frame.left + st.left;
  double width = frame.width - st.left - st.right;
  text::ParagraphSpec para;
  para.where = p.text.where;
  para.align = st.align;
  para.max_stretch = st.max_stretch;
  para.keep_whole = e.keep_whole();
  para.spans = e.spans_of(p.text, scope, st, &para.sources);
  // What the paragraph is in the structure: a heading (an outline level, or a heading style),
  // an item of a list (a label or a check box), else a paragraph.
  const int heading = !b.outline.empty() ? std::max(1, std::atoi(b.outline.c_str())) : st.heading;
  const bool list_item = heading == 0 && (!p.check.empty() || !p.label.empty());
  std::optional<StructScope> item, body;
  int32_t label_node = -1;
  if (list_item) {
    item.emplace(e, Role::LI, e.list_for(left + st.first_indent));
    label_node = e.add_node(Role::Lbl, item->id());
  }
  std::vector<Item> label_runs;
  if (!p.check.empty()) {
    // A check box in the label's place, ticked when the `check` path holds.
    const double size = e.printed_size(st) * 0.62;
    const double label_x = left + st.first_indent;
    label_runs.push_back(RectItem{label_x, -size, size, size, -1, 0.6});
    const bool ticked = e.truthy(p.check, scope);
    if (ticked) {
      label_runs.push_back(RuleItem{label_x + size * 0.18, -size * 0.5, label_x + size * 0.42, -size * 0.18, 0.9});
      label_runs.push_back(RuleItem{label_x + size * 0.42, -size * 0.18, label_x + size * 0.85, -size * 0.9, 0.9});
    }
    // The box is the item's label: a reader hears what it says.
    for (auto& run : label_runs) artifact_of(run) = Artifact::None;
    e.node(label_node).alt = ticked ? "ทำแล้ว" : "ยังไม่ได้ทำ";
    const double text_x = label_x + std::max(st.label_width, size * 1.6);
    para.first_indent = 0;
    width -= text_x - left;
    left = text_x;
  } else if (!p.label.empty()) {
    // A labelled paragraph hangs: the label at the first-line indent, every text line after it.
    const double label_x = left + st.first_indent;
    std::vector<text::TextSource> label_values;
    const auto label_spans = e.spans_of(p.label, scope, st, &label_values);
    const text::Line label = e.unbroken_line(label_spans, p.label.where);
    RunSources label_sources(label_spans, label_values);
    e.append_runs(label, label_x, 0, label_runs, label_sources);
    const double text_x = label_x + st.label_width;
    const double min_gap = e.printed_size(st) * 0.25;
    para.first_indent = std::max(0.0, label_x + label.width + min_gap - text_x);
    width -= text_x - left;
    left = text_x;
  } else {
    para.first_indent = st.first_indent;
  }
  para.width = width;
  if (label_node >= 0) {
    tag_untagged(label_runs, label_node);
    body.emplace(e, Role::LBody, item->id());
  }
  std::optional<StructScope> own;  // a list item's text is its LBody's
  if (!list_item) {
    own.emplace(e, heading ? Role::H : Role::P);
    own->node().level = heading;
  }
  std::string outline;
  if (!b.outline.empty()) {
    for (const auto& s : para.spans) outline += s.text;
    outline = fit_pdf_string(outline, "the bookmark title", para.sources, p.text.where, e.ctx().diags);
  }
  e.paragraph_boxes(e.set_paragraph(para), st, left, std::move(label_runs),
                    // A heading (a block with an outline level) stays with what follows it.
                    b.keep_with_next || st.keep_with_next || !b.outline.empty(), outline,
                    b.outline.empty() ? 0 : std::atoi(b.outline.c_str()), &para);
  e.space(b.space_after >= 0 ? b.space_after : st.space_after);
}

void lay_out(Engine& e, const BlockSpec& b, const Scope& scope) {
  e.for_each_scope(b, scope, [&](const Scope& s) { paragraph(e, b, s); });
}

}  // namespace

const BlockKind kTextBlock{"text", keys, parse, lay_out};

BlockSpec make_text_block(Template text, const std::string& style) {
  BlockSpec b;
  b.type = "text";
  b.kind = &kTextBlock;
  b.style = style;
  b.where = text.where;
  auto p = std::make_shared<TextParams>();
  p->text = std::move(text);
  b.params = std::move(p);
  return b;
}

}  // namespace oitgen::layout
