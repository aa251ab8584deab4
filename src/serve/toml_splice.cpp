#include "serve/toml_splice.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "data/limits.h"
#include "data/toml_loader.h"
#include "data/toml_shape.h"
#include "serve/tree_json.h"

namespace oitgen::serve {
namespace {

using Json = nlohmann::ordered_json;

// The JSON comes from the network: deeper than the loader would accept is refused up front,
// and every recursion below counts its depth against the same bound.
constexpr int kMaxDepth = data::kMaxNesting;

bool at_key(std::string_view key) { return !key.empty() && key.front() == '@'; }

// ---------------------------------------------------------------------------------------------
// Comparing trees

bool json_is_number(const Json& j) { return j.is_number_integer() || j.is_number_unsigned() || j.is_number_float(); }

bool numbers_equal(const Json& a, const Json& b) {
  if (a.is_number_float() || b.is_number_float()) {
    const double x = a.get<double>(), y = b.get<double>();
    return x == y || (std::isnan(x) && std::isnan(y));
  }
  if (a.is_number_unsigned() && b.is_number_unsigned()) return a.get<uint64_t>() == b.get<uint64_t>();
  // One of them is signed: an unsigned above INT64_MAX equals no int64.
  auto as_signed = [](const Json& j, int64_t& out) {
    if (j.is_number_unsigned()) {
      const uint64_t u = j.get<uint64_t>();
      if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return false;
      out = static_cast<int64_t>(u);
      return true;
    }
    out = j.get<int64_t>();
    return true;
  };
  int64_t x = 0, y = 0;
  return as_signed(a, x) && as_signed(b, y) && x == y;
}

size_t data_key_count(const Json& object) {
  size_t n = 0;
  for (const auto& [k, v] : object.items()) n += !at_key(k);
  return n;
}

bool same_json(const Json& a, const Json& b, int depth) {
  if (depth > kMaxDepth + 2) return false;
  if (json_is_number(a) && json_is_number(b)) return numbers_equal(a, b);
  if (a.type() != b.type()) return false;
  if (a.is_object()) {
    if (data_key_count(a) != data_key_count(b)) return false;
    for (const auto& [k, v] : a.items()) {
      if (at_key(k)) continue;
      const auto it = b.find(k);
      if (it == b.end() || !same_json(v, *it, depth + 1)) return false;
    }
    return true;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (!same_json(a[i], b[i], depth + 1)) return false;
    return true;
  }
  return a == b;
}

// The loader's text for the values it keeps as strings (times, date-times).
template <typename T>
std::string streamed(const T& value) {
  std::ostringstream ss;
  ss << value;
  return ss.str();
}

// Whether the toml++ node holds what `j` says, in the loader's terms (data::parse_toml then
// file_to_json), without building the JSON of the node.
bool same_node(const toml::node& n, const Json& j, int depth) {
  if (depth > kMaxDepth + 2) return false;
  if (const auto* t = n.as_table()) {
    if (!j.is_object()) return false;
    size_t keys = 0;
    for (const auto& [k, v] : *t) {
      if (at_key(k.str())) continue;
      ++keys;
      const auto it = j.find(std::string(k.str()));
      if (it == j.end() || !same_node(v, *it, depth + 1)) return false;
    }
    return keys == data_key_count(j);
  }
  if (const auto* a = n.as_array()) {
    if (!j.is_array() || j.size() != a->size()) return false;
    for (size_t i = 0; i < a->size(); ++i)
      if (!same_node(*a->get(i), j[i], depth + 1)) return false;
    return true;
  }
  if (const auto* s = n.as_string()) return j.is_string() && j.get_ref<const std::string&>() == s->get();
  if (const auto* i = n.as_integer()) return json_is_number(j) && numbers_equal(Json(i->get()), j);
  if (const auto* f = n.as_floating_point()) return json_is_number(j) && numbers_equal(Json(f->get()), j);
  if (const auto* b = n.as_boolean()) return j.is_boolean() && j.get<bool>() == b->get();
  if (const auto* d = n.as_date())
    return j.is_string() && j.get_ref<const std::string&>() == date_text({d->get().year, d->get().month, d->get().day});
  if (const auto* tm = n.as_time()) return j.is_string() && j.get_ref<const std::string&>() == streamed(tm->get());
  if (const auto* dt = n.as_date_time()) return j.is_string() && j.get_ref<const std::string&>() == streamed(dt->get());
  return false;
}

int json_depth_over(const Json& j, int depth) {
  // Returns a depth beyond the bound as soon as one is seen, so hostile nesting costs nothing.
  if (depth > kMaxDepth) return depth;
  int deepest = depth;
  if (j.is_object() || j.is_array())
    for (const auto& v : j) {
      deepest = std::max(deepest, json_depth_over(v, depth + 1));
      if (deepest > kMaxDepth) break;
    }
  return deepest;
}

// ---------------------------------------------------------------------------------------------
// Where things are in the text

// Byte offsets for toml++'s positions. toml++ counts lines from 1 and columns in code points,
// and starts counting after a BOM; everything the splice does is in bytes.
class TextMap {
 public:
  explicit TextMap(std::string_view text) : text_(text) {
    bom_ = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    starts_.push_back(bom_);
    for (size_t i = bom_; i < text.size(); ++i)
      if (text[i] == '\n') starts_.push_back(i + 1);
    const size_t first_nl = text.find('\n');
    nl_ = first_nl != std::string_view::npos && first_nl > 0 && text[first_nl - 1] == '\r' ? "\r\n" : "\n";
  }

  size_t offset(const toml::source_position& p) const {
    if (p.line == 0 || p.line > starts_.size()) return text_.size();
    const size_t line = p.line - 1;
    const size_t begin = starts_[line];
    const size_t end = line_next(line);
    const size_t col = p.column > 0 ? p.column - 1 : 0;
    // Most lines are ASCII; a Thai line is walked once and remembered.
    auto it = columns_.find(line);
    if (it == columns_.end()) {
      std::vector<uint32_t> cols;
      bool ascii = true;
      for (size_t i = begin; i < end; ++i) ascii &= static_cast<unsigned char>(text_[i]) < 0x80;
      if (!ascii) {
        for (size_t i = begin; i < end; ++i)
          if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) cols.push_back(static_cast<uint32_t>(i - begin));
        cols.push_back(static_cast<uint32_t>(end - begin));
      }
      it = columns_.emplace(line, std::move(cols)).first;
    }
    if (it->second.empty()) return std::min(begin + col, end);
    return begin + it->second[std::min(col, it->second.size() - 1)];
  }

