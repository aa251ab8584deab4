#pragma once
// Writes the editor's JSON back into a data file's TOML text, changing only the text of what
// changed: every comment, blank line, key order, quoting style, indentation, line end and BOM
// of the rest stays byte for byte (docs/SERVE.md, "Save"). No save may lose a byte of the
// user's data, so the result is parsed again before it is returned: when it does not give
// exactly the tree that was asked for, the answer is an error, never a different file.
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "data/schema.h"

namespace oitgen::serve {

struct SpliceResult {
  std::optional<std::string> text;  // the new file text; absent on error
  std::string error;                // why not, when `text` is absent
};

// `original` is the file's current bytes; `wanted` the whole file's tree as JSON (as
// file_to_json gives it, then edited: "@row" names a table row's position in `original`, rows
// without one are new; other keys starting with '@' are not data). `root_type` (the data set's
// schema) decides how new values are written: a real YYYY-MM-DD date where the schema wants a
// date becomes a TOML date, everything else keeps the JSON's own kind, so a wrong value is
// still saved and becomes a schema error at its field when loaded. `display_name` is what
// messages call the file.
SpliceResult splice_toml(std::string_view original, const nlohmann::ordered_json& wanted,
                         const data::Type& root_type, const std::string& display_name);

// Whether two editor trees hold the same data: "@" keys ignored, numbers compared by value
// (1 equals 1.0), object keys in any order (TOML tables have none).
bool same_data(const nlohmann::ordered_json& a, const nlohmann::ordered_json& b);

}  // namespace oitgen::serve
