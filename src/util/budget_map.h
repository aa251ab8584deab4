#pragma once
// A map that holds values up to a byte budget, letting the oldest stored go first (the one just
// stored always stays). Shared by the process-wide image caches. Not locked: its owner locks.
#include <cstddef>
#include <cstdint>
#include <map>

namespace oitgen {

template <typename Key, typename Value>
class BudgetMap {
 public:
  explicit BudgetMap(size_t budget) : budget_(budget) {}

  const Value* find(const Key& key) const {
    auto it = entries_.find(key);
    return it == entries_.end() ? nullptr : &it->second.value;
  }

  // Stores `value`, counted as `bytes`, under `key` (replacing what was there), then lets the
  // oldest others go while over budget.
  void store(const Key& key, Value value, size_t bytes) {
    auto& entry = entries_[key];
    bytes_ -= entry.bytes;
    entry = {std::move(value), bytes, ++stored_};
    bytes_ += bytes;
    while (bytes_ > budget_ && entries_.size() > 1) {
      auto oldest = entries_.begin();
      for (auto it = entries_.begin(); it != entries_.end(); ++it)
        if (it->second.order < oldest->second.order) oldest = it;
      bytes_ -= oldest->second.bytes;
      entries_.erase(oldest);
    }
  }

  size_t size() const { return entries_.size(); }
  size_t bytes() const { return bytes_; }

 private:
  struct Entry {
    Value value{};
    size_t bytes = 0;
    uint64_t order = 0;  // when it was stored
  };
  size_t budget_;
  size_t bytes_ = 0;
  uint64_t stored_ = 0;
  std::map<Key, Entry> entries_;
};

}  // namespace oitgen
