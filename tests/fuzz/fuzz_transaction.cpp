// libFuzzer target: the output transaction (util/output_transaction.h) under any plan of what a
// folder holds, what is written and which file-system step fails (tests/fuzz/transaction_target.h).
// A broken promise aborts, so the fuzzer keeps the plan.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "transaction_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto dir = std::filesystem::temp_directory_path() / ("oitgen-fuzz-transaction-" + std::to_string(::getpid()));
  const std::string broken =
      oitgen::fuzz::exercise_transaction(std::string_view(reinterpret_cast<const char*>(data), size), dir);
  if (!broken.empty()) {
    std::fprintf(stderr, "output transaction: %s\n", broken.c_str());
    std::abort();
  }
  return 0;
}
