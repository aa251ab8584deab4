#include "model/office_model.h"

#include <map>
#include <set>

#include "data/schema.h"
#include "data/toml_loader.h"
#include "model/monitoring_model.h"
#include "model/people.h"

namespace oitgen::model {
namespace {

using data::Node;
using data::NodePtr;
using data::TableBuilder;

// Adds `signed_by` (the signer's person table) to a document that names a signer.
NodePtr with_signer(const Node& doc, const People& people, const std::string& doc_name,
                    Diagnostics& diags) {
  TableBuilder out(doc);
  if (const NodePtr* person = find_person(people, *doc.get("signer"), doc_name + ".signer", diags))
    out.set("signed_by", *person);
  return out.freeze();
}

struct CatalogueItem {
  std::string id, name;
  NodePtr indicator, group;  // tables of data/oit/<year>.toml
};

// data/oit/<year>.toml: the OIT items of one assessment year, in order.
std::vector<CatalogueItem> load_catalogue(const std::filesystem::path& reference_dir, int64_t year,
                                          const SourceLocation& asked_at, Diagnostics& diags) {
  std::vector<CatalogueItem> items;
  const auto path = reference_dir / "oit" / (std::to_string(year) + ".toml");
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    diags.error(asked_at, "no OIT catalogue for assessment year " + std::to_string(year) + " (looked for " +
                              path.string() + ")");
    return items;
  }
  auto tree = data::load_toml_file(path, path.string(), diags);
  if (!tree) return items;
  using namespace data;
  auto item = table_type({req("id", string_type()), req("name", string_type())});
  auto group = table_type({req("number", string_type()), req("name", string_type()), req("items", array_of(item))});
  auto indicator = table_type({req("number", integer_type()), req("name", string_type()), req("groups", array_of(group))});
  auto schema = table_type({req("year", integer_type()), opt("name", string_type()), req("indicators", array_of(indicator))});
  const size_t before = diags.error_count();
  check(*tree, *schema, "", diags);
  if (diags.error_count() > before) return items;
  for (const auto& ind : tree->get("indicators")->array)
    for (const auto& grp : ind->get("groups")->array)
      for (const auto& it : grp->get("items")->array)
        items.push_back({it->get("id")->s, it->get("name")->s, ind, grp});
  return items;
}

// Checks the annex rows against the catalogue and adds, per row, its catalogue group and
// indicator, its responsible people and its details in one shape ({text, items}).
NodePtr with_annex(const Node& annex, const People& people, const std::filesystem::path& reference_dir,
                   Diagnostics& diags) {
  const Node* year = annex.get("assessment_year");
  const auto catalogue = load_catalogue(reference_dir, year->i, year->where, diags);
  TableBuilder out(annex);
  if (catalogue.empty()) return out.freeze();
  std::map<std::string, const CatalogueItem*> by_id;
  for (const auto& c : catalogue) by_id[c.id] = &c;
  std::map<std::string, const Node*> seen;
  auto rows = std::make_shared<Node>(*annex.get("items"));
  rows->array.clear();
  for (const auto& row : annex.get("items")->array) {
    const Node* id = row->get("item");
    auto it = by_id.find(id->s);
    if (it == by_id.end()) {
      diags.error(id->where, "item '" + id->s + "' is not in the OIT catalogue of " + std::to_string(year->i));
      continue;
    }
    if (auto prior = seen.find(id->s); prior != seen.end()) {
      diags.error(id->where, "item '" + id->s + "' is listed twice (first at line " +
                                 std::to_string(prior->second->where.line) + ")");
      continue;
    }
    seen[id->s] = id;
    TableBuilder r(*row);
    r.set("indicator", it->second->indicator);
    r.set("group", it->second->group);
    r.set("catalogue_name", data::make_string(it->second->name, id->where));
    auto persons = std::make_shared<Node>(*row->get("responsible"));
    persons->array.clear();
    for (const auto& pid : row->get("responsible")->array)
      if (const NodePtr* person = find_person(people, *pid, "responsible person", diags))
        persons->array.push_back(*person);
    r.set("people", persons);
    r.set("details", data::map_array(row->get("details"),
                                     [](const NodePtr& d) { return data::as_text_table(d).freeze(); }));
    rows->array.push_back(r.freeze());
  }
  for (const auto& c : catalogue)
    if (!seen.count(c.id))
      diags.error(annex.get("items")->where, "item '" + c.id + "' (" + c.name + ") of the " +
                                                 std::to_string(year->i) + " catalogue is missing from the annex");
  out.set("items", rows);
  return out.freeze();
}

}  // namespace

std::string person_full_name(const Node& person) {
  const Node* title = person.get("title");
  return (title ? title->s : std::string()) + person.get("first")->s + " " + person.get("last")->s;
}

OfficeModel build_model(const data::Dataset& ds, const std::filesystem::path& reference_dir,
                        Diagnostics& diags) {
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
    TableBuilder order(*with_signer(*o, people, "order", diags));
    if (const Node* annex = o->get("annex")) order.set("annex", with_annex(*annex, people, reference_dir, diags));
    const Node* date = o->get("date");
    if (const int be = date->date.year + 543; be != o->get("year")->i)
      diags.warning(o->get("year")->where, "the order's year " + std::to_string(o->get("year")->i) +
                                               " differs from the year of its date (" + std::to_string(be) + ")");
    view.set("order", order.freeze());
    model.documents.push_back("order");
  }
  if (const Node* m = root.get("monitoring")) {
    view.set("monitoring", with_monitoring(*m, people, diags));
    model.documents.push_back("monitoring-6m");
  }
  if (diags.error_count() > errors_before) return model;
  model.view = view.freeze();
  return model;
}

}  // namespace oitgen::model
