#pragma once
// A data file's tree as the editor sees it (docs/SERVE.md, "GET /api/sets/<set>"): the JSON the
// page edits and sends back to be spliced into the file's text (serve/toml_splice.h).
#include <nlohmann/json.hpp>

#include "data/node.h"

namespace oitgen::serve {

// `file_tree` is one file's tree as data::parse_toml gives it. Tables become objects in the
// file's key order (ordered_json keeps it), dates "YYYY-MM-DD", integers stay integers. Every
// table that is an element of an array carries "@row": its 0-based position in that array, so
// that a row keeps its identity through the page's edits and moves.
nlohmann::ordered_json file_to_json(const data::Node& file_tree);

// "YYYY-MM-DD", the form dates take in the editor's JSON.
std::string date_text(const data::Date& date);

}  // namespace oitgen::serve
