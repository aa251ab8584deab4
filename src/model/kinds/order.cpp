// The order (คำสั่ง) and its annex: the signer resolved, the annex rows checked against the OIT
// catalogue of its assessment year and given their indicator, group, people and details.
#include <map>

#include "model/kinds/document_kind.h"
#include "model/oit_catalogue.h"

namespace oitgen::model {
namespace {

using data::Node;
using data::NodePtr;
using data::TableBuilder;

NodePtr with_annex(const Node& annex, const ModelContext& ctx) {
  auto& diags = ctx.diags;
  const Node* year = annex.get("assessment_year");
  const Catalogue* cat = ctx.reference.catalogue(year->i, year->where, "order.annex.assessment_year", diags);
  TableBuilder out(annex);
  if (!cat) return out.freeze();
  const auto& catalogue = cat->items;
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
      if (const NodePtr* person = find_person(ctx.people, *pid, "responsible person", diags))
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

NodePtr derive(const Node& o, const ModelContext& ctx) {
  TableBuilder order(*with_signer(o, ctx.people, "order", ctx.diags));
  if (const Node* annex = o.get("annex")) order.set("annex", with_annex(*annex, ctx));
  const Node* date = o.get("date");
  if (const int be = date->date.year + 543; be != o.get("year")->i)
    ctx.diags.warning(o.get("year")->where, "the order's year " + std::to_string(o.get("year")->i) +
                                                " differs from the year of its date (" + std::to_string(be) + ")");
  return order.freeze();
}

}  // namespace

extern const DocumentKind kOrderKind{"order", "order", derive};

}  // namespace oitgen::model
