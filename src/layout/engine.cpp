#include "layout/engine.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "layout/block_engine.h"
#include "layout/blocks/block_kind.h"
#include "layout/blocks/text.h"
#include "layout/paginate.h"
#include "layout/pdf_strings.h"
#include "model/thai_format.h"
#include "util/utf.h"

namespace oitgen::layout {

using data::Node;

Engine::Engine(const LayoutSpec& spec, LayoutContext& ctx, RenderCache& cache, const std::vector<TocEntry>* toc,
               int amount_decimals)
    : spec_(spec), ctx_(ctx), cache_(cache), toc_(toc) {
  amounts_.decimals = amount_decimals;
  page_left_ = spec.margin_left;
  page_width_ = spec.page_width - spec.margin_left - spec.margin_right;
  frame_ = {page_left_, page_width_, &boxes_};
}

Document Engine::run(const Node& view, const std::vector<const BlockSpec*>& blocks, bool page_numbers) {
  Scope root{&view, 0, nullptr, &amounts_};
  if (!cache_.kept_names) {
    std::vector<std::string> names;
    if (const Node* people = view.get("people"))
      for (const auto& p : people->array)
        if (const Node* full = p->get("full_name")) names.push_back(full->s);  // either digits match
    cache_.kept_names = std::make_shared<const text::KeptPhrases>(std::move(names));
  }
  keep_whole_ = cache_.kept_names;
  Document doc;
  doc.title = pdf_string(spec_.title, root, "the document title");
  if (!spec_.author.empty()) doc.author = pdf_string(spec_.author, root, "the document author");
  if (!spec_.subject.empty()) doc.subject = pdf_string(spec_.subject, root, "the document subject");
  if (const auto& [path, where] = spec_.date_path; !path.empty()) {
    const Node* date = resolve_path(path, root, nullptr);
    if (date && date->kind == Node::Kind::Date)
      doc.date = date->date;
    else if (date)
      ctx_.diags.error(where, "'document.date' names '" + path + "', which is not a date");
  }
  {
    StructScope document(*this, Role::Document);
    for (const BlockSpec* b : blocks) block(*b, root);
  }
  // Before paginating: an included document's sources and structure are appended after these.
  doc.sources = std::move(sources_);
  doc.structure = std::move(structure_);
  numbering_ = paginate(boxes_, spec_, doc);
  doc.page_labels = page_labels(doc.pages.size(), numbering_);
  for (auto& label : doc.page_labels) label = digits(label);
  if (page_numbers) number_pages(doc);
  return doc;
}

std::string Engine::digits(const std::string& s) const { return spec_.thai_digits ? model::to_thai_digits(s) : s; }

std::string Engine::pdf_string(const Template& t, const Scope& scope, const std::string& what) {
  std::vector<text::TextSource> sources;
  std::string text;
  for (const auto& seg : expand(t, scope, ctx_.diags, &sources)) text += seg.text;
  return fit_pdf_string(digits(text), what, sources, t.where, ctx_.diags);
}

const StyleSpec& Engine::style_of(const std::string& name, const SourceLocation& where) {
  if (const StyleSpec* s = spec_.style(name)) return *s;
  ctx_.diags.error(where, "unknown style '" + name + "'");
  return *spec_.style("body");
}

const text::Font* Engine::font_of(const StyleSpec& st, bool bold) {
  auto it = spec_.fonts.find(st.family);
  if (it == spec_.fonts.end()) return nullptr;
  const auto& fam = it->second;
  const bool b = bold || st.bold;
  const std::string& file = b && st.italic ? fam.bold_italic : b ? fam.bold : st.italic ? fam.italic : fam.regular;
  auto font = ctx_.fonts.get(ctx_.resources / file, ctx_.diags);
  return font.get();  // the library keeps it alive for the process
}

double Engine::printed_size(const StyleSpec& st) const {
  auto it = spec_.fonts.find(st.family);
  return st.size * (it == spec_.fonts.end() ? 1.0 : it->second.scale);
}

void Engine::space(double pts) {
  if (pts <= 0) return;
  Box b;
  b.height = pts;
  b.discardable = true;
  b.keep_with_next = true;  // space belongs to what follows it
  out().push_back(std::move(b));
}

bool Engine::condition_holds(const BlockSpec& b, const Scope& scope) {
  if (b.when.empty()) return true;
  // "a|b" holds when either does; "!path" when the path does not.
  const std::string& w = b.when.text;
  for (size_t start = 0; start <= w.size();) {
    const size_t bar = std::min(w.find('|', start), w.size());
    const std::string one = w.substr(start, bar - start);
    const bool holds = !one.empty() && one.front() == '!' ? !truthy({one.substr(1), b.when.where}, scope)
                                                          : truthy({one, b.when.where}, scope);
    if (holds) return true;
    start = bar + 1;
  }
  return false;
}

bool Engine::truthy(const Template& path, const Scope& scope) {
  int index = 0;
  const Node* n = resolve_path(path.text, scope, &index);
  if (!n) return false;
  if (n->kind == Node::Kind::Bool) return n->b;
  if (n->is_array()) return !n->array.empty();
  if (n->is_string()) return !n->s.empty();
  return true;
}

const Node* Engine::each_list(const BlockSpec& b, const Scope& scope) {
  int index = 0;
  const Node* list = resolve_path(b.each.text, scope, &index);
  if (!list) return nullptr;  // an absent optional list prints nothing
  if (!list->is_array()) {
    ctx_.diags.error(b.each.where, "'each = \"" + b.each.text + "\"' must name an array, found " +
                                       Node::kind_name(list->kind));
    return nullptr;
  }
  return list;
}

void Engine::block(const BlockSpec& b, const Scope& scope) {
  // With `each`, `when` filters the elements (see for_each_scope).
  if (b.each.empty() && !condition_holds(b, scope)) return;
  if (b.kind) b.kind->lay_out(*this, b, scope);
}

std::vector<text::Line> Engine::set_paragraph(const text::ParagraphSpec& para) {
  // The key: everything that shapes the lines (keep_whole is the document's, the same for all).
  std::string key;
  key.reserve(128);
  auto add = [&](const void* p, size_t n) { key.append(static_cast<const char*>(p), n); };
  for (const auto& s : para.spans) {
    add(&s.font, sizeof s.font);
    add(&s.size, sizeof s.size);
    key += s.text;
    key += '\0';
  }
  add(&para.width, sizeof para.width);
  add(&para.first_indent, sizeof para.first_indent);
  add(&para.align, sizeof para.align);
  add(&para.max_stretch, sizeof para.max_stretch);
  key += para.where.file + ":" + std::to_string(para.where.line) + ":" + std::to_string(para.where.column);
  if (auto it = cache_.paragraphs.find(key); it != cache_.paragraphs.end()) return it->second;
  auto lines = ctx_.setter.set(para, ctx_.diags);
  return cache_.paragraphs.emplace(std::move(key), std::move(lines)).first->second;
}

std::vector<text::StyledText> Engine::spans_of(const Template& t, const Scope& scope, const StyleSpec& st,
                                               std::vector<text::TextSource>* sources) {
  std::vector<text::StyledText> spans;
  const size_t first_source = sources ? sources->size() : 0;
  for (const auto& seg : expand(t, scope, ctx_.diags, sources))
    spans.push_back({digits(seg.text), font_of(st, seg.bold), printed_size(st)});
  if (sources)
    for (size_t i = first_source; i < sources->size(); ++i) (*sources)[i].text = digits((*sources)[i].text);
  return spans;
}

text::Line Engine::unbroken_line(std::vector<text::StyledText> spans, const SourceLocation& where) {
  text::ParagraphSpec p;
  p.where = where;
  p.width = 1e6;
  p.spans = std::move(spans);
  auto lines = set_paragraph(p);
  return lines.empty() ? text::Line{} : std::move(lines.front());
}

void Engine::append_runs(const text::Line& line, double x, double y, std::vector<Item>& out) {
  for (const auto& w : line.words)
    if (!w.glyphs.empty()) out.push_back(GlyphRunItem{w.font, w.size, x, y, w.glyphs, w.text});
}

void Engine::append_runs(const text::Line& line, double x, double y, std::vector<Item>& out, RunSources& sources) {
  for (const auto& w : line.words) {
    const int k = sources.next(w.text);  // also for a run without glyphs: the next is found after it
    if (w.glyphs.empty()) continue;
    const int32_t source = sources.id(k, [&](const SourceLocation& where) { return source_id(where); });
    out.push_back(GlyphRunItem{w.font, w.size, x, y, w.glyphs, w.text, source});
  }
}

int32_t Engine::source_id(const SourceLocation& where) {
  if (where.line <= 0) return -1;  // a derived value with no place of its own
  std::string key = where.file;
  key += '\0';
  key += std::to_string(where.line);
  key += ':';
  key += std::to_string(where.column);
  const auto [it, added] = source_ids_.try_emplace(std::move(key), static_cast<int32_t>(sources_.size()));
  if (added) sources_.push_back(where);
  return it->second;
}

void Engine::paragraph_boxes(std::vector<text::Line> lines, const StyleSpec& st, double x, std::vector<Item> label,
                             bool keep_last, const std::string& outline, int outline_level,
                             const text::ParagraphSpec* set_from) {
  const double advance = st.size * st.line_height;
  const size_t first = out().size();
  std::optional<RunSources> sources;
  if (set_from) sources.emplace(set_from->spans, set_from->sources);
  for (size_t i = 0; i < lines.size(); ++i) {
    const auto& line = lines[i];
    Box box;
    box.height = advance;
    const double total = line.ascent + line.descent;
    const double baseline = total > 0 ? advance * line.ascent / total : advance * 0.75;
    if (i == 0)
      for (const auto& item : label) box.items.push_back(shifted(item, baseline));
    if (sources) append_runs(line, x, baseline, box.items, *sources);
    else append_runs(line, x, baseline, box.items);
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

double Engine::aligned_x(double w, const std::string& align) const {
  if (align == "left") return frame_.left;
  if (align == "right") return frame_.left + frame_.width - w;
  return frame_.left + (frame_.width - w) / 2;
}

std::shared_ptr<const data::Image> Engine::image_of(const Template& src, const Scope& scope,
                                                    SourceLocation* where_out, int32_t* source_out) {
  const std::string rel = expand_plain(src, scope, ctx_.diags);
  if (rel.empty()) return nullptr;
  int index = 0;
  const Node* src_node = nullptr;
  // Point messages at the data value when the template is a single path.
  if (src.text.size() > 2 && src.text.front() == '{' && src.text.back() == '}')
    src_node = resolve_path(src.text.substr(1, src.text.size() - 2), scope, &index);
  const SourceLocation where = src_node ? src_node->where : src.where;
  if (where_out) *where_out = where;
  if (source_out) *source_out = src_node ? source_id(src_node->where) : -1;
  const auto path = data::resolve_data_path(ctx_.dataset, rel, where, ctx_.diags);
  if (path.empty()) return nullptr;
  if (auto it = cache_.images.find(path); it != cache_.images.end()) return it->second;
  auto image = ctx_.images ? ctx_.images->get(path, where, ctx_.diags, rel) : data::load_image(path, where, ctx_.diags, rel);
  cache_.images[path] = image;
  return image;
}

std::vector<CellLine> Engine::cell_lines(const std::vector<BlockSpec>& blocks, const Scope& scope, double left,
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

std::vector<CellLine> Engine::text_cell(const Template& t, const std::string& style, const Scope& scope, double left,
                                        double width) {
  return cell_lines({make_text_block(t, style)}, scope, left, width);
}

void Engine::number_pages(Document& doc) {
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
    para.align = pn.align;
    para.width = page_width_;
    para.spans = spans_of(t, Scope{}, st);
    // One run with the line's text: poppler does not see the narrow gaps of "- 2 -" as
    // spaces, and the number is read as one unit anyway.
    for (const auto& line : set_paragraph(para)) {
      GlyphRunItem run{nullptr, 0, page_left_, spec_.page_height - pn.top, {}, line.text};
      run.artifact = pn.top < spec_.page_height / 2 ? Artifact::Header : Artifact::Footer;
      for (const auto& w : line.words) {
        run.font = run.font ? run.font : w.font;
        run.size = w.size;
        if (w.font == run.font) run.glyphs.insert(run.glyphs.end(), w.glyphs.begin(), w.glyphs.end());
      }
      if (run.font) doc.pages[i].items.push_back(std::move(run));
    }
  }
}

Document render_document(const LayoutSpec& spec, const Node& view, LayoutContext& ctx,
                         const RenderOptions& options) {
  std::vector<const BlockSpec*> blocks;
  if (options.part.empty()) {
    for (const auto& b : spec.blocks) blocks.push_back(&b);
  } else if (const BlockSpec* part = spec.named_block(options.part)) {
    blocks.push_back(part);
  } else {
    ctx.diags.error({spec.path, 0, 0}, "the layout has no block named '" + options.part + "'");
    return {};
  }
  // A table of contents prints the pages its headings land on, and its own length can move
  // them: lay out again with the entries found until they stop changing.
  RenderCache cache;
  cache.kept_names = options.kept_names;
  cache.pdfua = options.pdfua;
  std::vector<TocEntry> entries;
  bool have_entries = false;
  int decimals = spec.amount_decimals;
  const size_t errors_before = ctx.diags.error_count();
  constexpr int kMaxPasses = 6;
  for (int pass = 0; pass < kMaxPasses; ++pass) {
    Engine engine(spec, ctx, cache, have_entries ? &entries : nullptr, decimals);
    Document doc = engine.run(view, blocks, options.page_numbers);
    if (ctx.diags.error_count() > errors_before) return doc;
    // One amount with satang: every amount of the document takes two decimals.
    if (engine.mixed_amounts()) {
      decimals = 2;
      continue;
    }
    if (!engine.has_toc()) return doc;
    auto found = toc_entries(doc);
    if (have_entries && found == entries) return doc;
    entries = std::move(found);
    have_entries = true;
  }
  ctx.diags.error({spec.path, 0, 0}, "the table of contents did not settle after " +
                                         std::to_string(kMaxPasses) + " layout passes");
  return {};
}

}  // namespace oitgen::layout
