#include "model/office_model.h"

#include <map>

namespace oitgen::model {
namespace {

using data::Node;
using data::NodePtr;
using data::TableBuilder;

struct People {
  std::map<std::string, NodePtr> by_id;  // person table with derived full_name
};

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
    diags.error(id_node.where, what + " '" + id_node.s + "' is not a person id of [[people]]");
    return nullptr;
  }
  return &it->second;
}

// Adds `signed_by` (the signer's person table) to a document that names a signer.
NodePtr with_signer(const Node& doc, const People& people, const std::string& doc_name,
                    Diagnostics& diags) {
  TableBuilder out(doc);
  if (const NodePtr* person = find_person(people, *doc.get("signer"), doc_name + ".signer", diags))
    out.set("signed_by", *person);
  return out.freeze();
}

}  // namespace

std::string person_full_name(const Node& person) {
  const Node* title = person.get("title");
  return (title ? title->s : std::string()) + person.get("first")->s + " " + person.get("last")->s;
}

OfficeModel build_model(const data::Dataset& ds, Diagnostics& diags) {
  OfficeModel model;
  if (!ds.tree) return model;
  const Node& root = *ds.tree;
  const size_t errors_before = diags.error_count();
  TableBuilder view(root);
  People people = index_people(root, view, diags);

  TableBuilder office(*root.get("office"));
  if (const NodePtr* director = find_person(people, *root.get("office")->get("director"),
                                            "office.director", diags))
    office.set("head", *director);
  view.set("office", office.freeze());

  if (const Node* a = root.get("announcement")) {
    view.set("announcement", with_signer(*a, people, "announcement", diags));
    model.documents.push_back("announcement");
  }
  if (const Node* o = root.get("order")) {
    view.set("order", with_signer(*o, people, "order", diags));
    // The order's layout (with its annex table) is not built yet: listed once it is.
  }
  if (diags.error_count() > errors_before) return model;
  model.view = view.freeze();
  return model;
}

}  // namespace oitgen::model
