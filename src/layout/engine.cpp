#include "layout/engine.h"

#include <algorithm>
#include <cmath>

#include <cstdlib>
#include <map>

#include "layout/box.h"
#include "layout/paginate.h"
#include "layout/photo_grid.h"
#include "layout/template.h"
#include "layout/toc.h"
#include "model/thai_format.h"
#include "util/utf.h"

namespace oitgen::layout {
namespace {

using data::Node;

// Images a document names, loaded once for all of its layout passes.
using ImageCache = std::map<std::filesystem::path, std::shared_ptr<const data::Image>>;

class Engine {
 public:
  // `toc` holds the contents entries found by the previous pass (nullptr in the first).
  Engine(const LayoutSpec& spec, LayoutContext& ctx, ImageCache& images, const std::vector<TocEntry>* toc)
      : spec_(spec), ctx_(ctx), images_(images), toc_(toc) {
    page_left_ = spec.margin_left;
    page_width_ = spec.page_width - spec.margin_left - spec.margin_right;
    frame_ = {page_left_, page_width_, &boxes_};
  }

  Document run(const Node& view) {
    Scope root{&view, 0, nullptr};
    if (const Node* people = view.get("people"))
      for (const auto& p : people->array)
        if (const Node* full = p->get("full_name")) keep_whole_.push_back(to_u32(digits(full->s)));
    Document doc;
    doc.title = digits(expand_plain(spec_.title, root, ctx_.diags));
    if (!spec_.author.empty()) doc.author = digits(expand_plain(spec_.author, root, ctx_.diags));
    if (!spec_.subject.empty()) doc.subject = digits(expand_plain(spec_.subject, root, ctx_.diags));
    for (const auto& b : spec_.blocks) block(b, root);
    numbering_ = paginate(boxes_, spec_, doc);
    number_pages(doc);
    return doc;
  }

  bool has_toc() const { return has_toc_; }

 private:
  const LayoutSpec& spec_;
  LayoutContext& ctx_;
  ImageCache& images_;
  const std::vector<TocEntry>* toc_;
  bool has_toc_ = false;
  std::vector<NumberingStart> numbering_;
  // Where blocks are laid out: the page's text column, or a table cell.
  struct Frame {
    double left = 0, width = 0;
    std::vector<Box>* out = nullptr;
  };
  double page_left_ = 0, page_width_ = 0;
  Frame frame_;
  std::vector<Box> boxes_;
  std::vector<Box>& out() { return *frame_.out; }
  std::vector<std::u32string> keep_whole_;

  std::string digits(const std::string& s) const { return spec_.thai_digits ? model::to_thai_digits(s) : s; }

  const StyleSpec& style_of(const std::string& name, const SourceLocation& where) {
    if (const StyleSpec* s = spec_.style(name)) return *s;
    ctx_.diags.error(where, "unknown style '" + name + "'");
    return *spec_.style("body");
  }

  const text::Font* font_of(const StyleSpec& st, bool bold) {
    auto it = spec_.fonts.find(st.family);
    if (it == spec_.fonts.end()) return nullptr;
    const auto& fam = it->second;
    const bool b = bold || st.bold;
    const std::string& file = b && st.italic ? fam.bold_italic : b ? fam.bold : st.italic ? fam.italic : fam.regular;
    auto font = ctx_.fonts.get(ctx_.resources / file, ctx_.diags);
    return font.get();  // the library keeps it alive for the process
  }

  double printed_size(const StyleSpec& st) const {
    auto it = spec_.fonts.find(st.family);
    return st.size * (it == spec_.fonts.end() ? 1.0 : it->second.scale);
  }

  void space(double pts) {
    if (pts <= 0) return;
    Box b;
    b.height = pts;
    b.discardable = true;
    b.keep_with_next = true;  // space belongs to what follows it
    out().push_back(std::move(b));
  }

