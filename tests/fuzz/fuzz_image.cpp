// libFuzzer target: the JPEG and PNG readers (any bytes as an image file), and what an output
// profile does to whatever they accept.
#include <cstddef>
#include <cstdint>
#include <string>

#include "image_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  oitgen::Diagnostics diags;
  oitgen::fuzz::exercise_image(std::string(reinterpret_cast<const char*>(data), size), "fuzz", diags);
  return 0;
}
