#pragma once
// Geometry of a photo grid: cells side by side, each photo scaled to fit its cell whole.
#include <vector>

namespace oitgen::layout {

struct Size {
  double w = 0, h = 0;
};

// The largest size with the photo's aspect that fits in max_w × max_h: never cropped.
Size fit_within(double photo_w, double photo_h, double max_w, double max_h);

// Left edges of `count` cells of a row laid out `per_row` across a frame; a short last row is
// centred. `cell_w` receives the width of every cell.
std::vector<double> cell_lefts(int count, int per_row, double frame_left, double frame_width, double gap,
                               double& cell_w);

}  // namespace oitgen::layout