  bool condition_holds(const BlockSpec& b, const Scope& scope) {
    if (b.when.empty()) return true;
    // "!path" holds when the path does not.
    if (b.when.text.front() == '!') return !truthy({b.when.text.substr(1), b.when.where}, scope);
    return truthy(b.when, scope);
  }

  // A path holds when it names true, a non-empty array or string, or any other value.
  bool truthy(const Template& path, const Scope& scope) {
    int index = 0;
    const Node* n = resolve_path(path.text, scope, &index);
    if (!n) return false;
    if (n->kind == Node::Kind::Bool) return n->b;
    if (n->is_array()) return !n->array.empty();
    if (n->is_string()) return !n->s.empty();
    return true;
  }

  // Calls `fn` once per element of the block's `each`, or once in `scope` without one.
  template <typename Fn>
  void for_each_scope(const BlockSpec& b, const Scope& scope, Fn fn) {
    if (b.each.empty()) return fn(scope);
    int index = 0;
    const Node* list = resolve_path(b.each.text, scope, &index);
    if (!list) return;  // an absent optional list prints nothing
    if (!list->is_array()) {
      ctx_.diags.error(b.each.where, "'each = \"" + b.each.text + "\"' must name an array, found " +
                                         Node::kind_name(list->kind));
      return;
    }
    for (size_t i = 0; i < list->array.size(); ++i) {
      Scope child{list->array[i].get(), static_cast<int>(i + 1), &scope};
      if (condition_holds(b, child)) fn(child);
    }
  }

  void block(const BlockSpec& b, const Scope& scope) {
    // With `each`, `when` filters the elements (see for_each_scope).
    if (b.each.empty() && !condition_holds(b, scope)) return;
    if (b.type == "section") {
      for_each_scope(b, scope, [&](const Scope& s) {
        for (const auto& child : b.blocks) block(child, s);
      });
    } else if (b.type == "text") {
      for_each_scope(b, scope, [&](const Scope& s) { text_block(b, s); });
    } else if (b.type == "spacer") {
      Box box;
      box.height = b.height;
      box.discardable = true;
      out().push_back(std::move(box));
    } else if (b.type == "page-break") {
      Box box;
      box.page_break = true;
      out().push_back(std::move(box));
    } else if (b.type == "rule") {
      rule_block(b);
    } else if (b.type == "image") {
      image_block(b, scope);
    } else if (b.type == "signature") {
      signature_block(b, scope);
    } else if (b.type == "table") {
      table_block(b, scope);
    } else if (b.type == "photos") {
      photos_block(b, scope);
    } else if (b.type == "toc") {
      toc_block(b);
    } else if (b.type == "page-numbering") {
      Box box;
      box.numbering = true;
      box.number_format = b.format;
      box.number_start = b.start;
      out().push_back(std::move(box));
    }
  }

  std::vector<text::StyledText> spans_of(const Template& t, const Scope& scope, const StyleSpec& st) {
    std::vector<text::StyledText> spans;
    for (const auto& seg : expand(t, scope, ctx_.diags))
      spans.push_back({digits(seg.text), font_of(st, seg.bold), printed_size(st)});
    return spans;
  }

  // `spans` set as one line however long (labels, page numbers); empty when there is no text.
  text::Line unbroken_line(std::vector<text::StyledText> spans, const SourceLocation& where) {
    text::ParagraphSpec p;
    p.where = where;
    p.width = 1e6;
    p.spans = std::move(spans);
    auto lines = ctx_.setter.set(p, ctx_.diags);
    return lines.empty() ? text::Line{} : std::move(lines.front());
  }

  // The glyph runs of `line`, its left edge at x and its baseline at y.
  static void append_runs(const text::Line& line, double x, double y, std::vector<Item>& out) {
    for (const auto& w : line.words)
      if (!w.glyphs.empty()) out.push_back(GlyphRunItem{w.font, w.size, x, y, w.glyphs, w.text});
  }