  size_t line_count() const { return starts_.size(); }
  size_t line_of(size_t offset) const {
    return static_cast<size_t>(std::upper_bound(starts_.begin(), starts_.end(), offset) - starts_.begin()) - 1;
  }
  size_t line_begin(size_t line) const { return line < starts_.size() ? starts_[line] : text_.size(); }
  // After the line's newline (the next line's start), or the text's end on the last line.
  size_t line_next(size_t line) const { return line + 1 < starts_.size() ? starts_[line + 1] : text_.size(); }
  // Where the line's text ends, before "\n" or "\r\n".
  size_t line_content_end(size_t line) const {
    size_t e = line_next(line);
    if (e > line_begin(line) && e <= text_.size() && e > 0 && text_[e - 1] == '\n') --e;
    if (e > line_begin(line) && text_[e - 1] == '\r') --e;
    return e;
  }
  std::string_view line_text(size_t line) const {
    return text_.substr(line_begin(line), line_content_end(line) - line_begin(line));
  }
  std::string indentation(size_t line) const {
    const auto t = line_text(line);
    size_t n = 0;
    while (n < t.size() && (t[n] == ' ' || t[n] == '\t')) ++n;
    return std::string(t.substr(0, n));
  }
  bool blank(size_t line) const { return line_text(line).find_first_not_of(" \t") == std::string_view::npos; }
  const std::string& nl() const { return nl_; }

