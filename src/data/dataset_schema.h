#pragma once
// The data set's schema: office, people, announcement, order, monitoring, measures.
#include "data/schema.h"

namespace oitgen::data {

// The schema of a whole office data set (all its files merged).
TypeRef dataset_schema();

// The words an activity's status and a budget's source take (the model prints `th`).
const std::vector<Choice>& activity_statuses();
const std::vector<Choice>& budget_sources();

}  // namespace oitgen::data
