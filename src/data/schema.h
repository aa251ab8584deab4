#pragma once
// A small declarative schema for the data tree: which keys a table may have, of which type,
// and which are required. Checking reports every problem with the file:line:col of the value.
// (The data set's own description is in data/dataset_schema.h.)
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "data/node.h"

namespace oitgen::data {

struct Type;
using TypeRef = std::shared_ptr<const Type>;

struct Field {
  std::string name;
  TypeRef type;
  bool required = false;
};

// One value of a string that takes a fixed list of words (an activity's status): the word the
// data holds and how the editor shows it.
struct Choice {
  std::string value, en, th;
};

struct Type {
  enum class Kind { String, Integer, Number, Date, Bool, Table, Array, OneOf };
  Kind kind = Kind::String;
  std::vector<Field> fields;         // Table
  TypeRef element;                   // Array
  std::vector<TypeRef> alternatives;  // OneOf
  bool allow_empty = false;          // String: "" is a valid value
  bool open_keys = false;            // Table: any key (the caller checks the entries)
  // For the editor (and the JSON Schema); the model checks the values themselves.
  std::vector<Choice> choices;  // String: one of these words
  std::string ref;              // String: the id of a "people" entry, or an "oit" catalogue item
  bool paragraph = false;       // String: a paragraph of running text (a text area), not a line
  std::string describe() const;
};

TypeRef string_type();
TypeRef optional_text_type();  // a string that may be ""
TypeRef integer_type();
TypeRef number_type();
TypeRef date_type();
TypeRef bool_type();
TypeRef table_type(std::vector<Field> fields);
TypeRef array_of(TypeRef element);
TypeRef open_table_type();  // a table whose keys are names the user chooses
TypeRef one_of(std::vector<TypeRef> alternatives);
TypeRef choice_type(std::vector<Choice> choices);
TypeRef ref_type(std::string ref);  // "people" or "oit"
TypeRef paragraph_type();

inline Field req(std::string name, TypeRef t) { return {std::move(name), std::move(t), true}; }
inline Field opt(std::string name, TypeRef t) { return {std::move(name), std::move(t), false}; }

// Checks `node` against `type`; `path` names the value in messages ("announcement.date").
void check(const Node& node, const Type& type, const std::string& path, Diagnostics& diags);
// The same for the entries of the table `node` of table type `type`, each entry's problems (and
// a missing required key's) going to `diags_for(key)`: the loader keeps a data set's sections
// apart, so that a mistake in one blocks only the documents made from it.
void check_entries(const Node& node, const Type& type, const std::string& path,
                   const std::function<Diagnostics&(const std::string& key)>& diags_for);

}  // namespace oitgen::data
