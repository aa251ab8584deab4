#pragma once
// The data set's schema: office, people, announcement, order, monitoring, measures.
#include "data/schema.h"

namespace oitgen::data {

// The schema of a whole office data set (all its files merged).
TypeRef dataset_schema();

}  // namespace oitgen::data
