#pragma once
// "Did you mean …?": the candidate closest to a misspelt name.
#include <string>
#include <string_view>
#include <vector>

namespace oitgen {

// Levenshtein distance in bytes (names here are ASCII keys and ids).
size_t edit_distance(std::string_view a, std::string_view b);

// The candidate within `max_distance` edits of `word` (the nearest; the first of equals), or "".
std::string closest(std::string_view word, const std::vector<std::string>& candidates, size_t max_distance = 2);

}  // namespace oitgen
