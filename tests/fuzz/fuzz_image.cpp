// libFuzzer target: the JPEG and PNG readers (any bytes as an image file).
#include <cstddef>
#include <cstdint>
#include <string>

#include "data/image.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  oitgen::Diagnostics diags;
  oitgen::data::decode_image(std::string(reinterpret_cast<const char*>(data), size), "fuzz", {}, diags);
  return 0;
}