  // Appends the line boxes of one paragraph. `x` is the left edge of its text column.
  // `label` items are placed relative to the first line's baseline.
  void paragraph_boxes(std::vector<text::Line> lines, const StyleSpec& st, double x,
                       std::vector<Item> label, bool keep_last, const std::string& outline,
                       int outline_level) {
    const double advance = st.size * st.line_height;
    const size_t first = out().size();
    for (size_t i = 0; i < lines.size(); ++i) {
      const auto& line = lines[i];
      Box box;
      box.height = advance;
      const double total = line.ascent + line.descent;
      const double baseline = total > 0 ? advance * line.ascent / total : advance * 0.75;
      if (i == 0)
        for (const auto& item : label) box.items.push_back(shifted(item, baseline));
      for (const auto& w : line.words) {
        if (w.glyphs.empty()) continue;
        GlyphRunItem run;
        run.font = w.font;
        run.size = w.size;
        run.x = x;
        run.y = baseline;
        run.glyphs = w.glyphs;
        run.actual_text = w.text;
        box.items.push_back(std::move(run));
      }
      out().push_back(std::move(box));
    }
    if (out().size() == first) return;
    // No single line of a paragraph alone at a page's foot or head.
    const size_t count = out().size() - first;
    if (count >= 2) {
      out()[first].keep_with_next = true;
      out()[out().size() - 2].keep_with_next = true;
    }
    out().back().keep_with_next = keep_last;
    if (!outline.empty()) {
      out()[first].outline_title = outline;
      out()[first].outline_level = outline_level;
    }
  }

  void text_block(const BlockSpec& b, const Scope& scope) {
    const StyleSpec& st = style_of(b.style, b.where);
    space(b.space_before >= 0 ? b.space_before : st.space_before);
    double left = frame_.left + st.left;
    double width = frame_.width - st.left - st.right;
    text::ParagraphSpec para;
    para.where = b.text.where;
    para.align = st.align;
    para.keep_whole = keep_whole_;
    para.spans = spans_of(b.text, scope, st);
    std::vector<Item> label_runs;
    if (!b.check.empty()) {
      // A check box in the label's place, ticked when the `check` path holds.
      const double size = printed_size(st) * 0.62;
      const double label_x = left + st.first_indent;
      label_runs.push_back(RectItem{label_x, -size, size, size, -1, 0.6});
      if (truthy(b.check, scope)) {
        label_runs.push_back(RuleItem{label_x + size * 0.18, -size * 0.5, label_x + size * 0.42, -size * 0.18, 0.9});
        label_runs.push_back(RuleItem{label_x + size * 0.42, -size * 0.18, label_x + size * 0.85, -size * 0.9, 0.9});
      }
      const double text_x = label_x + std::max(st.label_width, size * 1.6);
      para.first_indent = 0;
      width -= text_x - left;
      left = text_x;
    } else if (!b.label.empty()) {
      // A labelled paragraph hangs: the label at the first-line indent, every text line after it.
      const double label_x = left + st.first_indent;
      const text::Line label = unbroken_line(spans_of(b.label, scope, st), b.label.where);
      const double label_w = label.width;
      append_runs(label, label_x, 0, label_runs);
      const double text_x = label_x + st.label_width;
      const double min_gap = printed_size(st) * 0.25;
      para.first_indent = std::max(0.0, label_x + label_w + min_gap - text_x);
      width -= text_x - left;
      left = text_x;
    } else {
      para.first_indent = st.first_indent;
    }
    para.width = width;
    std::string outline;
    if (!b.outline.empty())
      for (const auto& s : para.spans) outline += s.text;
    paragraph_boxes(ctx_.setter.set(para, ctx_.diags), st, left, std::move(label_runs),
                    b.keep_with_next || st.keep_with_next, outline, b.outline.empty() ? 0 : std::atoi(b.outline.c_str()));
    space(b.space_after >= 0 ? b.space_after : st.space_after);
  }

  // Left edge of something `w` wide placed in the current frame by `align`.
  double aligned_x(double w, const std::string& align) const {
    if (align == "left") return frame_.left;
    if (align == "right") return frame_.left + frame_.width - w;
    return frame_.left + (frame_.width - w) / 2;
  }

