#include "layout/template.h"

#include <cmath>

#include "model/thai_format.h"

namespace oitgen::layout {
namespace {

using data::Node;

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(' ');
  const auto e = s.find_last_not_of(' ');
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

const Node* walk(const Node* n, const std::string& dotted) {
  size_t start = 0;
  while (n && start <= dotted.size()) {
    const size_t dot = dotted.find('.', start);
    const std::string key = dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    n = n->get(key);
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return n;
}

std::string format_number(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

bool apply_filter(const std::string& filter, const Node* value, int index, std::string& out) {
  if (filter.empty()) {
    if (!value) {
      out = std::to_string(index);
      return true;
    }
    switch (value->kind) {
      case Node::Kind::String: out = value->s; return true;
      case Node::Kind::Integer: out = std::to_string(value->i); return true;
      case Node::Kind::Float: out = format_number(value->f); return true;
      case Node::Kind::Date: out = model::format_thai_date(value->date); return true;
      case Node::Kind::Bool: out = value->b ? "ใช่" : "ไม่ใช่"; return true;
      default: return false;
    }
  }
  if (filter == "date" && value && value->kind == Node::Kind::Date) {
    out = model::format_thai_date(value->date);
    return true;
  }
  if (filter == "date-short" && value && value->kind == Node::Kind::Date) {
    out = model::format_thai_date_short(value->date);
    return true;
  }
  if (filter == "year" && value && value->kind == Node::Kind::Date) {
    out = std::to_string(model::buddhist_year(value->date.year));
    return true;
  }
  if (filter == "amount" && value && value->is_number()) {
    out = model::format_amount(value->number());
    return true;
  }
  if (filter == "count" && value && value->is_array()) {
    out = std::to_string(value->array.size());
    return true;
  }
  if (filter == "baht-words" && value && value->is_number()) {
    out = model::baht_words(value->number());
    return true;
  }
  return false;
}

}  // namespace

const Node* resolve_path(const std::string& path, const Scope& scope, int* index_out) {
  const Scope* s = &scope;
  std::string p = path;
  while (p.rfind("../", 0) == 0) {
    if (s->parent) s = s->parent;
    p = p.substr(3);
  }
  if (p == "n") {
    *index_out = s->index;
    return nullptr;
  }
  if (p == ".") return s->node;
  if (p.rfind("./", 0) == 0) return walk(s->node, p.substr(2));
  for (const Scope* cur = s; cur; cur = cur->parent)
    if (const Node* found = walk(cur->node, p)) return found;
  return nullptr;
}

std::vector<TextSegment> expand(const Template& t, const Scope& scope, Diagnostics& diags) {
  std::vector<TextSegment> out;
  bool bold = false;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) out.push_back({current, bold});
    current.clear();
  };
  const std::string& s = t.text;
  for (size_t i = 0; i < s.size();) {
    if (s.compare(i, 2, "**") == 0) {
      flush();
      bold = !bold;
      i += 2;
      continue;
    }
    if (s[i] != '{') {
      current += s[i++];
      continue;
    }
    const size_t close = s.find('}', i);
    if (close == std::string::npos) {
      diags.error(t.where, "unclosed '{' in template \"" + s + "\"");
      return out;
    }
    std::string expr = s.substr(i + 1, close - i - 1);
    std::string filter;
    if (auto bar = expr.find('|'); bar != std::string::npos) {
      filter = trim(expr.substr(bar + 1));
      expr = expr.substr(0, bar);
    }
    expr = trim(expr);
    // "{path?}": an optional value, which prints as nothing when the data leaves it out.
    const bool optional = !expr.empty() && expr.back() == '?';
    if (optional) expr.pop_back();
    int index = -1;  // resolve_path sets it when the path names a position ("n", "../n")
    const Node* value = resolve_path(expr, scope, &index);
    const bool is_index = index >= 0;
    std::string text;
    if (!value && !is_index && optional) {
      // nothing to print
    } else if (!value && !is_index) {
      diags.error(t.where, "'{" + expr + "}' names nothing in the data (template \"" + s + "\")");
    } else if (!apply_filter(filter, value, index, text)) {
      diags.error(t.where, filter.empty() ? "'{" + expr + "}' is a " +
                                                std::string(Node::kind_name(value->kind)) +
                                                ", not text (template \"" + s + "\")"
                                          : "filter '" + filter + "' does not apply to '{" + expr +
                                                "}' (template \"" + s + "\")");
    }
    current += text;
    i = close + 1;
  }
  flush();
  return out;
}

std::string expand_plain(const Template& t, const Scope& scope, Diagnostics& diags) {
  std::string out;
  for (const auto& seg : expand(t, scope, diags)) out += seg.text;
  return out;
}

}  // namespace oitgen::layout
