// Builds share one Resources (fonts, rules, layouts) across threads, as `build` does per
// document and a batch will per office: concurrent builds must give the bytes a lone build gives.
#include <gtest/gtest.h>

#include <thread>

#include "test_support.h"

namespace oitgen {
namespace {

std::vector<pipeline::BuiltDocument> build_sample(Diagnostics& diags) {
  pipeline::BuildOptions options;
  options.dataset = testing::repo() / "samples/nongkhai2-2565";
  return pipeline::build_documents(options, testing::resources(), diags);
}

TEST(Concurrency, ParallelBuildsGiveTheSameBytesAsALoneBuild) {
  Diagnostics lone_diags;
  const auto lone = build_sample(lone_diags);
  ASSERT_FALSE(lone_diags.has_errors()) << lone_diags.format_all();
  ASSERT_EQ(lone.size(), 4u);

  constexpr int kThreads = 4;
  std::vector<std::vector<pipeline::BuiltDocument>> results(kThreads);
  std::vector<Diagnostics> diags(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) threads.emplace_back([&, i] { results[i] = build_sample(diags[i]); });
  for (auto& t : threads) t.join();
  for (int i = 0; i < kThreads; ++i) {
    EXPECT_FALSE(diags[i].has_errors()) << diags[i].format_all();
    ASSERT_EQ(results[i].size(), lone.size());
    for (size_t d = 0; d < lone.size(); ++d) {
      EXPECT_EQ(results[i][d].kind, lone[d].kind);
      EXPECT_TRUE(results[i][d].pdf == lone[d].pdf) << "thread " << i << " " << lone[d].kind;
    }
  }
}

}  // namespace
}  // namespace oitgen
