#pragma once
// The `text` block: one paragraph of a template, optionally with a hanging label or a check box.
#include "layout/blocks/block_kind.h"

namespace oitgen::layout {

struct TextParams : BlockParams {
  Template text, label;
  Template check;  // a check box before the text, ticked when this path holds
};

extern const BlockKind kTextBlock;

// A text block built in code (table cells, group rows): `text` in `style`.
BlockSpec make_text_block(Template text, const std::string& style);

}  // namespace oitgen::layout