  void rule_block(const BlockSpec& b) {
    const double w = b.width > 0 ? b.width : frame_.width;
    const double x = aligned_x(w, b.align);
    const double h = b.height > 0 ? b.height : 8;
    space(b.space_before);
    Box box;
    box.height = h;
    box.items.push_back(RuleItem{x, h / 2, x + w, h / 2, 0.6});
    out().push_back(std::move(box));
    space(b.space_after);
  }

  // The image a `src` template names, loaded once per document; nullptr after an error.
  // `where_out` receives the place that named it (the data value when the template is one path).
  std::shared_ptr<const data::Image> image_of(const Template& src, const Scope& scope,
                                              SourceLocation* where_out = nullptr) {
    const std::string rel = expand_plain(src, scope, ctx_.diags);
    if (rel.empty()) return nullptr;
    int index = 0;
    const Node* src_node = nullptr;
    // Point messages at the data value when the template is a single path.
    if (src.text.size() > 2 && src.text.front() == '{' && src.text.back() == '}')
      src_node = resolve_path(src.text.substr(1, src.text.size() - 2), scope, &index);
    const SourceLocation where = src_node ? src_node->where : src.where;
    if (where_out) *where_out = where;
    const auto path = data::resolve_data_path(ctx_.dataset, rel, where, ctx_.diags);
    if (path.empty()) return nullptr;
    if (auto it = images_.find(path); it != images_.end()) return it->second;
    auto image = data::load_image(path, where, ctx_.diags, rel);
    images_[path] = image;
    return image;
  }

  void image_block(const BlockSpec& b, const Scope& scope) {
    auto image = image_of(b.src, scope);
    if (!image) return;
    double h = b.height > 0 ? b.height : 3 * kPointsPerCm;
    double w = h * image->display_width() / std::max(1, image->display_height());
    if (b.width > 0 && w > b.width) {
      h *= b.width / w;
      w = b.width;
    }
    if (w > frame_.width) {
      h *= frame_.width / w;
      w = frame_.width;
    }
    const double x = aligned_x(w, b.align);
    space(b.space_before);
    Box box;
    box.height = h;
    box.keep_with_next = b.keep_with_next;
    box.items.push_back(ImageItem{image, x, 0, w, h});
    out().push_back(std::move(box));
    space(b.space_after);
  }

  void signature_block(const BlockSpec& b, const Scope& scope) {
    const StyleSpec& st = style_of(b.style, b.where);
    if (b.room > 0) {
      Box room;
      room.height = b.room;
      room.keep_with_next = true;
      out().push_back(std::move(room));
    }
    const double centre = frame_.left + frame_.width * b.center;
    const double half = std::min(centre - frame_.left, frame_.left + frame_.width - centre);
    for (size_t i = 0; i < b.lines.size(); ++i) {
      text::ParagraphSpec para;
      para.where = b.lines[i].where;
      para.align = text::Align::Center;
      para.width = 2 * half;
      para.keep_whole = keep_whole_;
      para.spans = spans_of(b.lines[i], scope, st);
      paragraph_boxes(ctx_.setter.set(para, ctx_.diags), st, centre - half, {}, i + 1 < b.lines.size(), "", 0);
    }
  }


  // Lays `blocks` out in a cell's column and returns them as lines.
  std::vector<CellLine> cell_lines(const std::vector<BlockSpec>& blocks, const Scope& scope, double left,
                                   double width) {
    std::vector<Box> boxes;
    const Frame saved = frame_;
    frame_ = {left, width, &boxes};
    for (const auto& b : blocks) block(b, scope);
    frame_ = saved;
    std::vector<CellLine> lines;
    for (auto& box : boxes) {
      if (box.discardable && lines.empty()) continue;
      lines.push_back({box.height, std::move(box.items)});
    }
    while (!lines.empty() && lines.back().items.empty()) lines.pop_back();
    return lines;
  }

