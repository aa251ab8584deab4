#include "layout/layout_spec.h"

#include "data/schema.h"
#include "data/toml_loader.h"
#include "layout/blocks/block_kind.h"

#include <algorithm>
#include <utility>

namespace oitgen::layout {
namespace {

using data::Node;


data::TypeRef layout_schema() {
  using namespace data;
  auto s = string_type();
  auto n = number_type();
  auto number =
      table_type({opt("text", s), opt("from", integer_type()), opt("top", n), opt("style", s), opt("align", s)});
  auto page = table_type({opt("size", s), opt("margin_top", n), opt("margin_bottom", n),
                          opt("margin_left", n), opt("margin_right", n), opt("digits", s),
                          opt("amount_decimals", one_of({s, integer_type()})),
                          opt("number", number)});
  auto document =
      table_type({opt("requires", one_of({s, array_of(s)})), req("title", s), opt("author", s), opt("subject", s),
                  opt("date", s)});
  auto fonts = open_table_type();
  auto styles = open_table_type();
  auto root = table_type({req("document", document), req("page", page), req("fonts", fonts),
                          req("styles", styles), req("blocks", array_of(open_table_type()))});
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
                     opt("space_before", n), opt("space_after", n), opt("keep_with_next", bool_type()),
                     opt("max_stretch", n), opt("heading", integer_type())});
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

// Keys every block kind accepts.
std::vector<data::Field> common_block_keys() {
  using namespace data;
  auto s = string_type();
  auto n = number_type();
  return {req("type", s), opt("style", s), opt("name", s), opt("each", s), opt("when", s), opt("space_before", n),
          opt("space_after", n), opt("keep_with_next", bool_type()), opt("outline", s)};
}

BlockSpec parse_block(const Node& n, const BlockParser& parser) {
  BlockSpec b;
  b.where = n.where;
  if (!n.is_table()) {
    parser.diags.error(n.where, "a block must be a table, found " + std::string(Node::kind_name(n.kind)));
    return b;
  }
  const Node* type = n.get("type");
  if (!type || !type->is_string()) {
    parser.diags.error(n.where, "the block needs a 'type' (one of:" + [] {
      std::string list;
      for (const BlockKind* k : block_kinds()) list += " " + std::string(k->name);
      return list;
    }() + ")");
    return b;
  }
  b.type = type->s;
  b.kind = find_block_kind(b.type);
  if (!b.kind) {
    std::string list;
    for (const BlockKind* k : block_kinds()) list += " " + std::string(k->name);
    parser.diags.error(type->where, "unknown block type '" + b.type + "'; expected one of:" + list);
    return b;
  }
  auto fields = common_block_keys();
  for (auto& f : b.kind->keys()) fields.push_back(std::move(f));
  // A missing key is reported here and the kind still reads the rest, so one pass reports
  // every problem; a value of the wrong type or an unknown key stops the block.
  const std::string path = "blocks." + b.type;
  for (auto& f : fields)
    if (std::exchange(f.required, false) && !n.get(f.name))
      parser.diags.error(n.where, "missing key '" + path + "." + f.name + "' (" + f.type->describe() + ")");
  const size_t errors_before = parser.diags.error_count();
  data::check(n, *data::table_type(std::move(fields)), path, parser.diags);
  if (parser.diags.error_count() > errors_before) {
    b.kind = nullptr;
    return b;
  }
  b.style = string_or(n.get("style"));
  if (const Node* style = n.get("style")) parser.require_style(b.style, style->where);
  b.name = string_or(n.get("name"));
  b.each = template_of(n.get("each"));
  b.when = template_of(n.get("when"));
  b.space_before = n.get("space_before") ? number_or(n.get("space_before"), 0) : -1;
  b.space_after = n.get("space_after") ? number_or(n.get("space_after"), 0) : -1;
  b.keep_with_next = n.get("keep_with_next") && n.get("keep_with_next")->b;
  b.outline = string_or(n.get("outline"));
  b.kind->parse(n, b, parser);
  return b;
}

}  // namespace

std::vector<BlockSpec> BlockParser::blocks(const Node* list) const {
  std::vector<BlockSpec> out;
  if (list)
    for (const auto& b : list->array) out.push_back(parse_block(*b, *this));
  return out;
}

void BlockParser::require_style(const std::string& name, const SourceLocation& where) const {
  if (!spec.styles.count(name)) diags.error(where, "unknown style '" + name + "'");
}

const BlockSpec* LayoutSpec::named_block(const std::string& name) const {
  for (const auto& b : blocks)
    if (b.name == name) return &b;
  return nullptr;
}

const StyleSpec* LayoutSpec::style(const std::string& name) const {
  auto it = styles.find(name.empty() ? "body" : name);
  return it == styles.end() ? nullptr : &it->second;
}

namespace {

std::shared_ptr<const LayoutSpec> layout_from_tree(const data::NodePtr& tree, const std::filesystem::path& path,
                                                   Diagnostics& diags);

}  // namespace

std::shared_ptr<const LayoutSpec> load_layout(const std::filesystem::path& path, Diagnostics& diags) {
  auto tree = data::load_toml_file(path, path.string(), diags);
  if (!tree) return nullptr;
  return layout_from_tree(tree, path, diags);
}

std::shared_ptr<const LayoutSpec> parse_layout(std::string_view text, const std::filesystem::path& path,
                                               Diagnostics& diags) {
  auto tree = data::parse_toml(text, path.string(), diags);
  if (!tree) return nullptr;
  return layout_from_tree(tree, path, diags);
}

