#include "serve/schema_json.h"

namespace oitgen::serve {
namespace {

using Json = nlohmann::ordered_json;

Json type_json(const data::Type& t, int depth) {
  Json out = Json::object();
  if (depth > 64) return out;  // the schema is ours and shallow; a bound all the same
  using K = data::Type::Kind;
  switch (t.kind) {
    case K::String: out["kind"] = t.paragraph ? "text" : "string"; break;
    case K::Integer: out["kind"] = "integer"; break;
    case K::Number: out["kind"] = "number"; break;
    case K::Date: out["kind"] = "date"; break;
    case K::Bool: out["kind"] = "bool"; break;
    case K::Table: out["kind"] = "table"; break;
    case K::Array: out["kind"] = "array"; break;
    case K::OneOf: out["kind"] = "oneof"; break;
  }
  if (t.kind == K::String) {
    out["allow_empty"] = t.allow_empty;
    if (!t.choices.empty()) {
      Json list = Json::array();
      for (const auto& c : t.choices) list.push_back({{"value", c.value}, {"en", c.en}, {"th", c.th}});
      out["choices"] = std::move(list);
    }
    if (!t.ref.empty()) out["ref"] = t.ref;
  }
  if (t.kind == K::Table) {
    if (t.open_keys) out["open"] = true;
    Json fields = Json::array();
    for (const auto& f : t.fields) fields.push_back({{"name", f.name}, {"required", f.required}, {"type", type_json(*f.type, depth + 1)}});
    out["fields"] = std::move(fields);
  }
  if (t.kind == K::Array && t.element) out["element"] = type_json(*t.element, depth + 1);
  if (t.kind == K::OneOf) {
    Json alts = Json::array();
    for (const auto& a : t.alternatives) alts.push_back(type_json(*a, depth + 1));
    out["alternatives"] = std::move(alts);
  }
  return out;
}

}  // namespace

Json schema_json(const data::Type& root, const std::map<std::string, data::FieldDescription>& descriptions) {
  Json d = Json::object();
  for (const auto& [path, text] : descriptions) d[path] = {{"en", text.en}, {"th", text.th}};
  return {{"root", type_json(root, 0)}, {"descriptions", std::move(d)}};
}

}  // namespace oitgen::serve
