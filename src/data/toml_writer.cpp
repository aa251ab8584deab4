#include "data/toml_writer.h"

#include <cmath>
#include <cstdio>

namespace oitgen::data {
namespace {

bool bare_key(const std::string& k) {
  if (k.empty()) return false;
  for (unsigned char c : k)
    if (!(std::isalnum(c) || c == '_' || c == '-')) return false;
  return true;
}

std::string key_text(const std::string& k) {
  if (bare_key(k)) return k;
  std::string out = "\"";
  for (char c : k) out += c == '"' ? std::string("\\\"") : std::string(1, c);
  return out + "\"";
}

std::string string_text(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

bool is_table_array(const Node& n) {
  if (!n.is_array() || n.array.empty()) return false;
  for (const auto& e : n.array)
    if (!e->is_table()) return false;
  return true;
}

std::string value_text(const Node& n);

std::string inline_table(const Node& n) {
  std::string out = "{ ";
  for (size_t i = 0; i < n.table.size(); ++i)
    out += (i ? ", " : "") + key_text(n.table[i].first) + " = " + value_text(*n.table[i].second);
  return out + " }";
}

std::string value_text(const Node& n) {
  switch (n.kind) {
    case Node::Kind::String: return string_text(n.s);
    case Node::Kind::Integer: return std::to_string(n.i);
    case Node::Kind::Float: {
      char buf[40];
      std::snprintf(buf, sizeof buf, "%.10g", n.f);
      std::string s = buf;
      if (s.find_first_of(".eE") == std::string::npos) s += ".0";
      return s;
    }
    case Node::Kind::Bool: return n.b ? "true" : "false";
    case Node::Kind::Date: {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", n.date.year, n.date.month, n.date.day);
      return buf;
    }
    case Node::Kind::Table: return inline_table(n);
    case Node::Kind::Array: {
      if (n.array.empty()) return "[]";
      std::string out = "[\n";
      for (const auto& e : n.array) out += "  " + value_text(*e) + ",\n";
      return out + "]";
    }
    case Node::Kind::Null: return "\"\"";
  }
  return "\"\"";
}

class Writer {
 public:
  explicit Writer(const std::map<std::string, std::string>& comments) : comments_(comments) {}

  // The plain keys of `table` first, then its sub-tables and arrays of tables.
  void table(const Node& t, const std::string& header, const std::string& path) {
    for (const auto& [key, value] : t.table) {
      if (value->is_table() || is_table_array(*value)) continue;
      const std::string p = join(path, key);
      out_ += key_text(key) + " = " + value_text(*value) + comment(p) + "\n";
    }
    for (const auto& [key, value] : t.table) {
      const std::string h = header.empty() ? key_text(key) : header + "." + key_text(key);
      const std::string p = join(path, key);
      if (value->is_table()) {
        out_ += "\n[" + h + "]" + comment(p) + "\n";
        table(*value, h, p);
      } else if (is_table_array(*value)) {
        for (size_t i = 0; i < value->array.size(); ++i) {
          const std::string pi = p + "[" + std::to_string(i + 1) + "]";
          out_ += "\n[[" + h + "]]" + comment(pi) + "\n";
          table(*value->array[i], h, pi);
        }
      }
    }
  }

  std::string text() const { return out_; }

 private:
  static std::string join(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }
  std::string comment(const std::string& path) const {
    auto it = comments_.find(path);
    return it == comments_.end() ? "" : "  # " + it->second;
  }
  const std::map<std::string, std::string>& comments_;
  std::string out_;
};

}  // namespace

std::string to_toml(const Node& root, const std::map<std::string, std::string>& comments) {
  Writer w(comments);
  w.table(root, "", "");
  std::string text = w.text();
  while (!text.empty() && text.front() == '\n') text.erase(0, 1);
  return text;
}

}  // namespace oitgen::data
