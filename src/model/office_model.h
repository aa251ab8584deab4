#pragma once
// The model stage: cross-checks the validated data and adds the figures derived from it, so the
// layouts bind to one tree that holds both what the office typed and what oitgen computed.
#include <filesystem>
#include <string>
#include <vector>

#include "data/dataset.h"

namespace oitgen::model {

struct OfficeModel {
  data::NodePtr view;  // data + derived values, what layouts bind to
};

// Derives the office, its people and the data sections named in `data_keys` (those the
// documents to be built require; sections the data set lacks are skipped). Never throws;
// returns a model with a null view when the data contradicts itself fatally.
// `reference_dir` holds the shipped reference data (data/: OIT catalogues, ITA scales).
OfficeModel build_model(const data::Dataset& ds, const std::filesystem::path& reference_dir,
                        const std::vector<std::string>& data_keys, Diagnostics& diags);
// The same for every document kind the data set has data for.
OfficeModel build_model(const data::Dataset& ds, const std::filesystem::path& reference_dir, Diagnostics& diags);

// "นายวรรณชัย บุสนาม": title and first name are written together, the surname after a space.
std::string person_full_name(const data::Node& person);

}  // namespace oitgen::model