  std::vector<CellLine> text_cell(const Template& t, const std::string& style, const Scope& scope, double left,
                                  double width) {
    BlockSpec b;
    b.type = "text";
    b.style = style;
    b.text = t;
    return cell_lines({b}, scope, left, width);
  }

  void table_block(const BlockSpec& b, const Scope& scope) {
    // Column edges: fixed widths first, proportional ones share the rest.
    double fixed = 0, shares = 0;
    for (const auto& c : b.columns) {
      fixed += c.width;
      if (c.width <= 0) shares += c.share;
    }
    const double left_over = std::max(0.0, frame_.width - fixed);
    std::vector<double> xs, ws;
    double x = frame_.left;
    for (const auto& c : b.columns) {
      const double w = c.width > 0 ? c.width : (shares > 0 ? left_over * c.share / shares : 0);
      xs.push_back(x);
      ws.push_back(w);
      x += w;
    }
    if (x > frame_.left + frame_.width + 0.5)
      ctx_.diags.error(b.where, "the table's columns are wider than the text column");
    const double pad = b.padding;
    auto new_row = [&] {
      TableRow row;
      row.padding = pad;
      return row;
    };

    auto header = std::make_shared<Box>();
    bool has_header = false;
    {
      TableRow row = new_row();
      for (size_t i = 0; i < b.columns.size(); ++i) {
        TableCell cell{xs[i], ws[i], {}, b.header_fill < 1 ? b.header_fill : -1, false, false};
        if (!b.columns[i].header.empty()) {
          cell.lines = text_cell(b.columns[i].header, b.header_style, scope, xs[i] + pad, ws[i] - 2 * pad);
          has_header = true;
        }
        row.cells.push_back(std::move(cell));
      }
      if (has_header) {
        *header = row.to_box();
        header->keep_with_next = true;
        out().push_back(*header);
      }
    }
    std::shared_ptr<const Box> repeat = has_header ? header : nullptr;

    std::string last_group;
    std::vector<std::string> last_merge(b.columns.size());
    std::optional<size_t> previous;  // index of the last data row, for merges
    std::vector<TableRow> rows;
    std::vector<bool> is_group;
    for_each_scope(b, scope, [&](const Scope& s) {
      if (!b.group.empty()) {
        const std::string g = expand_plain(b.group, s, ctx_.diags);
        if (g != last_group && !g.empty()) {
          TableRow row = new_row();
          row.cells.push_back({frame_.left, x - frame_.left,
                               text_cell({g, b.group.where}, b.group_style, Scope{}, frame_.left + pad,
                                         x - frame_.left - 2 * pad),
                               -1, false, false});
          rows.push_back(std::move(row));
          is_group.push_back(true);
          std::fill(last_merge.begin(), last_merge.end(), std::string());
          previous.reset();
        }
        last_group = g;
      }
      TableRow row = new_row();
      for (size_t i = 0; i < b.columns.size(); ++i) {
        const auto& col = b.columns[i];
        TableCell cell{xs[i], ws[i], {}, -1, false, false};
        bool merged = false;
        if (col.merge && !col.text.empty()) {
          const std::string key = expand_plain(col.text, s, ctx_.diags);
          merged = previous && key == last_merge[i] && !key.empty();
          last_merge[i] = key;
        }
        if (merged) {
          cell.open_top = true;
          rows[*previous].cells[i].open_bottom = true;
        } else if (!col.blocks.empty()) {
          cell.lines = cell_lines(col.blocks, s, xs[i] + pad, ws[i] - 2 * pad);
        } else {
          cell.lines = text_cell(col.text, col.style, s, xs[i] + pad, ws[i] - 2 * pad);
        }
        row.cells.push_back(std::move(cell));
      }
      rows.push_back(std::move(row));
      is_group.push_back(false);
      previous = rows.size() - 1;
    });
    for (size_t i = 0; i < rows.size(); ++i) {
      Box box = rows[i].to_box();
      box.row = std::make_shared<TableRow>(rows[i]);
      box.repeat_header = repeat;
      box.keep_with_next = is_group[i];  // a group row stays with its first item
      out().push_back(std::move(box));
    }
  }