 private:
  std::string_view text_;
  size_t bom_ = 0;
  std::vector<size_t> starts_;
  std::string nl_;
  mutable std::unordered_map<size_t, std::vector<uint32_t>> columns_;
};

struct Edit {
  size_t begin = 0, end = 0;  // the bytes replaced, end exclusive (begin == end: an insertion)
  std::string text;
};

// Applies `edits` (offsets into the whole text) to text[base, base + part.size()). Edits may
// touch but not overlap; insertions at one place keep their order.
std::optional<std::string> apply_edits(std::string_view part, size_t base, std::vector<Edit> edits) {
  std::stable_sort(edits.begin(), edits.end(),
                   [](const Edit& a, const Edit& b) { return a.begin != b.begin ? a.begin < b.begin : a.end < b.end; });
  std::string out;
  out.reserve(part.size() + 64);
  size_t pos = base;
  for (const auto& e : edits) {
    if (e.begin < pos || e.end < e.begin || e.end > base + part.size()) return std::nullopt;
    out.append(part.substr(pos - base, e.begin - pos));
    out += e.text;
    pos = e.end;
  }
  out.append(part.substr(pos - base));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing new values

bool bare_key(std::string_view k) {
  if (k.empty()) return false;
  for (const unsigned char c : k)
    if (!(std::isalnum(c) || c == '_' || c == '-')) return false;
  return true;
}

// A basic string's body: quotes, backslashes and control characters escaped, the rest (Thai
// included) as UTF-8. `raw_newlines` keeps "\n" (and tabs) as they are, for """ strings.
std::string escaped(std::string_view s, bool raw_newlines, const std::string& nl) {
  std::string out;
  out.reserve(s.size() + 8);
  for (const unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += raw_newlines ? nl : "\\n"; break;
      case '\t': out += raw_newlines ? "\t" : "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

std::string basic_string(std::string_view s) {
  std::string out(1, '"');
  out += escaped(s, false, "\n");
  out += '"';
  return out;
}

std::string key_text(std::string_view k) { return bare_key(k) ? std::string(k) : basic_string(k); }

enum class StringStyle { Basic, Literal, MultiBasic, MultiLiteral };

struct OriginalString {
  StringStyle style = StringStyle::Basic;
  bool opening_newline = false;  // a multi-line string that starts on the line after its quotes
};

OriginalString string_style(std::string_view span) {
  OriginalString o;
  auto multi = [&](std::string_view delim, StringStyle style) {
    o.style = style;
    o.opening_newline = span.size() > 3 && (span[3] == '\n' || (span[3] == '\r' && span.size() > 4 && span[4] == '\n'));
    (void)delim;
  };
  if (span.substr(0, 3) == "\"\"\"") multi("\"\"\"", StringStyle::MultiBasic);
  else if (span.substr(0, 3) == "'''") multi("'''", StringStyle::MultiLiteral);
  else if (span.substr(0, 1) == "'") o.style = StringStyle::Literal;
  return o;
}

bool literal_allows(std::string_view s, bool multi_line) {
  for (const unsigned char c : s) {
    if (c == '\'') return false;
    if (c == '\t' || (multi_line && c == '\n')) continue;
    if (c < 0x20 || c == 0x7F) return false;
  }
  return true;
}

// The string in the style the original had, as far as the new text allows it.
std::string styled_string(std::string_view s, const OriginalString& o, const std::string& nl) {
  // TOML drops a newline right after the opening quotes: a text that starts with one needs
  // the dropped one in front of it.
  const bool opening = o.opening_newline || (!s.empty() && s.front() == '\n');
  switch (o.style) {
    case StringStyle::Literal:
      if (literal_allows(s, false)) return "'" + std::string(s) + "'";
      break;
    case StringStyle::MultiLiteral:
      if (literal_allows(s, true)) {
        std::string body;
        for (const char c : s) body += c == '\n' ? nl : std::string(1, c);
        return "'''" + (opening ? nl : "") + body + "'''";
      }
      [[fallthrough]];
    case StringStyle::MultiBasic:
      return "\"\"\"" + (opening ? nl : "") + escaped(s, true, nl) + "\"\"\"";
    case StringStyle::Basic: break;
  }
  return basic_string(s);
}

bool real_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (const size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  const int y = std::stoi(std::string(s.substr(0, 4))), m = std::stoi(std::string(s.substr(5, 2))),
            d = std::stoi(std::string(s.substr(8, 2)));
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap);
}

std::string float_text(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
  char buf[40];
  // The shortest text that reads back as the same double.
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  std::string s = buf;
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

// The schema's type for a value of the JSON's kind: a one-of is resolved by what the JSON is.
const data::Type* resolve(const data::Type* type, const Json& j) {
  if (!type || type->kind != data::Type::Kind::OneOf) return type;
  for (const auto& alt : type->alternatives) {
    const auto k = alt->kind;
    if ((j.is_string() && (k == data::Type::Kind::String || k == data::Type::Kind::Date)) ||
        (j.is_object() && k == data::Type::Kind::Table) || (j.is_array() && k == data::Type::Kind::Array) ||
        (json_is_number(j) && (k == data::Type::Kind::Integer || k == data::Type::Kind::Number)) ||
        (j.is_boolean() && k == data::Type::Kind::Bool))
      return alt.get();
  }
  return nullptr;
}

const data::Type* field_type(const data::Type* table, std::string_view key) {
  if (!table || table->kind != data::Type::Kind::Table) return nullptr;
  for (const auto& f : table->fields)
    if (f.name == key) return f.type.get();
  return nullptr;
}

const data::Type* element_type(const data::Type* array) {
  return array && array->kind == data::Type::Kind::Array ? array->element.get() : nullptr;
}

bool all_objects(const Json& j) {
  if (!j.is_array() || j.empty()) return false;
  for (const auto& e : j)
    if (!e.is_object()) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// The splice

enum class Shape { Scalar, InlineArray, InlineTable, TableArray, Header, Implicit, Dotted };

class Splicer {
 public:
  Splicer(std::string_view text, const TextMap& map) : text_(text), map_(map) {}

  bool run(const toml::table& root, const Json& wanted, const data::Type* type) {
    content_.assign(map_.line_count() + 1, 0);
    scan(root, 0);
    for (size_t l = 1; l < content_.size(); ++l) content_[l] += content_[l - 1];
    std::sort(headers_.begin(), headers_.end());
    headers_.erase(std::unique(headers_.begin(), headers_.end()), headers_.end());
    return diff_table(root, Shape::Header, wanted, type, "", "", true, 0);
  }

  std::vector<Edit> edits;
  std::string error;

 private:
  bool fail(std::string message) {
    if (error.empty()) error = std::move(message);
    return false;
  }

  size_t begin_of(const toml::node& n) const { return map_.offset(n.source().begin); }
  size_t end_of(const toml::node& n) const { return map_.offset(n.source().end); }
  size_t key_begin(const toml::key& k) const { return map_.offset(k.source().begin); }
  size_t last_line_of(const toml::node& n) const {
    const size_t e = end_of(n);
    return map_.line_of(e > 0 ? e - 1 : 0);
  }

  Shape shape_of(const toml::node& n) const {
    if (const auto* t = n.as_table()) {
      if (t->is_inline()) return Shape::InlineTable;
      const size_t b = begin_of(*t);
      if (b >= text_.size() || text_[b] != '[') return Shape::Dotted;
      // A table made by a deeper header ([a.b.c] makes a.b) has that header as its place.
      for (const auto& [k, v] : *t)
        if ((v.is_table() || v.is_array()) && begin_of(v) == b) return Shape::Implicit;
      return Shape::Header;
    }
    if (const auto* a = n.as_array()) {
      if (a->empty()) return Shape::InlineArray;
      for (const auto& e : *a)
        if (!e.is_table() || e.as_table()->is_inline()) return Shape::InlineArray;
      return Shape::TableArray;
    }
    return Shape::Scalar;
  }

  // Marks which lines hold keys, values and headers (the rest are blank or comments), and
  // lists the header lines.
  void mark(size_t from_line, size_t to_line) {
    if (from_line > to_line || to_line + 1 >= content_.size()) return;
    ++content_[from_line];
    --content_[to_line + 1];
  }
  void scan(const toml::table& t, int depth) {
    if (depth > kMaxDepth + 2) return;
    for (const auto& [k, v] : t) {
      switch (shape_of(v)) {
        case Shape::Scalar:
        case Shape::InlineArray:
        case Shape::InlineTable: mark(map_.line_of(key_begin(k)), last_line_of(v)); break;
        case Shape::Header: {
          const size_t line = map_.line_of(begin_of(v));
          mark(line, line);
          headers_.push_back(line);
          scan(*v.as_table(), depth + 1);
          break;
        }
        case Shape::Implicit:
        case Shape::Dotted: scan(*v.as_table(), depth + 1); break;
        case Shape::TableArray:
          for (const auto& row : *v.as_array()) {
            const size_t line = map_.line_of(begin_of(row));
            mark(line, line);
            headers_.push_back(line);
            scan(*row.as_table(), depth + 1);
          }
          break;
      }
    }
  }
  bool content(size_t line) const { return line < content_.size() && content_[line] > 0; }

  // The blank and comment lines directly above a header (they belong to it).
  size_t lead_start(size_t header_line) const {
    size_t l = header_line;
    while (l > 0 && !content(l - 1)) --l;
    return l;
  }
  // The comment lines touching a header, with no blank line between: they describe it.
  size_t attached_start(size_t header_line) const {
    size_t l = header_line;
    while (l > 0 && !content(l - 1) && !map_.blank(l - 1)) --l;
    return l;
  }

  void collect_headers(const toml::table& t, std::unordered_set<size_t>& out, int depth) const {
    if (depth > kMaxDepth + 2) return;
    for (const auto& [k, v] : t) {
      const Shape s = shape_of(v);
      if (s == Shape::Header) out.insert(map_.line_of(begin_of(v)));
      if (s == Shape::TableArray) {
        for (const auto& row : *v.as_array()) {
          out.insert(map_.line_of(begin_of(row)));
          collect_headers(*row.as_table(), out, depth + 1);
        }
      } else if (s == Shape::Header || s == Shape::Implicit || s == Shape::Dotted) {
        collect_headers(*v.as_table(), out, depth + 1);
      }
    }
  }

  // Where the text of a header table (or row) and everything under it ends: at the lead of
  // the first later header that is not its own, else after the file's last key or header.
  size_t block_end(const toml::table& t, bool is_root) const {
    if (is_root) return text_.size();
    std::unordered_set<size_t> own;
    own.insert(map_.line_of(begin_of(t)));
    collect_headers(t, own, 0);
    const size_t first = *std::min_element(own.begin(), own.end());
    for (auto it = std::upper_bound(headers_.begin(), headers_.end(), first); it != headers_.end(); ++it)
      if (!own.count(*it)) return map_.line_begin(lead_start(*it));
    for (size_t l = map_.line_count(); l-- > 0;)
      if (content(l)) return map_.line_next(l);
    return text_.size();
  }

  // The last line holding one of the table's own key = value lines (dotted ones included).
  std::optional<size_t> last_entry_line(const toml::table& t, int depth) const {
    std::optional<size_t> last;
    if (depth > kMaxDepth + 2) return last;
    for (const auto& [k, v] : t) {
      std::optional<size_t> line;
      switch (shape_of(v)) {
        case Shape::Scalar:
        case Shape::InlineArray:
        case Shape::InlineTable: line = last_line_of(v); break;
        case Shape::Dotted: line = last_entry_line(*v.as_table(), depth + 1); break;
        default: break;
      }
      if (line && (!last || *line > *last)) last = line;
    }
    return last;
  }

  // The path between a header's brackets, as written ("monitoring.project.activities").
  std::string header_path(size_t line) const {
    const auto t = map_.line_text(line);
    size_t i = t.find('[');
    if (i == std::string_view::npos) return "";
    while (i < t.size() && t[i] == '[') ++i;
    size_t j = i;
    char quote = 0;
    for (; j < t.size(); ++j) {
      if (quote) {
        if (t[j] == '\\' && quote == '"') ++j;
        else if (t[j] == quote) quote = 0;
      } else if (t[j] == '"' || t[j] == '\'') {
        quote = t[j];
      } else if (t[j] == ']') {
        break;
      }
    }
    auto p = t.substr(i, j - i);
    while (!p.empty() && (p.front() == ' ' || p.front() == '\t')) p.remove_prefix(1);
    while (!p.empty() && (p.back() == ' ' || p.back() == '\t')) p.remove_suffix(1);
    return std::string(p);
  }

  // The dotted prefix ("a.b.") that the keys of a dotted table are written after.
  std::string dotted_prefix(const toml::table& t) const {
    for (const auto& [k, v] : t) {
      const size_t kb = key_begin(k);
      const size_t line = map_.line_of(kb);
      const size_t start = map_.line_begin(line) + map_.indentation(line).size();
      if (kb >= start) return std::string(text_.substr(start, kb - start));
    }
    return "";
  }

  // After a value in an array or inline table: its comma, if any, and whether only
  // whitespace or a comment follow on its line. Returns the offset past the comma.
  struct After {
    size_t past_comma = 0;
    bool comma = false;
    bool line_clean = false;  // nothing but a comment after the comma on this line
    size_t next_line = 0;     // where the following line starts
  };
  After after_value(size_t end) const {
    After a;
    size_t p = end;
    auto skip_ws = [&] {
      while (p < text_.size() && (text_[p] == ' ' || text_[p] == '\t')) ++p;
    };
    skip_ws();
    if (p < text_.size() && text_[p] == ',') {
      a.comma = true;
      ++p;
    }
    a.past_comma = p;
    skip_ws();
    if (p < text_.size() && text_[p] == '#')
      while (p < text_.size() && text_[p] != '\n' && text_[p] != '\r') ++p;
    a.line_clean = p >= text_.size() || text_[p] == '\n' || (text_[p] == '\r' && p + 1 < text_.size() && text_[p + 1] == '\n');
    a.next_line = p >= text_.size() ? text_.size() : map_.line_next(map_.line_of(p));
    return a;
  }

  bool only_space_before(size_t offset) const {
    const size_t lb = map_.line_begin(map_.line_of(offset));
    return text_.substr(lb, offset - lb).find_first_not_of(" \t") == std::string_view::npos;
  }

  void replace(size_t begin, size_t end, std::string text) { edits.push_back({begin, end, std::move(text)}); }

  // Text inserted at `pos` as whole lines: a file that ends without a newline gets one first.
  // Several insertions can land there; they keep their order, so only the first needs it.
  std::string at_line_start(size_t pos, std::string lines) {
    if (pos > 0 && pos == text_.size() && text_[pos - 1] != '\n' && !final_newline_added_) {
      final_newline_added_ = true;
      return map_.nl() + lines;
    }
    return lines;
  }

  // ------------------------------------------------------------------ rendering new values

  std::optional<std::string> render_scalar(const Json& j, const data::Type* type, const OriginalString* style) {
    type = resolve(type, j);
    if (j.is_string()) {
      const auto& s = j.get_ref<const std::string&>();
      if (type && type->kind == data::Type::Kind::Date && real_date(s)) return s;
      return style ? styled_string(s, *style, map_.nl()) : basic_string(s);
    }
    if (j.is_boolean()) return std::string(j.get<bool>() ? "true" : "false");
    if (j.is_number_integer()) return std::to_string(j.get<int64_t>());
    if (j.is_number_unsigned()) {
      const uint64_t u = j.get<uint64_t>();
      if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
        return fail("the number " + std::to_string(u) + " is too large for TOML"), std::nullopt;
      return std::to_string(u);
    }
    if (j.is_number_float()) return float_text(j.get<double>());
    fail(j.is_null() ? "a value is null: TOML has no null" : "a value of an unknown kind");
    return std::nullopt;
  }

  // A value written after "key = ": arrays of long text one element a line (as the samples
  // write them) when `indent` is given, everything else on one line.
  std::optional<std::string> render_inline(const Json& j, const data::Type* type, const std::string* indent, int depth) {
    if (depth > kMaxDepth) return fail("the data is nested deeper than " + std::to_string(kMaxDepth) + " levels"), std::nullopt;
    type = resolve(type, j);
    if (j.is_array()) {
      if (j.empty()) return std::string("[]");
      std::vector<std::string> parts;
      size_t length = 0;
      bool tables = false;
      for (const auto& e : j) {
        auto p = render_inline(e, element_type(type), nullptr, depth + 1);
        if (!p) return std::nullopt;
        length += p->size() + 2;
        tables |= e.is_object();
        parts.push_back(std::move(*p));
      }
      if (indent && (length > 80 || (tables && parts.size() > 1))) {
        std::string out = "[" + map_.nl();
        for (const auto& p : parts) out += *indent + "  " + p + "," + map_.nl();
        return out + *indent + "]";
      }
      std::string out = "[";
      for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
      return out + "]";
    }
    if (j.is_object()) {
      std::string out;
      for (const auto& [k, v] : j.items()) {
        if (at_key(k)) continue;
        auto p = render_inline(v, field_type(type, k), nullptr, depth + 1);
        if (!p) return std::nullopt;
        out += (out.empty() ? "{ " : ", ") + key_text(k) + " = " + *p;
      }
      return out.empty() ? std::string("{}") : out + " }";
    }
    return render_scalar(j, type, nullptr);
  }

  // A new table follows the style of `like`, a table of the file in the same place (the last
  // row, when a row is added): a value `like` writes inline is written inline, the rest of its
  // tables and arrays of tables as sections.
  bool as_section(const Json& v, const toml::table* like, const std::string& key) const {
    if (!v.is_object() && !all_objects(v)) return false;
    const toml::node* n = like ? like->get(key) : nullptr;
    if (!n) return true;
    const Shape s = shape_of(*n);
    return s != Shape::Scalar && s != Shape::InlineArray && s != Shape::InlineTable;
  }
  const toml::table* sub_like(const toml::table* like, const std::string& key) const {
    const toml::node* n = like ? like->get(key) : nullptr;
    if (!n) return nullptr;
    const Shape s = shape_of(*n);
    if (s == Shape::TableArray) return n->as_array()->back().as_table();
    return s == Shape::Header || s == Shape::Implicit || s == Shape::Dotted ? n->as_table() : nullptr;
  }

  // "key = value" lines for the plain values of `object` (with `sections`, its tables and
  // arrays of tables are left to render_subsections).
  std::optional<std::string> render_key_lines(const Json& object, const data::Type* type, const std::string& indent,
                                              const std::string& prefix, bool sections, int depth,
                                              const toml::table* like = nullptr) {
    std::string out;
    for (const auto& [k, v] : object.items()) {
      if (at_key(k) || (sections && as_section(v, like, k))) continue;
      auto p = render_inline(v, field_type(type, k), &indent, depth + 1);
      if (!p) return std::nullopt;
      out += indent + prefix + key_text(k) + " = " + *p + map_.nl();
    }
    return out;
  }

  // A new table (or row, `row`) as a header and its keys, then its own tables as sections,
  // each after a blank line.
  std::optional<std::string> render_section(const std::string& path, const Json& object, const data::Type* type, bool row,
                                            int depth, const toml::table* like = nullptr) {
    if (depth > kMaxDepth) return fail("the data is nested deeper than " + std::to_string(kMaxDepth) + " levels"), std::nullopt;
    type = resolve(type, object);
    std::string out = map_.nl() + (row ? "[[" + path + "]]" : "[" + path + "]") + map_.nl();
    auto keys = render_key_lines(object, type, "", "", true, depth, like);
    if (!keys) return std::nullopt;
    out += *keys;
    auto subs = render_subsections(path, object, type, depth, like);
    if (!subs) return std::nullopt;
    return out + *subs;
  }
  std::optional<std::string> render_subsections(const std::string& path, const Json& object, const data::Type* type,
                                                int depth, const toml::table* like = nullptr) {
    std::string out;
    for (const auto& [k, v] : object.items()) {
      if (at_key(k) || !as_section(v, like, k)) continue;
      const std::string sub = (path.empty() ? "" : path + ".") + key_text(k);
      if (v.is_object()) {
        auto s = render_section(sub, v, field_type(type, k), false, depth + 1, sub_like(like, k));
        if (!s) return std::nullopt;
        out += *s;
      } else {
        for (const auto& e : v) {
          auto s = render_section(sub, e, element_type(resolve(field_type(type, k), v)), true, depth + 1, sub_like(like, k));
          if (!s) return std::nullopt;
          out += *s;
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ removing

  // Removes the lines of a key = value (and a comment on them).
  void remove_lines(size_t first_line, size_t last_line) {
    replace(map_.line_begin(first_line), map_.line_next(last_line), "");
  }

  // Where a header's removal starts: its own comments and the blank lines above them.
  size_t removal_start(size_t header_line) const {
    size_t l = attached_start(header_line);
    while (l > 0 && !content(l - 1) && map_.blank(l - 1)) --l;
    return map_.line_begin(l);
  }

  bool remove_entry(const toml::key& k, const toml::node& v, int depth) {
    if (depth > kMaxDepth + 2) return fail("the file is nested too deeply");
    switch (shape_of(v)) {
      case Shape::Scalar:
      case Shape::InlineArray:
      case Shape::InlineTable: remove_lines(map_.line_of(key_begin(k)), last_line_of(v)); return true;
      case Shape::Dotted:
      case Shape::Implicit:
        for (const auto& [ck, cv] : *v.as_table())
          if (!at_key(ck.str()) && !remove_entry(ck, cv, depth + 1)) return false;
        return true;
      case Shape::Header:
        replace(removal_start(map_.line_of(begin_of(v))), block_end(*v.as_table(), false), "");
        return true;
      case Shape::TableArray:
        for (const auto& row : *v.as_array())
          replace(removal_start(map_.line_of(begin_of(row))), block_end(*row.as_table(), false), "");
        return true;
    }
    return true;
  }

  // ------------------------------------------------------------------ diffing

  // One value of a table or array, both present. `block` says the value stands on its own
  // line(s) after a key (so a type change may write it whole).
  bool diff_value(const toml::node& v, const Json& w, const data::Type* type, const std::string& indent, int depth) {
    if (depth > kMaxDepth + 2) return fail("the data is nested deeper than " + std::to_string(kMaxDepth) + " levels");
    if (same_node(v, w, depth)) return true;
    type = resolve(type, w);
    const Shape s = shape_of(v);
    if (s == Shape::Scalar && !w.is_object() && !w.is_array()) {
      const size_t b = begin_of(v), e = end_of(v);
      std::optional<OriginalString> style;
      if (v.is_string()) style = string_style(text_.substr(b, e - b));
      auto t = render_scalar(w, type, style ? &*style : nullptr);
      if (!t) return false;
      replace(b, e, *t);
      return true;
    }
    if (s == Shape::InlineArray && w.is_array()) return diff_inline_array(*v.as_array(), w, type, indent, depth);
    if (s == Shape::InlineTable && w.is_object()) return diff_inline_table(*v.as_table(), w, type, indent, depth);
    if (s == Shape::Scalar || s == Shape::InlineArray || s == Shape::InlineTable) {
      auto t = render_inline(w, type, &indent, depth);
      if (!t) return false;
      replace(begin_of(v), end_of(v), *t);
      return true;
    }
    return fail("internal: a table where a value was expected");
  }

  struct Span {
    size_t begin = 0, end = 0;
  };

  // Removes maximal runs of removed elements of an array or inline table, each with its
  // separator; in a list written one element a line, the element's whole lines.
  void remove_runs(const std::vector<Span>& spans, const std::vector<bool>& removed, bool one_a_line) {
    const size_t n = spans.size();
    for (size_t s = 0; s < n;) {
      if (!removed[s]) {
        ++s;
        continue;
      }
      size_t e = s;
      while (e + 1 < n && removed[e + 1]) ++e;
      const After after = after_value(spans[e].end);
      if (one_a_line && after.line_clean && only_space_before(spans[s].begin)) {
        replace(map_.line_begin(map_.line_of(spans[s].begin)), after.next_line, "");
      } else if (e + 1 < n) {
        replace(spans[s].begin, spans[e + 1].begin, "");
      } else if (s > 0) {
        replace(spans[s - 1].end, spans[e].end, "");
      } else {
        replace(spans[s].begin, after.comma ? after.past_comma : spans[e].end, "");
      }
      s = e + 1;
    }
  }

  static std::optional<int64_t> row_of(const Json& w) {
    if (!w.is_object()) return std::nullopt;
    const auto it = w.find("@row");
    if (it == w.end()) return std::nullopt;
    if (it->is_number_integer()) return it->get<int64_t>();
    if (it->is_number_unsigned() && it->get<uint64_t>() < (uint64_t{1} << 62)) return static_cast<int64_t>(it->get<uint64_t>());
    return std::nullopt;
  }

  bool diff_inline_array(const toml::array& a, const Json& w, const data::Type* type, const std::string& indent, int depth) {
    const size_t n = a.size(), m = w.size();
    const data::Type* etype = element_type(type);
    auto rewrite = [&] {
      auto t = render_inline(w, type, &indent, depth);
      if (!t) return false;
      replace(begin_of(a), end_of(a), *t);
      return true;
    };
    // Which original element each wanted one is: a table by its "@row", a plain value by
    // equality (the longest common subsequence); the unmatched ones between two matches are
    // pairs of an old value and its edit, in order.
    auto equal = [&](size_t i, size_t j) {
      const toml::node& o = *a.get(j);
      if (o.is_table() || w[i].is_object()) {
        const auto r = row_of(w[i]);
        return o.is_table() && w[i].is_object() && r && *r == static_cast<int64_t>(j);
      }
      return same_node(o, w[i], depth + 1);
    };
    std::vector<int64_t> match(m, -1);
    size_t pre = 0;
    while (pre < n && pre < m && equal(pre, pre)) match[pre] = static_cast<int64_t>(pre), ++pre;
    size_t suf = 0;
    while (suf < n - pre && suf < m - pre && equal(m - 1 - suf, n - 1 - suf))
      match[m - 1 - suf] = static_cast<int64_t>(n - 1 - suf), ++suf;
    const size_t mn = n - pre - suf, mm = m - pre - suf;
    if (mn > 0 && mm > 0 && mn * mm <= 4'000'000) {
      std::vector<std::vector<uint32_t>> len(mm + 1, std::vector<uint32_t>(mn + 1, 0));
      for (size_t i = mm; i-- > 0;)
        for (size_t j = mn; j-- > 0;)
          len[i][j] = equal(pre + i, pre + j) ? len[i + 1][j + 1] + 1 : std::max(len[i + 1][j], len[i][j + 1]);
      for (size_t i = 0, j = 0; i < mm && j < mn;) {
        if (equal(pre + i, pre + j)) match[pre + i] = static_cast<int64_t>(pre + j), ++i, ++j;
        else if (len[i + 1][j] >= len[i][j + 1]) ++i;
        else ++j;
      }
    }
    // Pair the unmatched ones of each gap.
    std::vector<bool> survives(n, false);
    std::vector<bool> edited(m, false);
    for (size_t i = 0; i < m; ++i)
      if (match[i] >= 0) survives[match[i]] = true;
    {
      size_t j = 0;  // next original after the last match
      for (size_t i = 0; i < m; ++i) {
        if (match[i] >= 0) {
          j = static_cast<size_t>(match[i]) + 1;
          continue;
        }
        // The gap's originals run up to the next match.
        size_t limit = n;
        for (size_t k = i + 1; k < m; ++k)
          if (match[k] >= 0) {
            limit = static_cast<size_t>(match[k]);
            break;
          }
        if (j < limit && !row_of(w[i])) {
          match[i] = static_cast<int64_t>(j);
          edited[i] = true;
          survives[j] = true;
          ++j;
        }
      }
    }
    // A row that moved: write the array anew (its elements are short values on their lines).
    for (size_t i = 0; i < m; ++i) {
      const auto r = row_of(w[i]);
      if (r && *r >= 0 && static_cast<size_t>(*r) < n && a.get(*r)->is_table() && match[i] != *r) return rewrite();
    }
    bool any_survivor = false;
    for (const bool s : survives) any_survivor |= s;
    if (!any_survivor) return rewrite();

    std::vector<Span> spans(n);
    bool one_a_line = map_.line_of(begin_of(a)) != last_line_of(a);
    for (size_t j = 0; j < n; ++j) {
      spans[j] = {begin_of(*a.get(j)), end_of(*a.get(j))};
      one_a_line &= only_space_before(spans[j].begin);
    }
    for (size_t i = 0; i < m; ++i)
      if (match[i] >= 0 && !diff_value(*a.get(match[i]), w[i], etype, indent, depth + 1)) return false;
    std::vector<bool> removed(n);
    for (size_t j = 0; j < n; ++j) removed[j] = !survives[j];
    remove_runs(spans, removed, one_a_line);

    // New elements go after the element before them (or before the first one), in the
    // array's style: one a line with the same indentation, or ", " on one line.
    const After last_after = after_value(spans[n - 1].end);
    const bool trailing_comma = last_after.comma;
    int64_t last_survivor = -1;
    for (size_t j = 0; j < n; ++j)
      if (survives[j]) last_survivor = static_cast<int64_t>(j);
    for (size_t i = 0; i < m;) {
      if (match[i] >= 0) {
        ++i;
        continue;
      }
      size_t e = i;
      while (e + 1 < m && match[e + 1] < 0) ++e;
      std::vector<std::string> values;
      for (size_t k = i; k <= e; ++k) {
        auto t = render_inline(w[k], etype, nullptr, depth + 1);
        if (!t) return false;
        values.push_back(std::move(*t));
      }
      const int64_t anchor = i > 0 ? match[i - 1] : -1;
      if (anchor >= 0) {
        const Span& sp = spans[anchor];
        const After after = after_value(sp.end);
        const bool becomes_last = anchor == last_survivor;
        if (one_a_line && after.line_clean) {
          const std::string ind = map_.indentation(map_.line_of(sp.begin));
          if (!after.comma) replace(sp.end, sp.end, ",");
          std::string lines;
          for (size_t k = 0; k < values.size(); ++k) {
            const bool comma = !(becomes_last && k + 1 == values.size()) || trailing_comma;
            lines += ind + values[k] + (comma ? "," : "") + map_.nl();
          }
          replace(after.next_line, after.next_line, at_line_start(after.next_line, lines));
        } else {
          std::string t;
          for (const auto& v : values) t += ", " + v;
          replace(sp.end, sp.end, t);
        }
      } else {
        size_t first = 0;
        while (!survives[first]) ++first;
        const Span& sp = spans[first];
        if (one_a_line) {
          const size_t line = map_.line_of(sp.begin);
          const std::string ind = map_.indentation(line);
          std::string lines;
          for (const auto& v : values) lines += ind + v + "," + map_.nl();
          replace(map_.line_begin(line), map_.line_begin(line), lines);
        } else {
          std::string t;
          for (const auto& v : values) t += v + ", ";
          replace(sp.begin, sp.begin, t);
        }
      }
      i = e + 1;
    }
    return true;
  }

  bool diff_inline_table(const toml::table& t, const Json& w, const data::Type* type, const std::string& indent, int depth) {
    struct Entry {
      const toml::key* key;
      const toml::node* value;
      Span span;
    };
    std::vector<Entry> entries;
    for (const auto& [k, v] : t) {
      // Dotted keys inside an inline table: written anew rather than spliced.
      if (shape_of(v) == Shape::Dotted) {
        auto r = render_inline(w, type, &indent, depth);
        if (!r) return false;
        replace(begin_of(t), end_of(t), *r);
        return true;
      }
      entries.push_back({&k, &v, {key_begin(k), end_of(v)}});
    }
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.span.begin < b.span.begin; });
    std::vector<Span> spans;
    std::vector<bool> removed;
    bool any_survivor = false;
    for (const auto& e : entries) {
      spans.push_back(e.span);
      const std::string key(e.key->str());
      const bool gone = !at_key(key) && !w.contains(key);
      removed.push_back(gone);
      any_survivor |= !gone;
    }
    std::vector<std::pair<std::string, const Json*>> added;
    for (const auto& [k, v] : w.items())
      if (!at_key(k) && !t.contains(k)) added.emplace_back(k, &v);
    if (!any_survivor && !added.empty()) {
      auto r = render_inline(w, type, &indent, depth);
      if (!r) return false;
      replace(begin_of(t), end_of(t), *r);
      return true;
    }
    for (const auto& e : entries) {
      const std::string key(e.key->str());
      if (at_key(key) || !w.contains(key)) continue;
      if (!diff_value(*e.value, w.at(key), field_type(type, key), indent, depth + 1)) return false;
    }
    remove_runs(spans, removed, false);
    if (!added.empty()) {
      size_t last = 0;
      for (size_t i = 0; i < entries.size(); ++i)
        if (!removed[i]) last = i;
      std::string text;
      for (const auto& [k, v] : added) {
        auto r = render_inline(*v, field_type(type, k), nullptr, depth + 1);
        if (!r) return false;
        text += ", " + key_text(k) + " = " + *r;
      }
      replace(spans[last].end, spans[last].end, text);
    }
    return true;
  }

  // A table written with key = value lines: the root, a [header] table, a row, a dotted
  // table, or one made only by deeper headers (implicit). `path` is the header text of the
  // table (for its new sub-tables), `prefix` the dotted prefix of a dotted table's keys.
  bool diff_table(const toml::table& t, Shape shape, const Json& w, const data::Type* type, const std::string& path,
                  const std::string& prefix, bool is_root, int depth) {
    if (depth > kMaxDepth + 2) return fail("the data is nested deeper than " + std::to_string(kMaxDepth) + " levels");
    if (!w.is_object()) return fail("internal: a table compared with a value");
    type = resolve(type, w);
    std::vector<std::pair<std::string, const Json*>> added;
    for (const auto& [k, v] : t) {
      const std::string key(k.str());
      if (at_key(key)) continue;
      const auto it = w.find(key);
      if (it == w.end()) {
        if (!remove_entry(k, v, depth + 1)) return false;
        continue;
      }
      const Json& wv = *it;
      if (same_node(v, wv, depth + 1)) continue;
      const data::Type* ft = resolve(field_type(type, key), wv);
      const Shape s = shape_of(v);
      const std::string sub_path = (path.empty() ? "" : path + ".") + key_text(key);
      switch (s) {
        case Shape::Scalar:
        case Shape::InlineArray:
        case Shape::InlineTable:
          if (!diff_value(v, wv, ft, map_.indentation(map_.line_of(key_begin(k))), depth + 1)) return false;
          break;
        case Shape::Header:
        case Shape::Implicit:
        case Shape::Dotted:
          if (wv.is_object()) {
            const auto* sub = v.as_table();
            const std::string own_path = s == Shape::Header ? header_path(map_.line_of(begin_of(v))) : sub_path;
            const std::string own_prefix = s == Shape::Dotted ? dotted_prefix(*sub) : "";
            if (!diff_table(*sub, s, wv, ft, own_path, own_prefix, false, depth + 1)) return false;
          } else {
            if (!remove_entry(k, v, depth + 1)) return false;
            added.emplace_back(key, &wv);
          }
          break;
        case Shape::TableArray:
          if (all_objects(wv)) {
            if (!diff_table_array(*v.as_array(), wv, element_type(ft), depth + 1)) return false;
          } else {
            if (!remove_entry(k, v, depth + 1)) return false;
            added.emplace_back(key, &wv);
          }
          break;
      }
    }
    for (const auto& [k, v] : w.items())
      if (!at_key(k) && !t.contains(k)) added.emplace_back(k, &v);
    return added.empty() || add_entries(t, shape, added, type, path, prefix, is_root, depth);
  }

  bool add_entries(const toml::table& t, Shape shape, const std::vector<std::pair<std::string, const Json*>>& added,
                   const data::Type* type, const std::string& path, const std::string& prefix, bool is_root, int depth) {
    // Plain values as key lines after the table's last key line; tables and arrays of
    // tables as sections after the table's whole text (a dotted table has no sections: its
    // new tables are inline).
    const bool sections = shape != Shape::Dotted;
    Json plain = Json::object(), tables = Json::object();
    for (const auto& [k, v] : added) {
      if (sections && (v->is_object() || all_objects(*v))) tables[k] = *v;
      else plain[k] = *v;
    }
    if (!plain.empty()) {
      if (shape == Shape::Implicit) {
        // No line of its own to put keys after: give it its header.
        auto s = render_section(path, plain, type, false, depth);
        if (!s) return false;
        const size_t pos = block_end(t, false);
        replace(pos, pos, at_line_start(pos, *s));
      } else {
        size_t pos;
        std::string indent;
        if (const auto last = last_entry_line(t, 0)) {
          pos = map_.line_next(*last);
          indent = map_.indentation(*last);
        } else if (!is_root) {
          const size_t line = map_.line_of(begin_of(t));
          pos = map_.line_next(line);
          indent = map_.indentation(line);
        } else {
          pos = headers_.empty() ? text_.size() : map_.line_begin(lead_start(headers_.front()));
        }
        auto lines = render_key_lines(plain, type, indent, prefix, false, depth);
        if (!lines) return false;
        replace(pos, pos, at_line_start(pos, *lines));
      }
    }
    if (!tables.empty()) {
      auto s = render_subsections(path, tables, type, depth);
      if (!s) return false;
      const size_t pos = block_end(t, is_root);
      std::string text = *s;
      // At the very start of an empty file no blank line is needed before the header.
      if (pos == 0 && text.compare(0, map_.nl().size(), map_.nl()) == 0) text.erase(0, map_.nl().size());
      replace(pos, pos, at_line_start(pos, text));
    }
    return true;
  }

  bool diff_table_array(const toml::array& a, const Json& w, const data::Type* etype, int depth) {
    const size_t n = a.size(), m = w.size();
    struct Row {
      const toml::table* table;
      size_t header_line, unit_begin, gap_begin, body_end;
    };
    std::vector<Row> rows(n);
    for (size_t k = 0; k < n; ++k) {
      const auto* t = a.get(k)->as_table();
      const size_t hl = map_.line_of(begin_of(*t));
      // The first row's comments describe the whole array and stay in place; a later row's
      // comments touching its header move and go with it, the blank lines before them are
      // the separator between rows.
      rows[k] = {t, hl, map_.line_begin(k == 0 ? hl : attached_start(hl)), map_.line_begin(k == 0 ? hl : lead_start(hl)),
                 block_end(*t, false)};
    }
    const std::string path = header_path(rows[0].header_line);
    bool contiguous = true;
    for (size_t k = 0; k + 1 < n; ++k) contiguous &= rows[k].body_end == rows[k + 1].gap_begin;

    std::vector<int64_t> match(m, -1);
    std::vector<bool> used(n, false);
    for (size_t i = 0; i < m; ++i) {
      const auto r = row_of(w[i]);
      if (r && *r >= 0 && static_cast<size_t>(*r) < n && !used[*r]) {
        match[i] = *r;
        used[*r] = true;
      }
    }
    bool in_order = true;
    int64_t prev = -1;
    bool seen_new = false;
    for (size_t i = 0; i < m; ++i) {
      if (match[i] < 0) {
        seen_new = true;
      } else {
        in_order &= !seen_new && match[i] > prev;
        prev = match[i];
      }
    }

    auto row_diff = [&](size_t i) {
      const Row& r = rows[match[i]];
      return diff_table(*r.table, Shape::Header, w[i], resolve(etype, w[i]), path, "", false, depth + 1);
    };

    if (in_order) {
      for (size_t i = 0; i < m; ++i)
        if (match[i] >= 0 && !row_diff(i)) return false;
      for (size_t s = 0; s < n;) {
        if (used[s]) {
          ++s;
          continue;
        }
        size_t e = s;
        while (e + 1 < n && !used[e + 1]) ++e;
        // The separator between rows may hold comments of their own (they belong to the next
        // row's header): those stay, only the blank lines on the removed rows' side go.
        if (s == 0) {
          size_t end = rows[e].body_end;
          if (e + 1 < n && contiguous) {
            end = rows[e + 1].unit_begin;
            for (size_t l = map_.line_of(rows[e + 1].gap_begin); map_.line_begin(l) < rows[e + 1].unit_begin; ++l)
              if (!map_.blank(l)) {
                end = map_.line_begin(l);
                break;
              }
          }
          replace(rows[0].unit_begin, end, "");
        } else {
          size_t begin = rows[s].gap_begin;
          for (size_t l = map_.line_of(rows[s].gap_begin); map_.line_begin(l) < rows[s].unit_begin; ++l)
            if (!map_.blank(l)) begin = map_.line_next(l);
          replace(begin, rows[e].body_end, "");
        }
        s = e + 1;
      }
      std::string text;
      for (size_t i = 0; i < m; ++i) {
        if (match[i] >= 0) continue;
        auto s = render_section(path, w[i], resolve(etype, w[i]), true, depth + 1, rows[n - 1].table);
        if (!s) return false;
        text += *s;
      }
      if (!text.empty()) {
        const size_t pos = rows[n - 1].body_end;
        replace(pos, pos, at_line_start(pos, text));
      }
      return true;
    }

    // Rows moved: the rows' text is put together anew from each row's own text (with its own
    // edits), with the separators where they were.
    if (!contiguous) return fail("the rows of [[" + path + "]] are not together in the file, so they cannot be reordered");
    std::string out;
    const std::string& nl = map_.nl();
    for (size_t i = 0; i < m; ++i) {
      std::string piece;
      if (match[i] >= 0) {
        const Row& r = rows[match[i]];
        std::vector<Edit> outer;
        outer.swap(edits);
        const bool ok = row_diff(i);
        std::vector<Edit> inner;
        inner.swap(edits);
        edits.swap(outer);
        if (!ok) return false;
        auto applied = apply_edits(text_.substr(r.unit_begin, r.body_end - r.unit_begin), r.unit_begin, std::move(inner));
        if (!applied) return fail("an edit inside a row of [[" + path + "]] reaches outside it");
        piece = std::move(*applied);
      } else {
        auto s = render_section(path, w[i], resolve(etype, w[i]), true, depth + 1, rows[n - 1].table);
        if (!s) return false;
        piece = s->substr(nl.size());
      }
      if (piece.empty() || piece.back() != '\n') piece += nl;
      out += piece;
      if (i + 1 < m) {
        const size_t g = i + 1;
        out += g < n ? std::string(text_.substr(rows[g].gap_begin, rows[g].unit_begin - rows[g].gap_begin)) : nl;
      }
    }
    const size_t area_end = rows[n - 1].body_end;
    if (area_end > 0 && text_[area_end - 1] != '\n' && out.size() >= nl.size()) out.erase(out.size() - nl.size());
    replace(rows[0].unit_begin, area_end, out);
    return true;
  }

  std::string_view text_;
  const TextMap& map_;
  std::vector<int> content_;  // per line: > 0 when a key, value or header is on it
  std::vector<size_t> headers_;
  bool final_newline_added_ = false;
};

}  // namespace

bool same_data(const nlohmann::ordered_json& a, const nlohmann::ordered_json& b) { return same_json(a, b, 0); }

SpliceResult splice_toml(std::string_view original, const nlohmann::ordered_json& wanted, const data::Type& root_type,
                         const std::string& display_name) {
  SpliceResult result;
  if (!wanted.is_object()) return {std::nullopt, display_name + ": the data of a file must be an object"};
  if (json_depth_over(wanted, 1) > kMaxDepth)
    return {std::nullopt, display_name + ": the data is nested deeper than " + std::to_string(kMaxDepth) + " levels"};
  // The same bounds the loader puts on the text before toml++ recurses on it.
  Diagnostics shape_diags;
  if (!data::check_toml_shape(original, display_name, data::kMaxNesting, data::kMaxKeyParts, shape_diags))
    return {std::nullopt, shape_diags.format_all()};
  toml::table root;
  try {
    root = toml::parse(original, display_name);
  } catch (const toml::parse_error& err) {
    return {std::nullopt, display_name + ": the file on disk is not valid TOML (" + std::string(err.description()) +
                              "); it cannot be edited in place"};
  }
  if (same_node(root, wanted, 0)) return {std::string(original), ""};

  const TextMap map(original);
  Splicer splicer(original, map);
  if (!splicer.run(root, wanted, &root_type)) return {std::nullopt, display_name + ": " + splicer.error};
  auto text = apply_edits(original, 0, std::move(splicer.edits));
  if (!text) return {std::nullopt, display_name + ": internal: the edits overlap"};

  // The guarantee: what is written reads back as exactly what was asked for.
  Diagnostics diags;
  const auto tree = data::parse_toml(*text, display_name, diags);
  if (!tree) return {std::nullopt, display_name + ": the edited file would not load: " + diags.format_all()};
  if (!same_json(file_to_json(*tree), wanted, 0))
    return {std::nullopt, display_name + ": internal: the edit could not be written without changing other data"};
  return {std::move(text), ""};
}

}  // namespace oitgen::serve
