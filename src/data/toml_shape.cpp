#include "data/toml_shape.h"

#include <vector>

namespace oitgen::data {
namespace {

bool is_bare_key_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// Walks the text keeping line and column as toml++ counts them (1-based, in code points).
class Scanner {
 public:
  explicit Scanner(std::string_view text) : t_(text) {}
  bool done() const { return i_ >= t_.size(); }
  char peek(size_t ahead = 0) const { return i_ + ahead < t_.size() ? t_[i_ + ahead] : '\0'; }
  bool starts_with(std::string_view s) const { return t_.substr(i_, s.size()) == s; }
  void advance() {
    const char c = t_[i_++];
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column_;  // not a UTF-8 continuation byte: a new code point
    }
  }
  void advance(size_t n) {
    for (size_t k = 0; k < n && !done(); ++k) advance();
  }
  int line() const { return line_; }
  // Column of the code point at the current position (a lead byte counts, continuations not).
  int column() const { return column_; }

  // Skips a string that starts here (the opening quote is at the current position).
  void skip_string() {
    const char q = peek();
    const bool basic = q == '"';
    const std::string_view triple = basic ? "\"\"\"" : "'''";
    if (starts_with(triple)) {
      advance(3);
      while (!done()) {
        if (basic && peek() == '\\') {
          advance(2);
        } else if (starts_with(triple)) {
          // Up to two quotes may stand before the closing three; take the whole run.
          while (peek() == q) advance();
          return;
        } else {
          advance();
        }
      }
      return;
    }
    advance();
    while (!done() && peek() != '\n') {
      if (basic && peek() == '\\') {
        advance();
        if (!done() && peek() != '\n') advance();
      } else if (peek() == q) {
        advance();
        return;
      } else {
        advance();
      }
    }
  }

  void skip_comment() {
    while (!done() && peek() != '\n') advance();
  }

  void skip_blanks() {
    while (peek() == ' ' || peek() == '\t') advance();
  }

 private:
  std::string_view t_;
  size_t i_ = 0;
  int line_ = 1;
  int column_ = 1;
};

}  // namespace

bool check_toml_shape(std::string_view text, const std::string& display_path, int max_nesting, int max_key_parts,
                      Diagnostics& diags) {
  Scanner s(text);
  auto fail = [&](int line, int column, const std::string& message) {
    diags.error({display_path, line, column}, message);
    return false;
  };
  const std::string too_deep = "tables, arrays and dotted keys nest more than " + std::to_string(max_nesting) +
                               " levels deep";
  // How deep the tree is where the text stands: the depth of each open array or inline table,
  // over the depth of the current [table] (its header's parts, one more for [[array]]). A key
  // of k parts puts its value k below the table it is in; an array's element is one below it.
  std::vector<int> open;
  int table_depth = 0;
  bool line_start = true;  // only blanks since the line began: a '[' here opens a header
  bool in_header = false;
  bool array_header = false;
  int value_depth = -1;  // after `key =`: the depth of the value that follows; -1 elsewhere
  while (!s.done()) {
    const char c = s.peek();
    if (c == ' ' || c == '\t' || c == '\r') {
      s.advance();
      continue;
    }
    if (c == '\n') {
      line_start = true;
      s.advance();
      continue;
    }
    const bool at_line_start = line_start;
    line_start = false;
    const int container = open.empty() ? table_depth : open.back();
    const int depth_here = value_depth >= 0 ? value_depth : container + 1;  // a value's, or an element's
    value_depth = -1;
    if (c == '#') {
      s.skip_comment();
      continue;
    }
    if (c == '"' || c == '\'' || is_bare_key_char(c)) {
      // A dotted run: a key, a table header or (harmlessly) a float's digits. Its parts are
      // counted in any case; as a key, how deep it puts its value too (known at its '=').
      int parts = 0, first_too_deep_line = 0, first_too_deep_column = 0;
      while (true) {
        ++parts;
        if (parts > max_key_parts)
          return fail(s.line(), s.column(),
                      "a dotted key or table header has more than " + std::to_string(max_key_parts) + " parts");
        if (container + parts == max_nesting + 1 && !first_too_deep_line) {
          first_too_deep_line = s.line();
          first_too_deep_column = s.column();
        }
        if (s.peek() == '"' || s.peek() == '\'') {
          s.skip_string();
        } else {
          while (is_bare_key_char(s.peek())) s.advance();
        }
        s.skip_blanks();
        if (s.peek() != '.') break;
        s.advance();
        s.skip_blanks();
        if (!(s.peek() == '"' || s.peek() == '\'' || is_bare_key_char(s.peek()))) break;
      }
      if (in_header) {
        table_depth = container + parts;
        if (table_depth > max_nesting) return fail(first_too_deep_line, first_too_deep_column, too_deep);
      } else if (s.peek() == '=') {
        if (container + parts > max_nesting) return fail(first_too_deep_line, first_too_deep_column, too_deep);
        s.advance();
        value_depth = container + parts;
      }
      continue;
    }
    if (c == '[' && at_line_start && open.empty()) {
      s.advance();
      array_header = s.peek() == '[';
      if (array_header) s.advance();
      in_header = true;
      table_depth = array_header ? 1 : 0;  // the header's parts count from the top
      continue;
    }
    if (c == ']' && in_header) {
      s.advance();
      if (array_header && s.peek() == ']') s.advance();
      in_header = false;
      continue;
    }
    if (c == '[' || c == '{') {
      if (depth_here > max_nesting) return fail(s.line(), s.column(), too_deep);
      open.push_back(depth_here);
    } else if ((c == ']' || c == '}') && !open.empty()) {
      open.pop_back();
    }
    s.advance();
  }
  return true;
}

}  // namespace oitgen::data