  // A grid of photos, `per_row` across, each scaled whole into its cell with its caption
  // under it. Rows are kept whole; a short last row is centred.
  void photos_block(const BlockSpec& b, const Scope& scope) {
    std::vector<Scope> items;
    for_each_scope(b, scope, [&](const Scope& s) { items.push_back(s); });
    if (items.empty()) return;
    // A photo and its caption always fit on one page.
    const double body_h = spec_.page_height - spec_.margin_top - spec_.margin_bottom;
    const double max_h = std::min(b.height > 0 ? b.height : 6 * kPointsPerCm, body_h * 0.75);
    const double caption_gap = 3;
    space(b.space_before >= 0 ? b.space_before : 0);
    for (size_t first = 0; first < items.size(); first += b.per_row) {
      const int count = static_cast<int>(std::min<size_t>(b.per_row, items.size() - first));
      double cell_w = 0;
      const auto xs = cell_lefts(count, b.per_row, frame_.left, frame_.width, b.gap, cell_w);
      struct Cell {
        std::shared_ptr<const data::Image> image;
        Size size;
        std::vector<CellLine> caption;
      };
      std::vector<Cell> cells;
      double images_h = 0, captions_h = 0;
      for (int i = 0; i < count; ++i) {
        const Scope& s = items[first + i];
        Cell cell;
        SourceLocation named_at;
        cell.image = image_of(b.src, s, &named_at);
        if (cell.image) {
          cell.size = fit_within(cell.image->display_width(), cell.image->display_height(), cell_w, max_h);
          const double ppi = cell.image->display_width() / (cell.size.w / 72.0);
          if (ppi < 100)
            ctx_.diags.warning(named_at, "photo '" + cell.image->path + "' prints at " +
                                                std::to_string(static_cast<int>(ppi)) +
                                                " pixels per inch and will look blurred; use a larger image");
        }
        if (!b.caption.empty()) cell.caption = text_cell(b.caption, b.caption_style, s, xs[i], cell_w);
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
          row.items.push_back(ImageItem{c.image, xs[i] + (cell_w - c.size.w) / 2, (images_h - c.size.h) / 2,
                                        c.size.w, c.size.h});
        double y = images_h + caption_gap;
        for (const auto& line : c.caption) {
          for (const auto& item : line.items) row.items.push_back(shifted(item, y));
          y += line.height;
        }
      }
      if (first > 0) space(b.gap);
      out().push_back(std::move(row));
    }
    space(b.space_after >= 0 ? b.space_after : b.gap);
  }

  // Width of a leading section number ("๑.", "๒.๑", "3.") and the space after it, or 0.
  double number_prefix_width(const std::string& title, const StyleSpec& st, const SourceLocation& where) {
    const auto space = title.find(' ');
    if (space == std::string::npos || space == 0) return 0;
    const std::u32string prefix = to_u32(title.substr(0, space));
    for (char32_t c : prefix)
      if (!(c == U'.' || (c >= U'0' && c <= U'9') || (c >= 0x0E50 && c <= 0x0E59))) return 0;
    const double size = printed_size(st);
    return unbroken_line({{title.substr(0, space), font_of(st, false), size}}, where).width + size * 0.3;
  }

