#pragma once
// Where each data value prints in a laid-out document, for the editor's preview: clicking the
// preview finds the form field, focusing a field highlights its text (docs/SERVE.md, "Preview").
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "layout/display_list.h"
#include "serve/path_index.h"

namespace oitgen::serve {

// A box on a page that shows the value at `path`: PDF points, origin at the page's bottom left.
struct Region {
  size_t page = 0;
  double x = 0, y = 0, w = 0, h = 0;
  std::string path;
};

// One region per glyph run or image whose source has a data path, in paint order; the runs of
// one path side by side on one line (the words of a value) are one region.
std::vector<Region> regions_of(const layout::Document& doc, const PathIndex& index);

// The path shown at (x, y) of `page`: of the region painted last there, as the eye sees it.
std::optional<std::string> path_at(const std::vector<Region>& regions, size_t page, double x, double y);

// The regions of `path` and of every value under it (`people[2]` finds its first and last).
std::vector<Region> regions_for(const std::vector<Region>& regions, const std::string& path);

}  // namespace oitgen::serve
