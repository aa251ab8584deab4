#include "model/office_model.h"

#include <algorithm>

#include "model/kinds/document_kind.h"
#include "model/people.h"

namespace oitgen::model {

using data::Node;
using data::NodePtr;
using data::TableBuilder;

std::string person_full_name(const Node& person) {
  const Node* title = person.get("title");
  return (title ? title->s : std::string()) + person.get("first")->s + " " + person.get("last")->s;
}

OfficeModel build_model(const data::Dataset& ds, const std::filesystem::path& reference_dir,
                        const std::vector<std::string>& data_keys, Diagnostics& diags) {
  OfficeModel model;
  if (!ds.tree) return model;
  const Node& root = *ds.tree;
  const size_t errors_before = diags.error_count();
  TableBuilder view(root);
  People people = index_people(root, view, diags);

  TableBuilder office(*root.get("office"));
  if (const NodePtr* director = find_person(people, *root.get("office")->get("director"), "office.director", diags))
    office.set("head", *director);
  view.set("office", office.freeze());

  ReferenceData reference(reference_dir);
  const ModelContext ctx{root, people, reference_dir, reference, diags};
  for (const DocumentKind* kind : document_kind_registry()) {
    const Node* section = root.get(kind->data_key);
    if (!section) continue;
    if (std::find(data_keys.begin(), data_keys.end(), kind->data_key) != data_keys.end())
      view.set(std::string(kind->data_key), kind->derive(*section, ctx));
  }
  if (diags.error_count() > errors_before) return model;
  model.view = view.freeze();
  return model;
}

OfficeModel build_model(const data::Dataset& ds, const std::filesystem::path& reference_dir, Diagnostics& diags) {
  std::vector<std::string> all;
  for (const DocumentKind* kind : document_kind_registry()) all.emplace_back(kind->data_key);
  return build_model(ds, reference_dir, all, diags);
}

}  // namespace oitgen::model
