#pragma once
// The model stage: cross-checks the validated data and adds the figures derived from it, so the
// layouts bind to one tree that holds both what the office typed and what oitgen computed.
#include <filesystem>
#include <string>
#include <vector>

#include "data/dataset.h"

namespace oitgen::model {

// Document kinds, in the order `build` writes them.
inline const std::vector<std::string>& document_kinds() {
  static const std::vector<std::string> kinds = {"announcement", "order", "monitoring-6m",
                                                 "measures-report"};
  return kinds;
}

struct OfficeModel {
  data::NodePtr view;                   // data + derived values, what layouts bind to
  std::vector<std::string> documents;   // kinds this data set can produce
};

// Never throws; returns a model with a null view when the data contradicts itself fatally.
// `reference_dir` holds the shipped reference data (data/: OIT catalogues per year).
OfficeModel build_model(const data::Dataset& ds, const std::filesystem::path& reference_dir,
                        Diagnostics& diags);

// "นายวรรณชัย บุสนาม": title and first name are written together, the surname after a space.
std::string person_full_name(const data::Node& person);

}  // namespace oitgen::model
