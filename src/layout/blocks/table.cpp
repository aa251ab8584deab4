// The `table` block: rows per element of `each`, columns fixed (cm) or shares ("*", "2*"), a
// header repeated on every page the table reaches, group rows, merged cells (rowspan), cells
// shaded where a path holds, and `across = N`: the elements flow down N side-by-side copies
// of the columns (like a newspaper), for long lists of short entries.
#include <algorithm>
#include <cstdlib>
#include <optional>

#include "layout/block_engine.h"
#include "layout/blocks/block_kind.h"

namespace oitgen::layout {
namespace {

// A column: its header, its width (fixed, or a share of what fixed columns leave), and what
// its cells hold: one text, or blocks laid out in the cell.
struct ColumnSpec {
  SourceLocation where;
  Template header;
  double width = 0;  // points; 0 = proportional
  double share = 1;  // proportional weight ("2*" = 2)
  std::string style;
  Template text;
  bool merge = false;  // equal consecutive cells merge into one (rowspan)
  Template fill_when;  // shade the cell where this path holds
  double fill = 0.85;  // its gray level
  std::vector<BlockSpec> blocks;
  // The column's cells head their rows (or, in a table without a header row, their columns):
  // TH cells with this scope instead of TD.
  HeaderScope scope = HeaderScope::None;
};

struct TableParams : BlockParams {
  std::vector<ColumnSpec> columns;
  Template group;  // a full-width group row whenever its text changes
  std::string header_style = "table-header", group_style = "table-group";
  double header_fill = 0.85;  // gray level of header shading (1 = none)
  double padding = 0.1 * kPointsPerCm;
  int across = 1;
};

std::vector<data::Field> keys() {
  using namespace data;
  auto s = string_type();
  auto n = number_type();
  auto column = table_type({opt("header", optional_text_type()), opt("width", one_of({n, s})), opt("style", s),
                            opt("text", s), opt("merge", bool_type()), opt("fill_when", s), opt("fill", n),
                            opt("blocks", array_of(open_table_type())), opt("scope", s)});
  return {req("columns", array_of(column)), opt("group", s),   opt("header_style", s), opt("group_style", s),
          opt("header_fill", n),            opt("padding", n), opt("across", integer_type())};
}

void parse(const data::Node& n, BlockSpec& b, const BlockParser& parser) {
  auto p = std::make_shared<TableParams>();
  p->group = template_of(n.get("group"));
  p->header_style = string_or(n.get("header_style"), p->header_style);
  p->group_style = string_or(n.get("group_style"), p->group_style);
  for (const std::string* st : {&p->header_style, &p->group_style})
    if (!parser.spec.styles.count(*st)) parser.diags.error(n.where, "the table needs a style named '" + *st + "'");
  p->header_fill = number_or(n.get("header_fill"), p->header_fill);
  if (n.get("padding")) p->padding = number_or(n.get("padding"), 0) * kPointsPerCm;
  if (const data::Node* across = n.get("across")) {
    p->across = static_cast<int>(across->i);
    if (p->across < 1 || p->across > 8) parser.diags.error(across->where, "'across' must be 1 to 8");
  }
  if (const data::Node* cols = n.get("columns")) {
    for (const auto& c : cols->array) {
      ColumnSpec col;
      col.where = c->where;
      col.header = template_of(c->get("header"));
      if (const data::Node* w = c->get("width")) {
        if (w->is_number()) {
          col.width = w->number() * kPointsPerCm;
        } else {
          const std::string& ws = w->s;
          char* end = nullptr;
          const double share = ws == "*" ? 1 : std::strtod(ws.c_str(), &end);
          if (ws != "*" && (!end || std::string(end) != "*" || share <= 0))
            parser.diags.error(w->where, "column width must be centimetres or a share like \"*\" or \"2*\"");
          col.share = share;
        }
      }
      col.style = string_or(c->get("style"), "table-cell");
      parser.require_style(col.style, c->where);
      col.text = template_of(c->get("text"));
      col.merge = c->get("merge") && c->get("merge")->b;
      col.fill_when = template_of(c->get("fill_when"));
      col.fill = number_or(c->get("fill"), col.fill);
      col.blocks = parser.blocks(c->get("blocks"));
      if (const data::Node* sc = c->get("scope")) {
        if (sc->s == "row") col.scope = HeaderScope::Row;
        else if (sc->s == "column") col.scope = HeaderScope::Column;
        else parser.diags.error(sc->where, "a column's 'scope' is \"row\" (its cells head their rows) or \"column\"");
      }
      if (col.text.empty() && col.blocks.empty()) parser.diags.error(c->where, "a column needs 'text' or 'blocks'");
      if (p->across > 1 && col.merge)
        parser.diags.error(c->where, "merged cells cannot be used in a table with 'across'");
      p->columns.push_back(std::move(col));
    }
  }
  if (p->across > 1 && !p->group.empty())
    parser.diags.error(n.get("group")->where, "group rows cannot be used in a table with 'across'");
  b.params = std::move(p);
}

void lay_out(Engine& e, const BlockSpec& b, const Scope& scope) {
  const auto& p = params_of<TableParams>(b);
  const auto frame = e.frame();
  // The column set, repeated `across` times side by side.
  std::vector<const ColumnSpec*> cols;
  for (int k = 0; k < p.across; ++k)
    for (const auto& c : p.columns) cols.push_back(&c);
  // Column edges: fixed widths first, proportional ones share the rest.
  double fixed = 0, shares = 0;
  for (const ColumnSpec* c : cols) {
    fixed += c->width;
    if (c->width <= 0) shares += c->share;
  }
  const double left_over = std::max(0.0, frame.width - fixed);
  std::vector<double> xs, ws;
  double x = frame.left;
  for (const ColumnSpec* c : cols) {
    const double w = c->width > 0 ? c->width : (shares > 0 ? left_over * c->share / shares : 0);
    xs.push_back(x);
    ws.push_back(w);
    x += w;
  }
  if (x > frame.left + frame.width + 0.5)
    e.ctx().diags.error(b.where, "the table's columns are wider than the text column");
  const double pad = p.padding;
  auto new_row = [&] {
    TableRow row;
    row.padding = pad;
    return row;
  };

  std::vector<Scope> elements;
  e.for_each_scope(b, scope, [&](const Scope& s) { elements.push_back(s); });
  if (!b.each.empty() && elements.empty()) return;  // no rows: no table, not a lone header

  // The structure: Table, THead with the header row's TH cells, TBody with a TR per row and a
  // TD per cell (a merged cell is the TD above it, spanning more rows).
  StructScope table(e, Role::Table);
  bool any_header = false;
  for (const ColumnSpec* c : cols) any_header |= !c->header.empty();
  auto header = std::make_shared<Box>();
  bool has_header = false;
  if (any_header) {
    const int32_t head = e.add_node(Role::THead, table.id());
    const int32_t tr = e.add_node(Role::TR, head);
    TableRow row = new_row();
    for (size_t i = 0; i < cols.size(); ++i) {
      TableCell cell{xs[i], ws[i], {}, p.header_fill < 1 ? p.header_fill : -1, false, false};
      StructScope th(e, Role::TH, tr);
      th.node().scope = HeaderScope::Column;
      if (!cols[i]->header.empty()) {
        cell.lines = e.text_cell(cols[i]->header, p.header_style, scope, xs[i] + pad, ws[i] - 2 * pad);
        Engine::tag_lines(cell.lines, th.id());
        has_header = true;
      }
      row.cells.push_back(std::move(cell));
    }
    if (has_header) {
      *header = row.to_box();
      header->keep_with_next = true;
      e.out().push_back(*header);
    }
  }
  std::shared_ptr<const Box> repeat = has_header ? header : nullptr;
  const size_t per_copy = (elements.size() + p.across - 1) / p.across;  // rows of the table

  const int32_t body = e.add_node(Role::TBody, table.id());
  std::vector<int32_t> cell_above(cols.size(), -1);  // the TD a merged cell continues
  // The cells of one element, in column copy `copy`.
  auto fill_cells = [&](TableRow& row, int32_t tr, const Scope& s, size_t copy, std::vector<std::string>& last_merge,
                        const std::optional<size_t>& previous, std::vector<TableRow>& rows) {
    for (size_t j = 0; j < p.columns.size(); ++j) {
      const size_t i = copy * p.columns.size() + j;
      const ColumnSpec& col = *cols[i];
      TableCell cell{xs[i], ws[i], {}, -1, false, false};
      if (!col.fill_when.empty() && e.truthy(col.fill_when, s)) cell.fill_gray = col.fill;
      bool merged = false;
      if (col.merge && !col.text.empty()) {
        const std::string key = expand_plain(col.text, s, e.ctx().diags);
        merged = previous && key == last_merge[j] && !key.empty();
        last_merge[j] = key;
      }
      if (merged && cell_above[i] >= 0) {
        cell.open_top = true;
        rows[*previous].cells[i].open_bottom = true;
        const TableCell& above = rows[*previous].cells[i];
        cell.span_lines = above.lines.empty() ? above.span_lines : above.lines;
        ++e.node(cell_above[i]).row_span;
      } else {
        StructScope td(e, col.scope == HeaderScope::None ? Role::TD : Role::TH, tr);
        td.node().scope = col.scope;
        cell.lines = !col.blocks.empty() ? e.cell_lines(col.blocks, s, xs[i] + pad, ws[i] - 2 * pad)
                                         : e.text_cell(col.text, col.style, s, xs[i] + pad, ws[i] - 2 * pad);
        Engine::tag_lines(cell.lines, td.id());
        cell_above[i] = td.id();
      }
      row.cells.push_back(std::move(cell));
    }
  };

  std::string last_group;
  std::vector<std::string> last_merge(p.columns.size());
  std::optional<size_t> previous;  // index of the last data row, for merges
  std::vector<TableRow> rows;
  std::vector<bool> is_group;
  for (size_t r = 0; r < per_copy; ++r) {
    const Scope& first = elements[r];
    if (!p.group.empty()) {
      const std::string g = expand_plain(p.group, first, e.ctx().diags);
      if (g != last_group && !g.empty()) {
        TableRow row = new_row();
        StructScope td(e, Role::TD, e.add_node(Role::TR, body));
        td.node().col_span = static_cast<int>(cols.size());
        row.cells.push_back({frame.left, x - frame.left,
                             e.text_cell({g, p.group.where}, p.group_style, Scope{}, frame.left + pad,
                                         x - frame.left - 2 * pad),
                             -1, false, false});
        Engine::tag_lines(row.cells.back().lines, td.id());
        std::fill(cell_above.begin(), cell_above.end(), -1);
        rows.push_back(std::move(row));
        is_group.push_back(true);
        std::fill(last_merge.begin(), last_merge.end(), std::string());
        previous.reset();
      }
      last_group = g;
    }
    TableRow row = new_row();
    const int32_t tr = e.add_node(Role::TR, body);
    for (int copy = 0; copy < p.across; ++copy) {
      const size_t index = copy * per_copy + r;
      if (index < elements.size()) {
        fill_cells(row, tr, elements[index], copy, last_merge, previous, rows);
      } else {
        for (size_t j = 0; j < p.columns.size(); ++j) {
          const size_t i = copy * p.columns.size() + j;
          e.add_node(Role::TD, tr);  // an empty cell is still a cell of its column
          row.cells.push_back({xs[i], ws[i], {}, -1, false, false});
        }
      }
    }
    rows.push_back(std::move(row));
    is_group.push_back(false);
    previous = rows.size() - 1;
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    Box box = rows[i].to_box();
    box.row = std::make_shared<TableRow>(rows[i]);
    box.repeat_header = repeat;
    box.keep_with_next = is_group[i];  // a group row stays with its first item
    e.out().push_back(std::move(box));
  }
}

}  // namespace

extern const BlockKind kTableBlock{"table", keys, parse, lay_out};

}  // namespace oitgen::layout
