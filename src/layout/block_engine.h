#pragma once
// The engine as block kinds see it: the frame they lay out in, the boxes they append to, and
// the helpers every kind shares (styles, fonts, paragraphs, images, conditions, `each`).
// Nothing here knows a particular block kind; those live in layout/blocks/.
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "layout/box.h"
#include "layout/engine.h"
#include "layout/run_sources.h"
#include "layout/template.h"
#include "layout/toc.h"

namespace oitgen::layout {

class StructScope;

// What one render_document call loads once for all of its layout passes: the images its data
// names and the documents it includes.
struct RenderCache {
  std::map<std::filesystem::path, std::shared_ptr<const data::Image>> images;
  std::map<std::string, std::shared_ptr<const Document>> includes;
  // Paragraphs already set, by everything that shapes them: a contents pass sets the same text
  // again and takes these.
  std::unordered_map<std::string, std::vector<text::Line>> paragraphs;
  // The people's names kept whole, made in the first pass (or by the including document) and
  // shared by every pass and included document: with 100,000 people making it is what a pass
  // would otherwise spend its time on.
  std::shared_ptr<const text::KeptPhrases> kept_names;
  bool pdfua = false;  // RenderOptions::pdfua
};

class Engine {
 public:
  // `toc` holds the contents entries found by the previous pass (nullptr in the first).
  Engine(const LayoutSpec& spec, LayoutContext& ctx, RenderCache& cache, const std::vector<TocEntry>* toc,
         int amount_decimals);

  // Lays out `blocks` (the layout's, or one part of them) and paginates.
  Document run(const data::Node& view, const std::vector<const BlockSpec*>& blocks, bool page_numbers);
  bool has_toc() const { return has_toc_; }
  // Whether the pass printed amounts with and without satang under "auto".
  bool mixed_amounts() const { return amounts_.decimals < 0 && amounts_.saw_satang && amounts_.saw_whole; }

  // ---- for block kinds
  const LayoutSpec& spec() const { return spec_; }
  LayoutContext& ctx() { return ctx_; }
  RenderCache& cache() { return cache_; }
  // The previous pass's contents entries (nullptr in the first pass); asking marks the
  // document as one with a contents page, so it is laid out again.
  const std::vector<TocEntry>* toc_entries_for_contents() {
    has_toc_ = true;
    return toc_;
  }

  // Where blocks are laid out: the page's text column, or a table cell.
  struct Frame {
    double left = 0, width = 0;
    std::vector<Box>* out = nullptr;
  };
  const Frame& frame() const { return frame_; }
  std::vector<Box>& out() { return *frame_.out; }
  // The boxes of the page column (out() is these unless a table cell is being laid out).
  const std::vector<Box>* page_boxes() const { return &boxes_; }
  double body_height() const { return spec_.page_height - spec_.margin_top - spec_.margin_bottom; }

  // Lays out one block of any kind, honouring `when` (and `each` for kinds that repeat).
  void block(const BlockSpec& b, const Scope& scope);
  // Lays out `blocks` in a column `left`…`left + width` and returns them as lines.
  std::vector<CellLine> cell_lines(const std::vector<BlockSpec>& blocks, const Scope& scope, double left,
                                   double width);
  // One text paragraph in `style` as cell lines.
  std::vector<CellLine> text_cell(const Template& t, const std::string& style, const Scope& scope, double left,
                                  double width);

  std::string digits(const std::string& s) const;
  // The template as text the PDF writes as a string of its own (title, bookmark), in the
  // layout's digits, cut to fit one PDF string with a warning at the data value (pdf_strings.h).
  std::string pdf_string(const Template& t, const Scope& scope, const std::string& what);
  const StyleSpec& style_of(const std::string& name, const SourceLocation& where);
  const text::Font* font_of(const StyleSpec& st, bool bold);
  double printed_size(const StyleSpec& st) const;
  const std::shared_ptr<const text::KeptPhrases>& keep_whole() const { return keep_whole_; }

  // Vertical space that belongs to what follows it (dropped at a page top).
  void space(double pts);
  bool condition_holds(const BlockSpec& b, const Scope& scope);
  // A path holds when it names true, a non-empty array or string, or any other value.
  bool truthy(const Template& path, const Scope& scope);
  // Calls `fn` once per element of the block's `each` that passes `when`, or once in `scope`.
  template <typename Fn>
  void for_each_scope(const BlockSpec& b, const Scope& scope, Fn fn) {
    if (b.each.empty()) return fn(scope);
    const data::Node* list = each_list(b, scope);
    if (!list) return;
    for (size_t i = 0; i < list->array.size(); ++i) {
      Scope child{list->array[i].get(), static_cast<int>(i + 1), &scope};
      if (condition_holds(b, child)) fn(child);
    }
  }

