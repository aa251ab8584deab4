// libFuzzer target: the layout loader (any bytes as a layout file).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "layout/layout_spec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  oitgen::Diagnostics diags;
  oitgen::layout::parse_layout(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz-layout.toml", diags);
  return 0;
}
