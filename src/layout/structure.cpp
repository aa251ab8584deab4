#include "layout/block_engine.h"

#include <cmath>

namespace oitgen::layout {

const char* role_name(Role role) {
  switch (role) {
    case Role::Document: return "Document";
    case Role::Part: return "Part";
    case Role::Sect: return "Sect";
    case Role::Div: return "Div";
    case Role::P: return "P";
    case Role::H: return "H";
    case Role::L: return "L";
    case Role::LI: return "LI";
    case Role::Lbl: return "Lbl";
    case Role::LBody: return "LBody";
    case Role::Table: return "Table";
    case Role::THead: return "THead";
    case Role::TBody: return "TBody";
    case Role::TR: return "TR";
    case Role::TH: return "TH";
    case Role::TD: return "TD";
    case Role::Figure: return "Figure";
    case Role::Caption: return "Caption";
    case Role::TOC: return "TOC";
    case Role::TOCI: return "TOCI";
    case Role::Reference: return "Reference";
    case Role::Link: return "Link";
  }
  return "P";
}

int32_t Engine::add_node(Role role, int32_t parent) {
  const auto id = static_cast<int32_t>(structure_.size());
  StructNode n;
  n.role = role;
  n.parent = parent;
  structure_.push_back(std::move(n));
  if (parent >= 0) structure_[parent].last_child = id;
  return id;
}

int32_t Engine::list_for(double indent) {
  // A labelled paragraph continues the list its parent ended with, at the same indent; one
  // further right starts a list inside that list's last item.
  int32_t parent = current_node();
  while (parent >= 0) {
    const int32_t last = structure_[parent].last_child;
    if (last < 0 || structure_[last].role != Role::L) break;
    const StructNode& list = structure_[last];
    if (std::abs(indent - list.indent) < 0.5) return last;
    if (indent < list.indent) break;
    const int32_t item = list.last_child;
    const int32_t body = item >= 0 ? structure_[item].last_child : -1;
    if (body < 0 || structure_[body].role != Role::LBody) break;
    parent = body;
  }
  const int32_t list = add_node(Role::L, parent);
  structure_[list].indent = indent;
  return list;
}

std::string Engine::first_text(const std::vector<Template>& alts, const Scope& scope, const std::string& what) {
  for (const auto& t : alts) {
    // As a PDF string of its own: cut to fit, with a warning at the value that made it long.
    std::string text = pdf_string(t, scope, what);
    if (text.find_first_not_of(" \t\n") != std::string::npos) return text;
  }
  return "";
}

void Engine::no_alt_text(const SourceLocation& where, const std::string& what) {
  const std::string says = what + " has no alternative text (alt, or a caption), so a screen reader cannot say what it shows";
  if (pdfua()) ctx_.diags.error(where, says + "; PDF/UA-1 needs one");
  else ctx_.diags.warning(where, says);
}

void Engine::tag_boxes(size_t from, int32_t node) {
  auto& boxes = out();
  for (size_t i = from; i < boxes.size(); ++i) tag_untagged(boxes[i].items, node);
}

void Engine::tag_lines(std::vector<CellLine>& lines, int32_t node) {
  for (auto& line : lines) tag_untagged(line.items, node);
}

StructScope::StructScope(Engine& e, Role role, int32_t parent)
    : e_(e), saved_(e.current_), from_(e.out().size()), frame_out_(&e.out()) {
  id_ = e.add_node(role, parent == kCurrent ? e.current_ : parent);
  e.current_ = id_;
}

StructScope::~StructScope() {
  // Whatever the block appended to its column without a node of its own belongs to this one.
  if (&e_.out() == frame_out_) e_.tag_boxes(from_, id_);
  e_.current_ = saved_;
}

}  // namespace oitgen::layout
