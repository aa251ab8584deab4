// Large data sets through the real loader and checks: they load, give the right answer, and
// finish far inside the time the old quadratic scans took (the bounds are generous on purpose;
// the benchmark measures speed, these only catch going back to quadratic).
#include <gtest/gtest.h>

#include <chrono>

#include "data/dataset.h"
#include "large_inputs.h"
#include "pipeline/build.h"
#include "test_support.h"

namespace oitgen {
namespace {

namespace fs = std::filesystem;
using large_inputs::Shape;

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr double kSlowdown = 6;  // sanitizers make everything slower
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
constexpr double kSlowdown = 6;
#else
constexpr double kSlowdown = 1;
#endif
#else
constexpr double kSlowdown = 1;
#endif

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST(LargeInput, CommentLinesLoadInLinearTime) {
  // 100,000 short comment lines (700 KB): the old TODO scan searched to the end of the file
  // on every line and took about 30 s here.
  const auto dir = testing::temp_dir("large-comments") / "data";
  large_inputs::write_dataset(testing::repo(), dir, Shape::Comments, 100'000);
  const auto start = std::chrono::steady_clock::now();
  Diagnostics diags;
  const auto ds = data::load_dataset(dir, diags);
  const double took = seconds_since(start);
  ASSERT_TRUE(ds.tree) << diags.format_all().substr(0, 2000);
  size_t todos = 0;
  for (const auto& d : diags.items()) todos += d.message.rfind("TODO: look at line ", 0) == 0;
  EXPECT_EQ(todos, 100u);
  EXPECT_LT(took, 5 * kSlowdown);
  fs::remove_all(dir.parent_path());
}

TEST(LargeInput, ManyPeopleAreCheckedInLinearTime) {
  // 30,000 people no document names: every paragraph looked for every name (old: ~40 s).
  const auto dir = testing::temp_dir("large-people") / "data";
  large_inputs::write_dataset(testing::repo(), dir, Shape::People, 30'000);
  const auto start = std::chrono::steady_clock::now();
  pipeline::BuildOptions options;
  options.dataset = dir;
  options.write_pdf = false;
  Diagnostics diags;
  pipeline::build_documents(options, testing::resources(), diags);
  const double took = seconds_since(start);
  EXPECT_FALSE(diags.has_errors()) << diags.format_all().substr(0, 2000);
  EXPECT_LT(took, 15 * kSlowdown);
  fs::remove_all(dir.parent_path());
}

TEST(LargeInput, ManyTopLevelKeysAreMergedAndCheckedInLinearTime) {
  // 100,000 top-level keys: merging and the schema check looked each up by a linear scan
  // (old: 88 s), and every diagnostic was compared with all before it.
  const auto dir = testing::temp_dir("large-keys") / "data";
  large_inputs::write_dataset(testing::repo(), dir, Shape::TopKeys, 100'000);
  const auto start = std::chrono::steady_clock::now();
  Diagnostics diags;
  const auto ds = data::load_dataset(dir, diags);
  const double took = seconds_since(start);
  EXPECT_FALSE(ds.tree);
  EXPECT_EQ(diags.error_count(), 100'000u);
  // The first few unknown keys get the list of the keys allowed; the rest are named alone.
  const auto& items = diags.items();
  ASSERT_FALSE(items.empty());
  EXPECT_NE(items.front().message.find("unknown key 'key0'; expected one of:"), std::string::npos)
      << items.front().message;
  EXPECT_EQ(items.back().message, "unknown key 'key99999'");
  EXPECT_LT(took, 10 * kSlowdown);
  fs::remove_all(dir.parent_path());
}

TEST(LargeInput, ALargeTableStillFindsEveryKeyAfterEdits) {
  // The key index of a large table follows set(), and a table edited directly is scanned.
  data::TableBuilder t;
  for (int i = 0; i < 1000; ++i) t.set("k" + std::to_string(i), data::make_integer(i));
  t.set("k500", data::make_integer(-1));
  EXPECT_EQ(t.node->table.size(), 1000u);
  EXPECT_EQ(t.node->get("k500")->i, -1);
  EXPECT_EQ(t.node->get("k999")->i, 999);
  EXPECT_EQ(t.node->get("k1000"), nullptr);
  t.node->table.erase(t.node->table.begin());
  EXPECT_EQ(t.node->get("k0"), nullptr);
  EXPECT_EQ(t.node->get("k1")->i, 1);
  t.set("k0", data::make_integer(0));
  EXPECT_EQ(t.node->get("k0")->i, 0);
  EXPECT_EQ(t.node->get("k999")->i, 999);
  const data::Node copy = *t.node;
  EXPECT_EQ(copy.get("k777")->i, 777);
  EXPECT_EQ(copy.get("nothing"), nullptr);
}

}  // namespace
}  // namespace oitgen
