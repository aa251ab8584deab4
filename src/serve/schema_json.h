#pragma once
// The data schema as the editor page reads it: the same Type the loader validates with, so a
// new key in data/dataset_schema.cpp is a new field on the page with no change to the page.
#include <map>
#include <nlohmann/json.hpp>

#include "data/json_schema.h"
#include "data/schema.h"

namespace oitgen::serve {

// {"root": <type>, "descriptions": {path: {en, th}}}; the <type> form is in docs/SERVE.md.
nlohmann::ordered_json schema_json(const data::Type& root,
                                   const std::map<std::string, data::FieldDescription>& descriptions);

}  // namespace oitgen::serve
