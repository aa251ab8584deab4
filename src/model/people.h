#pragma once
// The data set's [[people]], indexed by id, each with its derived full name. Documents refer to
// people by id (signers, responsible persons); the model resolves the ids here.
#include <map>
#include <string>

#include "data/node.h"

namespace oitgen::model {

struct People {
  std::map<std::string, data::NodePtr> by_id;  // person table with derived full_name
};

// Indexes root.people and sets the derived list as `people` on `out`.
People index_people(const data::Node& root, data::TableBuilder& out, Diagnostics& diags);

// The person `id_node` names, or an error at the id naming `what` refers to it.
const data::NodePtr* find_person(const People& people, const data::Node& id_node, const std::string& what,
                                 Diagnostics& diags);

// `doc` with `signed_by` set to the person its `signer` id names.
data::NodePtr with_signer(const data::Node& doc, const People& people, const std::string& doc_name,
                          Diagnostics& diags);

}  // namespace oitgen::model
