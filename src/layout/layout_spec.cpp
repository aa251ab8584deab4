#include "layout/layout_spec.h"

#include "data/schema.h"
#include "data/toml_loader.h"

namespace oitgen::layout {
namespace {

using data::Node;

double num(const Node* n, double fallback) { return n && n->is_number() ? n->number() : fallback; }
std::string str(const Node* n, std::string fallback = "") { return n && n->is_string() ? n->s : fallback; }
Template tmpl(const Node* n) { return n && n->is_string() ? Template{n->s, n->where} : Template{}; }

// Blocks nest (a section's blocks, a table column's blocks). The schema is built to a fixed
// depth instead of pointing at itself, which would be a reference cycle that is never freed.
constexpr int kMaxBlockNesting = 8;

data::TypeRef block_schema(int depth = kMaxBlockNesting) {
  using namespace data;
  auto s = string_type();
  auto n = number_type();
  auto t = std::make_shared<Type>();
  t->kind = Type::Kind::Table;
  t->fields = {req("type", s), opt("style", s), opt("text", optional_text_type()), opt("label", s),
               opt("each", s), opt("when", s), opt("src", s), opt("lines", array_of(s)),
               opt("height", n), opt("width", n), opt("room", n), opt("center", n), opt("align", s),
               opt("space_before", n), opt("space_after", n), opt("keep_with_next", bool_type()),
               opt("outline", s), opt("group", s), opt("header_style", s), opt("group_style", s),
               opt("header_fill", n), opt("padding", n), opt("check", s), opt("levels", integer_type()),
               opt("indent", n), opt("number_width", n), opt("per_row", integer_type()), opt("gap", n),
               opt("caption", optional_text_type()), opt("caption_style", s), opt("format", s),
               opt("start", integer_type())};
  if (depth > 0) {
    auto child = block_schema(depth - 1);
    auto column = table_type({opt("header", optional_text_type()), opt("width", one_of({n, s})), opt("style", s),
                              opt("text", s), opt("merge", bool_type()), opt("blocks", array_of(child))});
    t->fields.push_back(opt("blocks", array_of(child)));
    t->fields.push_back(opt("columns", array_of(column)));
  }
  return t;
}

data::TypeRef layout_schema() {
  using namespace data;
  auto s = string_type();
  auto n = number_type();
  auto number = table_type({opt("text", s), opt("from", integer_type()), opt("top", n), opt("style", s)});
  auto page = table_type({opt("size", s), opt("margin_top", n), opt("margin_bottom", n),
                          opt("margin_left", n), opt("margin_right", n), opt("digits", s),
                          opt("number", number)});
  auto document = table_type({opt("requires", s), req("title", s), opt("author", s), opt("subject", s)});
  auto fonts = open_table_type();
  auto styles = open_table_type();
  auto root = table_type({req("document", document), req("page", page), req("fonts", fonts),
                          req("styles", styles), req("blocks", array_of(block_schema()))});
  // Font and style tables have user-chosen names: checked entry by entry in load_layout.
  return root;
}

data::TypeRef font_schema() {
  using namespace data;
  return table_type({req("regular", string_type()), opt("bold", string_type()), opt("italic", string_type()),
                     opt("bold_italic", string_type()), opt("scale", number_type())});
}

data::TypeRef style_schema() {
  using namespace data;
  auto n = number_type();
  return table_type({opt("based_on", string_type()), opt("font", string_type()), opt("bold", bool_type()),
                     opt("italic", bool_type()), opt("size", n), opt("line_height", n), opt("align", string_type()),
                     opt("first_indent", n), opt("left", n), opt("right", n), opt("label_width", n),
                     opt("space_before", n), opt("space_after", n), opt("keep_with_next", bool_type())});
}

bool parse_align(const std::string& s, text::Align& out) {
  if (s == "left") out = text::Align::Left;
  else if (s == "right") out = text::Align::Right;
  else if (s == "center" || s == "centre") out = text::Align::Center;
  else if (s == "justify") out = text::Align::Justify;
  else if (s == "thai-distributed") out = text::Align::ThaiDistributed;
  else return false;
  return true;
}

const char* const kBlockTypes[] = {"text",    "image",  "photos",    "rule",  "spacer",        "page-break",
                                   "section", "signature", "table", "toc", "page-numbering"};

BlockSpec parse_block(const Node& n, const LayoutSpec& spec, Diagnostics& diags) {
  BlockSpec b;
  b.where = n.where;
  b.type = str(n.get("type"));
  bool known = false;
  for (const char* t : kBlockTypes) known |= b.type == t;
  if (!known) {
    std::string list;
    for (const char* t : kBlockTypes) list += std::string(" ") + t;
    diags.error(n.get("type")->where, "unknown block type '" + b.type + "'; expected one of:" + list);
  }
  b.style = str(n.get("style"));
  if (!b.style.empty() && !spec.styles.count(b.style))
    diags.error(n.get("style")->where, "unknown style '" + b.style + "'");
  b.text = tmpl(n.get("text"));
  b.label = tmpl(n.get("label"));
  b.each = tmpl(n.get("each"));
  b.when = tmpl(n.get("when"));
  b.src = tmpl(n.get("src"));
  if (const Node* lines = n.get("lines"))
    for (const auto& l : lines->array) b.lines.push_back({l->s, l->where});
  b.height = num(n.get("height"), 0) * kPointsPerCm;
  b.width = num(n.get("width"), 0) * kPointsPerCm;
  b.room = num(n.get("room"), 0) * kPointsPerCm;
  b.center = num(n.get("center"), 0.6);
  b.align = str(n.get("align"), "center");
  b.space_before = n.get("space_before") ? num(n.get("space_before"), 0) : -1;
  b.space_after = n.get("space_after") ? num(n.get("space_after"), 0) : -1;
  b.keep_with_next = n.get("keep_with_next") && n.get("keep_with_next")->b;
  b.outline = str(n.get("outline"));
  if (const Node* children = n.get("blocks"))
    for (const auto& c : children->array) b.blocks.push_back(parse_block(*c, spec, diags));
  b.group = tmpl(n.get("group"));
  b.header_style = str(n.get("header_style"), b.header_style);
  b.group_style = str(n.get("group_style"), b.group_style);
  for (const std::string* st : {&b.header_style, &b.group_style})
    if (b.type == "table" && !spec.styles.count(*st))
      diags.error(n.where, "the table needs a style named '" + *st + "'");
  b.header_fill = num(n.get("header_fill"), b.header_fill);
  if (n.get("padding")) b.padding = num(n.get("padding"), 0) * kPointsPerCm;
  if (const Node* cols = n.get("columns")) {
    for (const auto& c : cols->array) {
      ColumnSpec col;
      col.where = c->where;
      col.header = tmpl(c->get("header"));
      if (const Node* w = c->get("width")) {
        if (w->is_number()) {
          col.width = w->number() * kPointsPerCm;
        } else {
          const std::string& ws = w->s;
          char* end = nullptr;
          const double share = ws == "*" ? 1 : std::strtod(ws.c_str(), &end);
          if (ws != "*" && (!end || std::string(end) != "*" || share <= 0))
            diags.error(w->where, "column width must be centimetres or a share like \"*\" or \"2*\"");
          col.share = share;
        }
      }
      col.style = str(c->get("style"), "table-cell");
      if (!spec.styles.count(col.style)) diags.error(c->where, "unknown style '" + col.style + "'");
      col.text = tmpl(c->get("text"));
      col.merge = c->get("merge") && c->get("merge")->b;
      if (const Node* blocks = c->get("blocks"))
        for (const auto& cb : blocks->array) col.blocks.push_back(parse_block(*cb, spec, diags));
      if (col.text.empty() && col.blocks.empty()) diags.error(c->where, "a column needs 'text' or 'blocks'");
      b.columns.push_back(std::move(col));
    }
  }
  if (b.type == "table" && b.columns.empty()) diags.error(n.where, "a table needs [[columns]]");
  b.check = tmpl(n.get("check"));
  b.levels = static_cast<int>(num(n.get("levels"), b.levels));
  b.indent = num(n.get("indent"), b.indent / kPointsPerCm) * kPointsPerCm;
  b.number_width = num(n.get("number_width"), b.number_width / kPointsPerCm) * kPointsPerCm;
  b.per_row = static_cast<int>(num(n.get("per_row"), b.per_row));
  if (b.per_row < 1 || b.per_row > 6) diags.error(n.get("per_row")->where, "'per_row' must be 1 to 6");
  b.gap = num(n.get("gap"), b.gap / kPointsPerCm) * kPointsPerCm;
  b.caption = tmpl(n.get("caption"));
  b.caption_style = str(n.get("caption_style"), b.style);
  if (b.type == "photos" && !spec.styles.count(b.caption_style.empty() ? "body" : b.caption_style))
    diags.error(n.where, "unknown caption style '" + b.caption_style + "'");
  if (b.type == "photos" && b.src.empty()) diags.error(n.where, "a photos block needs 'src' (like \"{src}\")");
  if (const Node* f = n.get("format")) {
    if (f->s == "numbers") b.format = PageNumberFormat::Numbers;
    else if (f->s == "thai-letters") b.format = PageNumberFormat::ThaiLetters;
    else if (f->s == "none") b.format = PageNumberFormat::None;
    else diags.error(f->where, "unknown page number format '" + f->s + "'; expected numbers, thai-letters or none");
  }
  b.start = static_cast<int>(num(n.get("start"), b.start));
  if (b.start < 1) diags.error(n.get("start")->where, "'start' must be 1 or more");
  return b;
}

}  // namespace

const StyleSpec* LayoutSpec::style(const std::string& name) const {
  auto it = styles.find(name.empty() ? "body" : name);
  return it == styles.end() ? nullptr : &it->second;
}

std::shared_ptr<const LayoutSpec> load_layout(const std::filesystem::path& path, Diagnostics& diags) {
  auto tree = data::load_toml_file(path, path.string(), diags);
  if (!tree) return nullptr;
  const size_t errors_before = diags.error_count();
  data::check(*tree, *layout_schema(), "", diags);
  if (diags.error_count() > errors_before) return nullptr;

  auto spec = std::make_shared<LayoutSpec>();
  spec->path = path.string();
  const Node& doc = *tree->get("document");
  spec->requires_data = str(doc.get("requires"));
  spec->title = tmpl(doc.get("title"));
  spec->author = tmpl(doc.get("author"));
  spec->subject = tmpl(doc.get("subject"));

  const Node& page = *tree->get("page");
  const std::string size = str(page.get("size"), "A4");
  if (size == "A4") {
    spec->page_width = 595.276;
    spec->page_height = 841.89;
  } else {
    diags.error(page.get("size")->where, "unknown page size '" + size + "'; only A4 is supported");
  }
  spec->margin_top = num(page.get("margin_top"), 2.5) * kPointsPerCm;
  spec->margin_bottom = num(page.get("margin_bottom"), 2.0) * kPointsPerCm;
  spec->margin_left = num(page.get("margin_left"), 3.0) * kPointsPerCm;
  spec->margin_right = num(page.get("margin_right"), 2.0) * kPointsPerCm;
  const std::string digits = str(page.get("digits"), "thai");
  if (digits != "thai" && digits != "arabic")
    diags.error(page.get("digits")->where, "'page.digits' must be \"thai\" or \"arabic\"");
  spec->thai_digits = digits == "thai";
  if (const Node* number = page.get("number")) {
    spec->page_number.enabled = true;
    spec->page_number.text = number->get("text") ? tmpl(number->get("text")) : Template{"- {page} -", number->where};
    spec->page_number.from = static_cast<int>(num(number->get("from"), 2));
    spec->page_number.top = num(number->get("top"), 1.5) * kPointsPerCm;
    spec->page_number.style = str(number->get("style"), "body");
  }

  using namespace data;
  const auto fonts_type = font_schema();
  for (const auto& [name, f] : tree->get("fonts")->table) {
    check(*f, *fonts_type, "fonts." + name, diags);
    if (!f->is_table()) continue;
    FontFamilySpec fam;
    fam.regular = str(f->get("regular"));
    fam.bold = str(f->get("bold"), fam.regular);
    fam.italic = str(f->get("italic"), fam.regular);
    fam.bold_italic = str(f->get("bold_italic"), fam.bold);
    fam.scale = num(f->get("scale"), 1.0);
    if (fam.scale <= 0 || fam.scale > 4) diags.error(f->get("scale")->where, "font scale must be in (0, 4]");
    spec->fonts[name] = fam;
  }

  const auto styles_type = style_schema();
  for (const auto& [name, s] : tree->get("styles")->table) {
    check(*s, *styles_type, "styles." + name, diags);
    if (!s->is_table()) continue;
    StyleSpec st;
    if (const Node* base = s->get("based_on")) {
      auto it = spec->styles.find(base->s);
      if (it == spec->styles.end())
        diags.error(base->where, "style '" + base->s + "' must be defined before '" + name + "'");
      else
        st = it->second;
    }
    if (const Node* f = s->get("font")) {
      st.family = f->s;
      if (!spec->fonts.count(f->s)) diags.error(f->where, "unknown font '" + f->s + "'");
    }
    if (st.family.empty()) st.family = spec->fonts.empty() ? "" : spec->fonts.begin()->first;
    if (const Node* v = s->get("bold")) st.bold = v->b;
    if (const Node* v = s->get("italic")) st.italic = v->b;
    st.size = num(s->get("size"), st.size);
    st.line_height = num(s->get("line_height"), st.line_height);
    if (const Node* a = s->get("align"); a && !parse_align(a->s, st.align))
      diags.error(a->where, "unknown alignment '" + a->s +
                                "'; expected left, right, center, justify or thai-distributed");
    st.first_indent = num(s->get("first_indent"), st.first_indent / kPointsPerCm) * kPointsPerCm;
    st.left = num(s->get("left"), st.left / kPointsPerCm) * kPointsPerCm;
    st.right = num(s->get("right"), st.right / kPointsPerCm) * kPointsPerCm;
    st.label_width = num(s->get("label_width"), st.label_width / kPointsPerCm) * kPointsPerCm;
    // Vertical space is given in points, as in a word processor.
    st.space_before = num(s->get("space_before"), st.space_before);
    st.space_after = num(s->get("space_after"), st.space_after);
    if (const Node* v = s->get("keep_with_next")) st.keep_with_next = v->b;
    spec->styles[name] = st;
  }
  if (!spec->styles.count("body"))
    diags.error({path.string(), 0, 0}, "the layout needs a style named 'body'");

  for (const auto& b : tree->get("blocks")->array) spec->blocks.push_back(parse_block(*b, *spec, diags));
  if (diags.error_count() > errors_before) return nullptr;
  return spec;
}

}  // namespace oitgen::layout
