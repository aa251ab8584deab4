#include "data/toml_shape.h"

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
  int depth = 0;
  // Parts of the dotted run being read: a key, a table header or (harmlessly) a float's digits.
  // Counting outside keys too keeps the pass free of TOML's grammar; no valid value has dots
  // outside strings but a float's one.
  int parts = 0;
  bool after_dot = false;  // the last thing seen (blanks aside) was a '.' of the run
  while (!s.done()) {
    const char c = s.peek();
    const bool starts_part = c == '"' || c == '\'' || is_bare_key_char(c);
    if (starts_part) {
      if (!after_dot) parts = 0;
      if (++parts > max_key_parts) {
        diags.error({display_path, s.line(), s.column()},
                    "a dotted key or table header has more than " + std::to_string(max_key_parts) + " parts");
        return false;
      }
      after_dot = false;
      if (c == '"' || c == '\'') {
        s.skip_string();
      } else {
        while (is_bare_key_char(s.peek())) s.advance();
      }
      s.skip_blanks();
      if (s.peek() == '.') {
        s.advance();
        s.skip_blanks();
        after_dot = true;
      }
      continue;
    }
    after_dot = false;
    parts = 0;
    if (c == '#') {
      s.skip_comment();
      continue;
    }
    if (c == '[' || c == '{') {
      if (++depth > max_nesting) {
        diags.error({display_path, s.line(), s.column()}, "arrays and inline tables nest more than " +
                                                               std::to_string(max_nesting) + " levels deep");
        return false;
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
    s.advance();
  }
  return true;
}

}  // namespace oitgen::data