  // The template as styled spans; `sources` receives the data values in it (see TextSource).
  // Lines of a paragraph, set once per document whatever the number of layout passes.
  std::vector<text::Line> set_paragraph(const text::ParagraphSpec& para);
  std::vector<text::StyledText> spans_of(const Template& t, const Scope& scope, const StyleSpec& st,
                                         std::vector<text::TextSource>* sources = nullptr);
  // `spans` set as one line however long (labels, page numbers); empty when there is no text.
  text::Line unbroken_line(std::vector<text::StyledText> spans, const SourceLocation& where);
  // The glyph runs of `line`, its left edge at x and its baseline at y.
  static void append_runs(const text::Line& line, double x, double y, std::vector<Item>& out);
  // The same, each run with the data value it prints (`sources` follows the paragraph's text
  // from line to line: give it the lines in order).
  void append_runs(const text::Line& line, double x, double y, std::vector<Item>& out, RunSources& sources);
  // Appends the line boxes of one paragraph at `x`; `label` items sit on the first baseline.
  // `set_from`, the paragraph the lines were set from, tells the runs their data values.
  void paragraph_boxes(std::vector<text::Line> lines, const StyleSpec& st, double x, std::vector<Item> label,
                       bool keep_last, const std::string& outline, int outline_level,
                       const text::ParagraphSpec* set_from = nullptr);
  // The index in the document's `sources` of a data value's place (the same place, the same
  // index); -1 for a place that is no data value's.
  int32_t source_id(const SourceLocation& where);
  // ---- the structure tree (see StructScope)
  // The node what is laid out now belongs to (the root Document while no block opened one).
  int32_t current_node() const { return current_; }
  StructNode& node(int32_t id) { return structure_[static_cast<size_t>(id)]; }
  // A node under `parent`, not made current (a label, a table's group of rows).
  int32_t add_node(Role role, int32_t parent);
  // The L a labelled paragraph with its label at `indent` goes into: the list the current
  // node's content ended with at that indent, a new list inside its last item when the label
  // is further right, else a new list.
  int32_t list_for(double indent);
  // Gives `node` to the untagged items of the frame's boxes from `from` on, or of `lines`.
  void tag_boxes(size_t from, int32_t node);
  static void tag_lines(std::vector<CellLine>& lines, int32_t node);
  // The first of `alts` that expands to some text (in the layout's digits), or "".
  // As a PDF string of its own (pdf_string): `what` names it in the warning when cut.
  std::string first_text(const std::vector<Template>& alts, const Scope& scope, const std::string& what);
  // An image with no alternative text: a warning at the value that names it, an error when
  // PDF/UA is asked for. `what`: "photo 'a.jpg'".
  void no_alt_text(const SourceLocation& where, const std::string& what);
  // Whether an error should stop a build that needs PDF/UA (RenderOptions::pdfua).
  bool pdfua() const { return cache_.pdfua; }

  // Left edge of something `w` wide placed in the current frame by `align`.
  double aligned_x(double w, const std::string& align) const;
  // The image a `src` template names, loaded once per document; nullptr after an error.
  // `where_out` receives the place that named it (the data value when the template is one path),
  // `source_out` the value's source_id (-1 when the template is not one path).
  std::shared_ptr<const data::Image> image_of(const Template& src, const Scope& scope,
                                              SourceLocation* where_out = nullptr, int32_t* source_out = nullptr);

 private:
  const data::Node* each_list(const BlockSpec& b, const Scope& scope);
  void number_pages(Document& doc);

  const LayoutSpec& spec_;
  LayoutContext& ctx_;
  RenderCache& cache_;
  const std::vector<TocEntry>* toc_;
  bool has_toc_ = false;
  std::vector<NumberingStart> numbering_;
  double page_left_ = 0, page_width_ = 0;
  Frame frame_;
  std::vector<Box> boxes_;
  std::shared_ptr<const text::KeptPhrases> keep_whole_;
  AmountFormat amounts_;
  // The document's sources as source_id() hands them out, and their indices by place.
  std::vector<SourceLocation> sources_;
  std::unordered_map<std::string, int32_t> source_ids_;
  std::vector<StructNode> structure_;
  int32_t current_ = -1;
  friend class StructScope;
};

// Opens a structure node for what is laid out while it lives: a child of the current node (or
// of `parent`), current until the scope ends. At its end the untagged items the block appended
// to the frame's boxes are given to it; content that goes elsewhere (a table cell's lines) is
// tagged with Engine::tag_lines.
class StructScope {
 public:
  static constexpr int32_t kCurrent = -2;
  StructScope(Engine& e, Role role, int32_t parent = kCurrent);
  ~StructScope();
  StructScope(const StructScope&) = delete;
  StructScope& operator=(const StructScope&) = delete;
  int32_t id() const { return id_; }
  StructNode& node() { return e_.node(id_); }

 private:
  Engine& e_;
  int32_t saved_;
  size_t from_;
  const std::vector<Box>* frame_out_;
  int32_t id_ = -1;
};

}  // namespace oitgen::layout
