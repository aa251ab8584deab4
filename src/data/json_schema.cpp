#include "data/json_schema.h"

#include "data/toml_loader.h"

#include <algorithm>
#include <cstdio>

namespace oitgen::data {
namespace {

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') out += '\\', out += static_cast<char>(c);
    else if (c == '\n') out += "\\n";
    else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else out += static_cast<char>(c);
  }
  return out + "\"";
}

std::string indent(int depth) { return std::string(2 * depth, ' '); }

std::string join(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

void write(const Type& type, const std::string& path, const std::map<std::string, FieldDescription>& descriptions,
           bool optional_keys, int depth, std::string& out) {
  const std::string in = indent(depth + 1);
  out += "{\n";
  std::vector<std::string> members;
  if (auto d = descriptions.find(path); d != descriptions.end() && !path.empty())
    members.push_back(in + "\"description\": " + quoted(d->second.en + (d->second.th.empty() ? "" : " — " + d->second.th)));
  switch (type.kind) {
    case Type::Kind::String:
      members.push_back(in + "\"type\": \"string\"");
      if (!type.allow_empty && type.choices.empty()) members.push_back(in + "\"pattern\": \"\\\\S\"");
      if (!type.choices.empty()) {
        std::string list;
        for (const auto& c : type.choices) list += (list.empty() ? "" : ", ") + quoted(c.value);
        members.push_back(in + "\"enum\": [" + list + "]");
      }
      break;
    case Type::Kind::Integer: members.push_back(in + "\"type\": \"integer\""); break;
    case Type::Kind::Number: members.push_back(in + "\"type\": \"number\""); break;
    case Type::Kind::Date:
      members.push_back(in + "\"type\": \"string\"");
      members.push_back(in + "\"format\": \"date\"");
      break;
    case Type::Kind::Bool: members.push_back(in + "\"type\": \"boolean\""); break;
    case Type::Kind::Array: {
      members.push_back(in + "\"type\": \"array\"");
      std::string items;
      write(*type.element, path, descriptions, false, depth + 1, items);
      members.push_back(in + "\"items\": " + items);
      break;
    }
    case Type::Kind::OneOf: {
      std::string any = "[\n";
      for (size_t i = 0; i < type.alternatives.size(); ++i) {
        std::string alt;
        write(*type.alternatives[i], path, descriptions, false, depth + 2, alt);
        any += indent(depth + 2) + alt + (i + 1 < type.alternatives.size() ? ",\n" : "\n");
      }
      members.push_back(in + "\"anyOf\": " + any + in + "]");
      break;
    }
    case Type::Kind::Table: {
      members.push_back(in + "\"type\": \"object\"");
      if (type.open_keys) break;  // names the user chooses: any key
      std::string props = "{\n", required;
      for (size_t i = 0; i < type.fields.size(); ++i) {
        const Field& f = type.fields[i];
        std::string value;
        write(*f.type, join(path, f.name), descriptions, false, depth + 2, value);
        props += indent(depth + 2) + quoted(f.name) + ": " + value + (i + 1 < type.fields.size() ? ",\n" : "\n");
        if (f.required && !optional_keys) required += std::string(required.empty() ? "" : ", ") + quoted(f.name);
      }
      members.push_back(in + "\"properties\": " + props + in + "}");
      if (!required.empty()) members.push_back(in + "\"required\": [" + required + "]");
      members.push_back(in + "\"additionalProperties\": false");
      break;
    }
  }
  for (size_t i = 0; i < members.size(); ++i) out += members[i] + (i + 1 < members.size() ? ",\n" : "\n");
  out += indent(depth) + "}";
}

void collect(const Type& type, const std::string& path, std::vector<std::string>& out) {
  if (type.kind == Type::Kind::Array) return collect(*type.element, path, out);
  if (type.kind == Type::Kind::OneOf) {
    for (const auto& alt : type.alternatives) collect(*alt, path, out);
    return;
  }
  if (type.kind != Type::Kind::Table) return;
  for (const auto& f : type.fields) {
    const std::string p = join(path, f.name);
    if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    collect(*f.type, p, out);
  }
}

}  // namespace

std::string to_json_schema(const Type& type, const std::string& title,
                           const std::map<std::string, FieldDescription>& descriptions, bool top_level_optional) {
  std::string body;
  write(type, "", descriptions, top_level_optional, 0, body);
  // The header members go first in the root object.
  return "{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n  \"title\": " + quoted(title) + "," +
         body.substr(1);
}

std::vector<std::string> key_paths(const Type& type) {
  std::vector<std::string> out;
  collect(type, "", out);
  return out;
}

std::map<std::string, FieldDescription> load_descriptions(const std::filesystem::path& path, Diagnostics& diags) {
  std::map<std::string, FieldDescription> descriptions;
  if (auto tree = load_toml_file(path, path.string(), diags)) {
    for (const auto& [key, entry] : tree->table) {
      const Node* en = entry->get("en");
      const Node* th = entry->get("th");
      descriptions[key] = {en && en->is_string() ? en->s : "", th && th->is_string() ? th->s : ""};
    }
  }
  return descriptions;
}

}  // namespace oitgen::data
