#pragma once
// The `include` block: another layout's document (or one named block of it) composed into this
// one, starting on a new page, under a bookmark of its own.
#include <string>
#include <vector>

#include "layout/blocks/block_kind.h"

namespace oitgen::layout {

extern const BlockKind kIncludeBlock;

// The layout kinds `spec` includes directly, in order.
std::vector<std::string> included_layouts(const LayoutSpec& spec);

}  // namespace oitgen::layout
