#include "layout/photo_grid.h"

#include <algorithm>

namespace oitgen::layout {

Size fit_within(double photo_w, double photo_h, double max_w, double max_h) {
  if (photo_w <= 0 || photo_h <= 0 || max_w <= 0 || max_h <= 0) return {};
  const double scale = std::min(max_w / photo_w, max_h / photo_h);
  return {photo_w * scale, photo_h * scale};
}

std::vector<double> cell_lefts(int count, int per_row, double frame_left, double frame_width, double gap,
                               double& cell_w) {
  per_row = std::max(1, per_row);
  cell_w = (frame_width - gap * (per_row - 1)) / per_row;
  const int n = std::clamp(count, 0, per_row);
  const double used = n * cell_w + std::max(0, n - 1) * gap;
  const double left = frame_left + (frame_width - used) / 2;
  std::vector<double> xs;
  for (int i = 0; i < n; ++i) xs.push_back(left + i * (cell_w + gap));
  return xs;
}

}  // namespace oitgen::layout
