#pragma once
// The editor's save path (serve/toml_splice.h) under a fuzzer: the input is a TOML text, a NUL,
// then either a JSON text (it starts with '{': the data the page sends) or edit operations, one
// per two bytes, applied to the text's own tree (change a leaf, remove an element or key, add a
// row, change a value's type, copy a row, swap two elements). Whatever the input, splice_toml
// either refuses or gives a text that data::parse_toml reads back as exactly the data sent; and
// the text's own tree, unchanged, gives the original bytes. Shared by the libFuzzer target and
// the regression replay of the suite.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "data/dataset_schema.h"
#include "data/toml_loader.h"
#include "serve/toml_splice.h"
#include "serve/tree_json.h"

namespace oitgen::fuzz {

namespace splice_detail {

using Json = nlohmann::ordered_json;

// Every object and array of `j` (not inside "@" keys), as JSON pointers.
inline void containers(const Json& j, const Json::json_pointer& at, std::vector<Json::json_pointer>& out, int depth) {
  if (depth > 80) return;
  if (j.is_object() || j.is_array()) out.push_back(at);
  if (j.is_object()) {
    for (const auto& [k, v] : j.items())
      if (k.empty() || k[0] != '@') containers(v, at / k, out, depth + 1);
  } else if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i) containers(j[i], at / i, out, depth + 1);
  }
}

// A value chosen by a byte: every kind the page can send, Thai and quotes included.
inline Json value_of(unsigned b) {
  switch (b % 12) {
    case 0: return "ค่าใหม่";
    case 1: return "it's \"quoted\"\nand two lines";
    case 2: return 42;
    case 3: return -7.25;
    case 4: return true;
    case 5: return "2566-10-01";
    case 6: return "2024-02-29";
    case 7: return Json::array({"a", 2});
    case 8: return Json::object({{"name", "x"}, {"n", 1}});
    case 9: return Json::array({Json::object({{"q", "v"}}), Json::object({{"q", 2}})});
    case 10: return "";
    default: return Json::object();
  }
}

// A key chosen by a byte: bare, quoted, dotted-looking, Thai, empty, "@"-like.
inline std::string key_of(unsigned b) {
  static const char* kKeys[] = {"new_key", "a b", "x.y", "ชื่อ", "", "\"q\"", "k-1", "name", "title", "date"};
  return kKeys[b % (sizeof kKeys / sizeof kKeys[0])];
}

inline void apply_op(Json& w, unsigned op, unsigned arg) {
  std::vector<Json::json_pointer> all;
  containers(w, Json::json_pointer(), all, 0);
  if (all.empty()) return;
  Json& c = w[all[arg % all.size()]];
  const unsigned what = op % 8, pick = op / 8;
  if (c.is_array()) {
    const size_t n = c.size();
    switch (what) {
      case 0: if (n) c.erase(pick % n); break;                        // remove an element
      case 1: if (n) { Json copy = c[pick % n]; if (copy.is_object()) copy.erase("@row"); c.push_back(copy); } break;  // add a row like one
      case 2: if (n >= 2) std::swap(c[pick % n], c[(pick / 3 + 1) % n]); break;  // move
      case 3: c.push_back(value_of(pick)); break;                       // add an element
      case 4: if (n) c[pick % n] = value_of(pick / 2); break;           // change an element (type too)
      case 5: if (n && c[pick % n].is_object()) c[pick % n].erase("@row"); break;  // a row made new
      case 6: c.insert(c.begin() + static_cast<long>(n ? pick % (n + 1) : 0), value_of(pick / 3)); break;
      default: if (n && c[pick % n].is_object()) c[pick % n]["@row"] = pick % 5; break;  // a row claims another's place
    }
  } else if (c.is_object()) {
    std::vector<std::string> keys;
    for (const auto& [k, v] : c.items()) keys.push_back(k);
    const std::string k = keys.empty() ? std::string() : keys[pick % keys.size()];
    switch (what) {
      case 0: if (!keys.empty()) c.erase(k); break;                     // remove a key
      case 1: c[key_of(pick)] = value_of(pick / 3); break;              // add a key
      case 2: if (!keys.empty()) c[k] = value_of(pick / 2); break;      // change a value (and its type)
      case 3: if (!keys.empty() && c[k].is_string()) c[k] = c[k].get<std::string>() + "ต่อ"; break;  // edit a leaf
      case 4:
        if (!keys.empty() && c[k].is_number_integer() && !c[k].is_number_unsigned() && c[k].get<int64_t>() < INT64_MAX)
          c[k] = c[k].get<int64_t>() + 1;
        break;
      case 5: if (!keys.empty() && c[k].is_number()) c[k] = std::to_string(c[k].get<double>()); break;  // number as text
      case 6: if (!keys.empty()) { Json v = c[k]; c.erase(k); c[k] = std::move(v); } break;  // key order changed
      default: if (!keys.empty() && c[k].is_string()) c[k] = Json::array({c[k]}); break;
    }
  }
}

}  // namespace splice_detail

// "" when splice_toml kept its promise; else what it broke.
inline std::string exercise_splice(std::string_view input) {
  using Json = splice_detail::Json;
  const size_t nul = input.find('\0');
  const std::string_view original = input.substr(0, nul);
  const std::string_view rest = nul == std::string_view::npos ? std::string_view() : input.substr(nul + 1);
  // dataset_schema() gives a shared pointer: kept, not dereferenced as a temporary.
  static const data::TypeRef schema_ref = data::dataset_schema();
  const data::Type& schema = *schema_ref;

  Diagnostics diags;
  const auto tree = data::parse_toml(original, "f.toml", diags);
  Json wanted;
  if (!rest.empty() && rest.front() == '{') {
    wanted = Json::parse(rest, nullptr, false);
    if (wanted.is_discarded()) return "";
  } else {
    if (!tree) {
      // Not a file the editor can load: a splice must refuse it, whatever it is sent.
      const auto r = serve::splice_toml(original, Json::object({{"a", 1}}), schema, "f.toml");
      return r.text && !data::parse_toml(*r.text, "f.toml", diags) ? "a text that does not load was returned" : "";
    }
    const Json base = serve::file_to_json(*tree);
    const auto same = serve::splice_toml(original, base, schema, "f.toml");
    if (!same.text) return "the unchanged tree was refused: " + same.error;
    if (*same.text != original) return "the unchanged tree changed the bytes";
    wanted = base;
    for (size_t i = 0; i + 1 < rest.size() && i < 16; i += 2)
      splice_detail::apply_op(wanted, static_cast<unsigned char>(rest[i]), static_cast<unsigned char>(rest[i + 1]));
  }
  const auto r = serve::splice_toml(original, wanted, schema, "f.toml");
  if (!r.text) return "";
  if (tree && serve::same_data(serve::file_to_json(*tree), wanted) && *r.text != original)
    return "data equal to the file's own changed its bytes";
  Diagnostics again;
  const auto back = data::parse_toml(*r.text, "f.toml", again);
  if (!back) return "the spliced text does not load: " + again.format_all();
  if (!serve::same_data(serve::file_to_json(*back), wanted)) return "the spliced text holds other data than was sent";
  return "";
}

}  // namespace oitgen::fuzz
