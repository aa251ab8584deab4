#pragma once
// Which data value each word run of a paragraph prints, so the editor's preview can tell what
// a click on a word points at (GlyphRunItem::source). The paragraph's sources are found in
// its text in order once; each run is then found after the one before it: linear in the text.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "text/paragraph.h"

namespace oitgen::layout {

class RunSources {
 public:
  // `spans` and `sources` as the paragraph was set from them (Engine::spans_of).
  RunSources(const std::vector<text::StyledText>& spans, const std::vector<text::TextSource>& sources);

  // The index into `sources` of the first value the next run overlaps, or -1 when it prints
  // only the template's text. Every word run of the paragraph must be asked for, in order
  // (also the ones without glyphs), since each is looked for after the one before.
  int next(std::string_view run_text);

  // The document's index of source `k`: `id_of(location)` once per source, remembered.
  template <typename IdOf>
  int32_t id(int k, IdOf&& id_of) {
    if (k < 0) return -1;
    int32_t& slot = ids_[static_cast<size_t>(k)];
    if (slot == kUnknown) slot = id_of((*sources_)[static_cast<size_t>(k)].where);
    return slot;
  }

 private:
  static constexpr int32_t kUnknown = -2;
  static constexpr size_t kNotFound = std::string::npos;
  const std::vector<text::TextSource>* sources_;
  std::string text_;
  std::vector<std::pair<size_t, size_t>> ranges_;  // bytes of text_ each source printed as
  std::vector<int32_t> ids_;
  size_t cursor_ = 0;  // where the previous run ended
  size_t source_ = 0;  // the first source that does not end before cursor_
};

}  // namespace oitgen::layout
