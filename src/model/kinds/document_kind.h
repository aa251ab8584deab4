#pragma once
// A document kind as the model sees it: the data section it is made from and how that section
// gets its derived figures and cross-checks. Each kind is one file of src/model/kinds/; the
// registry lists them. Which kinds' data is derived is driven by the layouts' `requires`.
#include <filesystem>
#include <string_view>
#include <vector>

#include "data/node.h"
#include "model/people.h"
#include "model/reference_data.h"

namespace oitgen::model {

struct ModelContext {
  const data::Node& root;  // the whole data set
  const People& people;
  const std::filesystem::path& reference_dir;  // data/: OIT catalogues, ITA frameworks
  ReferenceData& reference;                    // the same, loaded once per build
  Diagnostics& diags;
};

struct DocumentKind {
  std::string_view name;      // the layout and PDF name: "monitoring-6m"
  std::string_view data_key;  // the top-level data it is made from: "monitoring"
  // The section with derived values added; errors and warnings go to ctx.diags.
  data::NodePtr (*derive)(const data::Node& section, const ModelContext& ctx);
};

// The monitoring report's own date: `date` as written, else the later of the end of the period
// it reports on and the last date of its project; nullptr when it has neither. The measures
// report, which composes it, dates itself by it too.
const data::Node* monitoring_report_date(const data::Node& monitoring);

// Every kind, in the order `build` writes them.
const std::vector<const DocumentKind*>& document_kind_registry();
const DocumentKind* find_kind_by_name(std::string_view name);
const DocumentKind* find_kind_by_data(std::string_view data_key);

}  // namespace oitgen::model
