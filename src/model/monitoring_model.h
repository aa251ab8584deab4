#pragma once
// The monitoring report (O40): resolves the responsible person, computes the budget figures
// (remaining, per cent spent) and checks what the office typed against them.
#include "data/node.h"
#include "model/people.h"

namespace oitgen::model {

// Returns `monitoring` with derived values added; errors go to `diags`.
data::NodePtr with_monitoring(const data::Node& monitoring, const People& people, Diagnostics& diags);

}  // namespace oitgen::model
