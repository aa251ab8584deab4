// libFuzzer target: the editor's save path, serve::splice_toml (tests/fuzz/splice_target.h): any
// TOML text with any JSON, or with edit operations on its own tree. A broken promise aborts, so
// the fuzzer keeps the input.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "splice_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string broken = oitgen::fuzz::exercise_splice(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!broken.empty()) {
    std::fprintf(stderr, "splice_toml: %s\n", broken.c_str());
    std::abort();
  }
  return 0;
}
