#include "layout/run_sources.h"

namespace oitgen::layout {

RunSources::RunSources(const std::vector<text::StyledText>& spans, const std::vector<text::TextSource>& sources)
    : sources_(&sources), ids_(sources.size(), kUnknown) {
  for (const auto& s : spans) text_ += s.text;
  ranges_.reserve(sources.size());
  size_t from = 0;
  for (const auto& s : sources) {
    // expand() adds sources in the order their text went in; one not found (its digits turned
    // otherwise in its context) is skipped without moving on, so the next is still found.
    const size_t at = s.text.empty() ? kNotFound : text_.find(s.text, from);
    if (at == kNotFound) {
      ranges_.push_back({kNotFound, kNotFound});
      continue;
    }
    ranges_.push_back({at, at + s.text.size()});
    from = at + s.text.size();
  }
}

int RunSources::next(std::string_view run_text) {
  if (run_text.empty()) return -1;
  // Only spaces lie between one run and the next, so this stops within a few bytes.
  const size_t at = text_.find(run_text, cursor_);
  if (at == kNotFound) return -1;
  const size_t end = at + run_text.size();
  cursor_ = end;
  while (source_ < ranges_.size() && (ranges_[source_].first == kNotFound || ranges_[source_].second <= at))
    ++source_;
  if (source_ < ranges_.size() && ranges_[source_].first < end) return static_cast<int>(source_);
  return -1;
}

}  // namespace oitgen::layout
