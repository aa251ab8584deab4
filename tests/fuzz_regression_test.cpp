// Every input a fuzzer ever crashed on (tests/fuzz/regressions/<target>/), run through the same
// entry point as the fuzzer, in the normal suite: none may crash again (the ASan/UBSan run of the
// suite makes this strict).
#include <gtest/gtest.h>

#include "data/dataset_schema.h"
#include "data/image.h"
#include "fuzz/image_target.h"
#include "fuzz/splice_target.h"
#include "fuzz/transaction_target.h"
#include "data/toml_loader.h"
#include "layout/layout_spec.h"
#include "test_support.h"
#include "util/files.h"

namespace oitgen {
namespace {

namespace fs = std::filesystem;

std::vector<std::pair<std::string, fs::path>> inputs() {
  std::vector<std::pair<std::string, fs::path>> out;
  const auto root = testing::repo() / "tests/fuzz/regressions";
  for (const auto& target : fs::directory_iterator(root))
    for (const auto& input : fs::directory_iterator(target.path()))
      out.emplace_back(target.path().filename().string(), input.path());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(FuzzRegressions, EveryCrashInputIsHandled) {
  const auto all = inputs();
  EXPECT_FALSE(all.empty());
  for (const auto& [target, path] : all) {
    SCOPED_TRACE(path.string());
    const std::string bytes = *read_file(path);
    Diagnostics diags;
    if (target == "image") {
      fuzz::exercise_image(bytes, path.filename().string(), diags);
    } else if (target == "layout") {
      layout::parse_layout(bytes, path, diags);
    } else if (target == "data") {
      if (auto tree = data::parse_toml(bytes, path.string(), diags)) data::check(*tree, *data::dataset_schema(), "", diags);
    } else if (target == "splice") {
      EXPECT_EQ(fuzz::exercise_splice(bytes), "");
    } else if (target == "transaction") {
      EXPECT_EQ(fuzz::exercise_transaction(bytes, testing::temp_dir("fuzz-transaction")), "");
    } else {
      ADD_FAILURE() << "no entry point for " << target;
    }
  }
}

}  // namespace
}  // namespace oitgen
