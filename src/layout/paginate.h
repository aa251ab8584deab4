#pragma once
// Pagination: boxes onto pages with keep-together chains, page breaks, discardable space at
// page tops, and table rows split at line boundaries under their repeated header.
#include <vector>

#include "layout/box.h"
#include "layout/display_list.h"
#include "layout/layout_spec.h"
#include "layout/toc.h"

namespace oitgen::layout {

// Places `boxes` on the pages of `doc` (items in PDF coordinates, outline entries with their
// page). Returns where page-numbering runs start.
std::vector<NumberingStart> paginate(const std::vector<Box>& boxes, const LayoutSpec& spec, Document& doc);

}  // namespace oitgen::layout
