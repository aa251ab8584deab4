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

const AmountFormat* amount_format(const Scope& scope) {
  const Scope* s = &scope;
  while (s->parent) s = s->parent;
  return s->amounts;
}

bool apply_filter(const std::string& filter, const Node* value, int index, const Scope& scope, std::string& out) {
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
  if ((filter == "amount" || filter == "baht-words") && value && value->is_number() &&
      !model::is_printable_amount(value->number()))
    return false;
  if (filter == "amount" && value && value->is_number()) {
    const double v = value->number();
    const bool satang = std::llround(std::fabs(v) * 100) % 100 != 0;
    const AmountFormat* format = amount_format(scope);
    if (format) (satang ? format->saw_satang : format->saw_whole) = true;
    const int decimals = format ? format->decimals : -1;
    out = decimals == 2 ? model::format_amount_fixed(v) : decimals == 0 ? model::format_amount(std::round(v))
                                                                        : model::format_amount(v);
    return true;
  }
  if (filter == "count" && value && value->is_array()) {
    out = std::to_string(value->array.size());
    return true;
  }
  if (filter == "fixed" && value && value->is_number()) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.2f", value->number());
    out = buf;
    return true;
  }
  if (filter == "baht-words" && value && value->is_number()) {
    out = model::baht_words(value->number());
    return true;
  }
  return false;
}

// The end of the `{…}` expression starting at `open`: its matching '}', or npos.
size_t matching_brace(const std::string& s, size_t open) {
  int depth = 0;
  for (size_t i = open; i < s.size(); ++i) {
    if (s[i] == '{') ++depth;
    if (s[i] == '}' && --depth == 0) return i;
  }
  return std::string::npos;
}

// "path|list({name})|thai-digits" → {"path", "list({name})", "thai-digits"}: bars inside a
// filter's parentheses or braces do not split.
std::vector<std::string> split_filters(const std::string& expr) {
  std::vector<std::string> parts(1);
  int depth = 0;
  for (char c : expr) {
    if (c == '(' || c == '{') ++depth;
    if (c == ')' || c == '}') --depth;
    if (c == '|' && depth == 0) {
      parts.emplace_back();
      continue;
    }
    parts.back() += c;
  }
  for (auto& p : parts) p = trim(p);
  return parts;
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

std::vector<TextSegment> expand(const Template& t, const Scope& scope, Diagnostics& diags,
                                std::vector<text::TextSource>* sources) {
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
    const size_t close = matching_brace(s, i);
    if (close == std::string::npos) {
      diags.error(t.where, "unclosed '{' in template \"" + s + "\"");
      return out;
    }
    std::vector<std::string> filters = split_filters(s.substr(i + 1, close - i - 1));
    std::string expr = filters.front();
    filters.erase(filters.begin());
    // "{path?}": an optional value, which prints as nothing when the data leaves it out.
    const bool optional = !expr.empty() && expr.back() == '?';
    if (optional) expr.pop_back();
    int index = -1;  // resolve_path sets it when the path names a position ("n", "../n")
    const Node* value = resolve_path(expr, scope, &index);
    const bool is_index = index >= 0;
    // Filters that work on text ("thai-digits") may also come first, after the plain value.
    const bool text_filter_first = !filters.empty() && filters.front() == "thai-digits";
    const std::string first = filters.empty() || text_filter_first ? "" : filters.front();
    std::string text;
    if (!value && !is_index && optional) {
      // nothing to print
    } else if (!value && !is_index) {
      diags.error(t.where, "'{" + expr + "}' names nothing in the data (template \"" + s + "\")");
    } else if (first.rfind("list", 0) == 0 && (first.size() == 4 || first[4] == '(')) {
      // "{items|list}" or "{items|list({number} {name})}": the elements joined "a, b และ c".
      if (!value || !value->is_array()) {
        diags.error(t.where, "filter 'list' needs an array; '{" + expr + "}' is not one (template \"" + s + "\")");
      } else {
        Template element{first.size() > 4 ? first.substr(5, first.size() - 6) : "{.}", t.where};
        if (first.size() > 4 && first.back() != ')')
          diags.error(t.where, "unclosed '(' in filter '" + first + "' (template \"" + s + "\")");
        const size_t count = value->array.size();
        for (size_t k = 0; k < count; ++k) {
          text += k == 0 ? "" : k + 1 == count ? " และ " : ", ";
          text += expand_plain(element, Scope{value->array[k].get(), static_cast<int>(k + 1), &scope}, diags);
        }
      }
    } else if (!apply_filter(first, value, index, scope, text)) {
      diags.error(t.where, first.empty() ? "'{" + expr + "}' is a " +
                                                std::string(Node::kind_name(value->kind)) +
                                                ", not text (template \"" + s + "\")"
                                          : "filter '" + first + "' does not apply to '{" + expr +
                                                "}' (template \"" + s + "\")");
    }
    // Later filters work on the text.
    for (size_t k = text_filter_first ? 0 : 1; k < filters.size(); ++k) {
      if (filters[k] == "thai-digits") {
        text = model::to_thai_digits_everywhere(text);
      } else {
        diags.error(t.where, "filter '" + filters[k] + "' cannot follow another filter; only 'thai-digits' can"
                             " (template \"" + s + "\")");
      }
    }
    if (sources && value && !text.empty()) sources->push_back({text, value->where});
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
