#include "model/people.h"

#include "model/office_model.h"
#include "util/suggest.h"

namespace oitgen::model {

using data::Node;
using data::NodePtr;
using data::TableBuilder;

People index_people(const Node& root, TableBuilder& out, Diagnostics& diags) {
  People people;
  const Node* list = root.get("people");
  if (!list) return people;
  auto array = std::make_shared<Node>(*list);
  array->array.clear();
  for (const auto& p : list->array) {
    TableBuilder person(*p);
    person.set("full_name", data::make_string(person_full_name(*p), p->where));
    auto frozen = person.freeze();
    const std::string& id = p->get("id")->s;
    if (auto it = people.by_id.find(id); it != people.by_id.end()) {
      diags.error(p->get("id")->where, "person id '" + id + "' is already used at line " +
                                           std::to_string(it->second->where.line));
      continue;
    }
    people.by_id[id] = frozen;
    array->array.push_back(frozen);
  }
  out.set("people", array);
  return people;
}

const NodePtr* find_person(const People& people, const Node& id_node, const std::string& what,
                           Diagnostics& diags) {
  auto it = people.by_id.find(id_node.s);
  if (it == people.by_id.end()) {
    std::vector<std::string> ids;
    for (const auto& [id, person] : people.by_id) ids.push_back(id);
    const std::string near = closest(id_node.s, ids);
    diags.error(id_node.where, what + " '" + id_node.s + "' is not a person id of [[people]]" +
                                   (near.empty() ? "" : "; did you mean '" + near + "'?"));
    return nullptr;
  }
  return &it->second;
}

NodePtr with_signer(const Node& doc, const People& people, const std::string& doc_name, Diagnostics& diags) {
  TableBuilder out(doc);
  if (const NodePtr* person = find_person(people, *doc.get("signer"), doc_name + ".signer", diags))
    out.set("signed_by", *person);
  return out.freeze();
}

}  // namespace oitgen::model
