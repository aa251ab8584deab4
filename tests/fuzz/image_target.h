#pragma once
// What the image fuzz target does with one input, shared with the regression test that replays
// the kept inputs: read it as an image file, then put what the readers accept through an output
// profile's changes (decoded in full, flattened, downsampled, encoded again).
#include <cstdint>
#include <string>

#include "data/image.h"
#include "pdf/image_output.h"

namespace oitgen::fuzz {

inline void exercise_image(const std::string& bytes, const std::string& name, Diagnostics& diags) {
  auto image = data::decode_image(bytes, name, {}, diags);
  if (!image || static_cast<uint64_t>(image->width) * image->height > 4'000'000) return;
  const pdf::ImageChange change{image->width / 3 + 1, image->height / 3 + 1, true, true, 75};
  std::string error;
  pdf::change_image(*image, change, error);
}

}  // namespace oitgen::fuzz
