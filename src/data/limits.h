#pragma once
// What a data file may hold at most. Data may come from a network: past any of these the
// loader reports an error at the place (never a crash, a hang or an unbounded allocation).
// Each is far above what an office's real data needs; README's "Limits" lists them.
#include <cstddef>

namespace oitgen::data {

// Bytes of one TOML file (the sample's largest is 30 KB).
inline constexpr size_t kMaxDataFileBytes = size_t{16} << 20;
// Bytes of all the TOML files of one data set folder together.
inline constexpr size_t kMaxDataSetBytes = size_t{64} << 20;
// `*.toml` files in one data set folder (a data set has about six).
inline constexpr size_t kMaxDataFiles = 1000;
// Characters (code points) of one string value: a preface is a few thousand.
inline constexpr size_t kMaxStringChars = 100'000;
// Levels of the tree: each table, array, inline table and part of a dotted key is one
// (toml++ and the conversion to Nodes recurse on each).
inline constexpr int kMaxNesting = 64;
// Parts of one dotted key or table header (`a.b.c` has three; toml++ recurses on each).
inline constexpr int kMaxKeyParts = 64;

}  // namespace oitgen::data
