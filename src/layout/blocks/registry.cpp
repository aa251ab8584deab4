// Every block kind a layout may use. A new kind is a file in this folder and a line here.
#include "layout/blocks/block_kind.h"
#include "layout/blocks/include.h"
#include "layout/blocks/text.h"

namespace oitgen::layout {

extern const BlockKind kSectionBlock, kSpacerBlock, kPageBreakBlock, kPageNumberingBlock, kRuleBlock, kImageBlock,
    kSignatureBlock, kPhotosBlock, kTableBlock, kContentsBlock, kChartBlock;

const std::vector<const BlockKind*>& block_kinds() {
  // A constant table, built once: nothing in it changes after start-up.
  static const std::vector<const BlockKind*> kinds = {
      &kTextBlock,  &kImageBlock,     &kPhotosBlock, &kRuleBlock,          &kSpacerBlock, &kPageBreakBlock,
      &kSectionBlock, &kSignatureBlock, &kTableBlock,  &kContentsBlock, &kPageNumberingBlock, &kChartBlock,
      &kIncludeBlock};
  return kinds;
}

const BlockKind* find_block_kind(std::string_view name) {
  for (const BlockKind* k : block_kinds())
    if (k->name == name) return k;
  return nullptr;
}

}  // namespace oitgen::layout
