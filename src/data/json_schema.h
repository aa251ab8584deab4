#pragma once
// The data schema as JSON Schema (draft 2020-12), for TOML editors that complete and check keys
// as staff type (taplo / Even Better TOML). Generated from the same Type the loader validates
// with; descriptions (English and Thai) come from data/schema-descriptions.toml by key path.
#include <filesystem>
#include <map>
#include <string>

#include "data/schema.h"

namespace oitgen::data {

struct FieldDescription {
  std::string en, th;
};

// The descriptions of data/schema-descriptions.toml (`path`), by dotted key path; a file that
// cannot be read is reported to `diags` and gives none.
std::map<std::string, FieldDescription> load_descriptions(const std::filesystem::path& path, Diagnostics& diags);

// `descriptions` by dotted path ("monitoring.project.budget.spent"; array elements add no step).
// Every required key of `type` stays required unless `top_level_optional` (a single file of a
// data set holds only some of the sections).
std::string to_json_schema(const Type& type, const std::string& title,
                           const std::map<std::string, FieldDescription>& descriptions, bool top_level_optional);

// Every key path of `type`, in order (for checking that each has a description).
std::vector<std::string> key_paths(const Type& type);

}  // namespace oitgen::data