  // The table of contents: the previous pass's outline entries, each with dot leaders to the
  // label of the page its heading landed on. The first pass leaves it empty.
  void toc_block(const BlockSpec& b) {
    has_toc_ = true;
    if (!toc_) return;
    const StyleSpec& st = style_of(b.style, b.where);
    const double size = printed_size(st);
    for (const auto& e : *toc_) {
      if (e.level > b.levels) continue;
      double left = frame_.left + st.left + (e.level - 1) * b.indent;
      const double right = frame_.left + frame_.width - st.right;
      text::ParagraphSpec para;
      para.where = b.where;
      para.align = st.align == text::Align::Right || st.align == text::Align::Center ? text::Align::Left : st.align;
      para.keep_whole = keep_whole_;
      // A numbered title ("๒.๑ …") hangs: its further lines start under the text, not the number.
      const double hang = number_prefix_width(e.title, st, b.where);
      left += hang;
      para.first_indent = -hang;
      para.width = right - b.number_width - left;
      para.spans = {{e.title, font_of(st, false), size}};
      auto lines = ctx_.setter.set(para, ctx_.diags);
      if (lines.empty()) continue;
      const double text_end = left + lines.back().width;
      space(st.space_before);
      paragraph_boxes(std::move(lines), st, left, {}, false, "", 0);
      Box& last = out().back();
      double baseline = 0;
      for (const auto& item : last.items)
        if (const auto* run = std::get_if<GlyphRunItem>(&item)) baseline = run->y;
      // The page label, right-aligned in the number column.
      const text::Line number = unbroken_line({{digits(e.label), font_of(st, false), size}}, b.where);
      const double label_x = right - number.width;
      append_runs(number, label_x, baseline, last.items);
      // Leader dots, drawn (not text) so the entry copies out as "title  page".
      const double pitch = size * 0.3, dot = std::max(0.6, size * 0.06);
      const double from = std::ceil((text_end + size * 0.4) / pitch) * pitch;
      for (double x = from; x + dot <= label_x - size * 0.4; x += pitch)
        last.items.push_back(RectItem{x, baseline - dot, dot, dot, 0, 0});
      space(st.space_after);
    }
  }

  void number_pages(Document& doc) {
    doc.page_labels = page_labels(doc.pages.size(), numbering_);
    const auto& pn = spec_.page_number;
    if (!pn.enabled) return;
    const StyleSpec& st = style_of(pn.style, pn.text.where);
    for (size_t i = 0; i < doc.pages.size(); ++i) {
      if (static_cast<int>(i + 1) < pn.from || doc.page_labels[i].empty()) continue;
      Template t = pn.text;
      for (size_t at = t.text.find("{page}"); at != std::string::npos; at = t.text.find("{page}"))
        t.text.replace(at, 6, doc.page_labels[i]);
      text::ParagraphSpec para;
      para.where = t.where;
      para.align = text::Align::Center;
      para.width = page_width_;
      para.spans = spans_of(t, Scope{}, st);
      // One run with the line's text: poppler does not see the narrow gaps of "- 2 -" as
      // spaces, and the number is read as one unit anyway.
      for (const auto& line : ctx_.setter.set(para, ctx_.diags)) {
        GlyphRunItem run{nullptr, 0, page_left_, spec_.page_height - pn.top, {}, line.text};
        for (const auto& w : line.words) {
          run.font = run.font ? run.font : w.font;
          run.size = w.size;
          if (w.font == run.font) run.glyphs.insert(run.glyphs.end(), w.glyphs.begin(), w.glyphs.end());
        }
        if (run.font) doc.pages[i].items.push_back(std::move(run));
      }
    }
  }
};

}  // namespace

Document render_document(const LayoutSpec& spec, const Node& view, LayoutContext& ctx) {
  // A table of contents prints the pages its headings land on, and its own length can move
  // them: lay out again with the entries found until they stop changing.
  ImageCache images;
  std::vector<TocEntry> entries;
  const size_t errors_before = ctx.diags.error_count();
  constexpr int kMaxPasses = 5;
  for (int pass = 0; pass < kMaxPasses; ++pass) {
    Engine engine(spec, ctx, images, pass == 0 ? nullptr : &entries);
    Document doc = engine.run(view);
    if (!engine.has_toc() || ctx.diags.error_count() > errors_before) return doc;
    auto found = toc_entries(doc);
    if (pass > 0 && found == entries) return doc;
    entries = std::move(found);
  }
  ctx.diags.error({spec.path, 0, 0}, "the table of contents did not settle after " +
                                         std::to_string(kMaxPasses) + " layout passes");
  return {};
}

}  // namespace oitgen::layout