namespace {

std::shared_ptr<const LayoutSpec> layout_from_tree(const data::NodePtr& tree, const std::filesystem::path& path,
                                                   Diagnostics& diags) {
  const size_t errors_before = diags.error_count();
  data::check(*tree, *layout_schema(), "", diags);
  if (diags.error_count() > errors_before) return nullptr;

  auto spec = std::make_shared<LayoutSpec>();
  spec->path = path.string();
  const Node& doc = *tree->get("document");
  if (const Node* req = doc.get("requires")) {
    if (req->is_string()) spec->requires_data.push_back(req->s);
    for (const auto& r : req->array) spec->requires_data.push_back(r->s);
  }
  spec->title = template_of(doc.get("title"));
  spec->author = template_of(doc.get("author"));
  spec->subject = template_of(doc.get("subject"));
  if (const Node* date = doc.get("date")) spec->date_path = {date->s, date->where};

  const Node& page = *tree->get("page");
  const std::string size = string_or(page.get("size"), "A4");
  if (size == "A4") {
    spec->page_width = 595.276;
    spec->page_height = 841.89;
  } else {
    diags.error(page.get("size")->where, "unknown page size '" + size + "'; only A4 is supported");
  }
  spec->margin_top = number_or(page.get("margin_top"), 2.5) * kPointsPerCm;
  spec->margin_bottom = number_or(page.get("margin_bottom"), 2.0) * kPointsPerCm;
  spec->margin_left = number_or(page.get("margin_left"), 3.0) * kPointsPerCm;
  spec->margin_right = number_or(page.get("margin_right"), 2.0) * kPointsPerCm;
  const std::string digits = string_or(page.get("digits"), "thai");
  if (digits != "thai" && digits != "arabic")
    diags.error(page.get("digits")->where, "'page.digits' must be \"thai\" or \"arabic\"");
  spec->thai_digits = digits == "thai";
  if (const Node* d = page.get("amount_decimals")) {
    if (d->is_string() && d->s == "auto") spec->amount_decimals = -1;
    else if (d->kind == Node::Kind::Integer && (d->i == 0 || d->i == 2)) spec->amount_decimals = static_cast<int>(d->i);
    else diags.error(d->where, "'page.amount_decimals' must be \"auto\", 0 or 2");
  }
  if (const Node* number = page.get("number")) {
    spec->page_number.enabled = true;
    spec->page_number.text = number->get("text") ? template_of(number->get("text")) : Template{"- {page} -", number->where};
    spec->page_number.from = static_cast<int>(number_or(number->get("from"), 2));
    spec->page_number.top = number_or(number->get("top"), 1.5) * kPointsPerCm;
    spec->page_number.style = string_or(number->get("style"), "body");
    if (const Node* a = number->get("align")) {
      if (!parse_align(a->s, spec->page_number.align) || spec->page_number.align == text::Align::Justify ||
          spec->page_number.align == text::Align::ThaiDistributed)
        diags.error(a->where, "'page.number.align' must be left, center or right");
    }
  }

  using namespace data;
  const auto fonts_type = font_schema();
  for (const auto& [name, f] : tree->get("fonts")->table) {
    check(*f, *fonts_type, "fonts." + name, diags);
    if (!f->is_table()) continue;
    FontFamilySpec fam;
    fam.where = f->where;
    fam.regular = string_or(f->get("regular"));
    fam.bold = string_or(f->get("bold"), fam.regular);
    fam.italic = string_or(f->get("italic"), fam.regular);
    fam.bold_italic = string_or(f->get("bold_italic"), fam.bold);
    fam.scale = number_or(f->get("scale"), 1.0);
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
    st.size = number_or(s->get("size"), st.size);
    st.line_height = number_or(s->get("line_height"), st.line_height);
    if (const Node* a = s->get("align"); a && !parse_align(a->s, st.align))
      diags.error(a->where, "unknown alignment '" + a->s +
                                "'; expected left, right, center, justify or thai-distributed");
    st.first_indent = number_or(s->get("first_indent"), st.first_indent / kPointsPerCm) * kPointsPerCm;
    st.left = number_or(s->get("left"), st.left / kPointsPerCm) * kPointsPerCm;
    st.right = number_or(s->get("right"), st.right / kPointsPerCm) * kPointsPerCm;
    st.label_width = number_or(s->get("label_width"), st.label_width / kPointsPerCm) * kPointsPerCm;
    // Vertical space is given in points, as in a word processor.
    st.space_before = number_or(s->get("space_before"), st.space_before);
    st.space_after = number_or(s->get("space_after"), st.space_after);
    if (const Node* v = s->get("keep_with_next")) st.keep_with_next = v->b;
    if (const Node* v = s->get("max_stretch")) {
      st.max_stretch = v->number();
      if (st.max_stretch <= 0 || st.max_stretch > 2) diags.error(v->where, "'max_stretch' is in em: more than 0, at most 2");
    }
    if (const Node* v = s->get("heading")) {
      st.heading = static_cast<int>(v->i);
      if (v->i < 0 || v->i > 6) diags.error(v->where, "'heading' is a heading level: 1 to 6 (0: not a heading)");
    }
    spec->styles[name] = st;
  }
  if (!spec->styles.count("body"))
    diags.error(tree->get("styles")->where, "the layout needs a style named 'body' (the default of every block)");

  const BlockParser parser{*spec, diags};
  spec->blocks = parser.blocks(tree->get("blocks"));
  std::vector<std::string> names;
  for (const auto& b : spec->blocks)
    if (!b.name.empty()) {
      if (std::find(names.begin(), names.end(), b.name) != names.end())
        diags.error(b.where, "another block is already named '" + b.name + "'");
      names.push_back(b.name);
    }
  if (diags.error_count() > errors_before) return nullptr;
  return spec;
}

}  // namespace

}  // namespace oitgen::layout
