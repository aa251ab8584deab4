#pragma once
// Where the editor's data sets live. The server reads and writes data sets only through this
// interface, so that a hosted editor (accounts, several server processes, one shared store) is
// a new Store, not a rewrite. Nothing here is kept between calls that two processes could not
// share: versions are digests of the bytes, and a save is serialised by a lock on the store
// itself (a file lock in the folder store), not by memory of this process.
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/output_transaction.h"

namespace oitgen::serve {

// The version of a file's bytes: a digest, so that any process can tell whether the file it
// loaded is still the one on disk. "" for a file that does not exist.
std::string version_of(std::string_view bytes);

struct StoredFile {
  std::string name;  // "monitoring.toml"
  std::string bytes;
  std::string version;
};

struct FileChange {
  std::string name;              // a data file of the set ("monitoring.toml")
  std::string expected_version;  // what the editor loaded; "" for a new file
  std::string bytes;             // what it holds now
};

struct HistoryEntry {
  std::string id;    // "20261202T031500.123Z": also the order (newest last when sorted)
  std::vector<std::string> files;
};

struct StoreResult {
  enum class Status { Ok, Conflict, NotFound, Refused, Failed };
  Status status = Status::Ok;
  std::string message;                      // for the user; never a path outside the store
  std::vector<std::string> conflicts;       // Conflict: the files changed since they were loaded
  std::map<std::string, std::string> versions;  // Ok: each written file's new version
  std::string id;                           // the history version a save made, or a path added
  bool ok() const { return status == Status::Ok; }
};

class Store {
 public:
  virtual ~Store() = default;

  // The data sets' names, sorted.
  virtual std::vector<std::string> sets() const = 0;
  virtual bool has_set(const std::string& set) const = 0;
  // A folder that holds the set's files as saved, for builds (they read images from it).
  virtual std::filesystem::path folder(const std::string& set) const = 0;
  // The set's data files (`*.toml`), sorted by name; nullopt with `error` when unreadable.
  virtual std::optional<std::vector<StoredFile>> data_files(const std::string& set, std::string& error) const = 0;
  // Writes every change or none. Refused with Conflict when a file's bytes are no longer the
  // version the editor loaded; the files replaced are kept as one history version.
  virtual StoreResult save(const std::string& set, const std::vector<FileChange>& changes) = 0;
  // The history versions of a set, oldest first.
  virtual std::vector<HistoryEntry> history(const std::string& set) const = 0;
  // Puts a history version's files back (what they replace becomes a version in its turn).
  virtual StoreResult restore(const std::string& set, const std::string& id) = 0;
  // A file inside the set (an image); nullopt when the path is not a regular file inside it.
  virtual std::optional<std::string> read_file(const std::string& set, const std::string& relative) const = 0;
  // Stores `bytes` as a new file under `dir` ("images") named after `stem` and `extension`,
  // chosen so that it replaces nothing; the result's `id` is its path in the set.
  virtual StoreResult add_file(const std::string& set, const std::string& dir, const std::string& stem,
                               const std::string& extension, const std::string& bytes) = 0;
  // A new data set made of `files` (name relative to the set → bytes); nothing if it exists.
  virtual StoreResult create_set(const std::string& set, const std::map<std::string, std::string>& files) = 0;
};

// Data sets in a folder: `dir` itself when it holds `*.toml` files (one data set, named after
// the folder), else each folder in it that does. History versions are kept in each set's
// `.oitgen/history/<id>/`. `inject` makes a file-system step fail (tests).
std::unique_ptr<Store> open_folder_store(const std::filesystem::path& dir, std::string& error,
                                         OutputTransaction::FaultInjector inject = {});

// A name the store accepts for a data set or a stored file: letters (any script), digits,
// '-', '_', '.', not starting with '.', at most 100 bytes.
bool is_safe_name(std::string_view name);

}  // namespace oitgen::serve
