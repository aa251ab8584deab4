#pragma once
// What the editor page can ask for, without HTTP: each operation takes the request's parsed
// parts and gives a Reply (a status and JSON, or bytes to download). `server.cpp` only maps
// routes to these and adds the security checks, so every operation is testable on its own.
// State: the store (shared with any other process) and the shared build resources; the only
// memory of this process is which preview is newest, and losing it costs only a wasted build.
#include <atomic>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "pipeline/resources.h"
#include "serve/store.h"

namespace oitgen::serve {

using Json = nlohmann::ordered_json;

struct Reply {
  int status = 200;
  Json body;                 // sent as JSON when `bytes` is empty
  std::string bytes;         // a download or a file
  std::string content_type;  // of `bytes`
  std::string filename;      // offered to save `bytes` as ("" : shown inline)

  static Reply error(int status, std::string message);
};

class Editor {
 public:
  Editor(Store& store, pipeline::Resources& resources);

  Reply schema() const;
  Reply sets();
  Reply set(const std::string& set);
  // {"kind", "files": {name: data}, "seq"}: one document from the edited files, nothing written.
  Reply preview(const std::string& set, const Json& body);
  // {"files": {name: data}}: every check of every document, on the edited files.
  Reply check(const std::string& set, const Json& body);
  // {"files": {name: {"data", "version"}}}
  Reply save(const std::string& set, const Json& body);
  Reply history(const std::string& set);
  Reply restore(const std::string& set, const std::string& id);
  Reply add_image(const std::string& set, const std::string& original_name, const std::string& bytes);
  Reply file(const std::string& set, const std::string& relative);
  // profile: "normal", "pdfa" or "web"
  Reply pdf(const std::string& set, const std::string& kind, const std::string& profile);
  Reply zip(const std::string& set, const std::string& profile);
  Reply next_year(const std::string& set, const Json& body);
  Reply create(const Json& body);

 private:
  struct Edited;
  // The set's files with the edits of `files` ({name: data}) spliced into their texts.
  std::optional<Edited> edited(const std::string& set, const Json* files, Reply& failure);
  Json diagnostics_json(const Edited& e, const Diagnostics& diags) const;
  Reply build_download(const std::string& set, const std::optional<std::string>& kind, const std::string& profile);

  Store& store_;
  pipeline::Resources& resources_;
  std::mutex previews_mutex_;
  std::map<std::string, uint64_t> newest_preview_;  // per set and kind: the newest request's number
  uint64_t preview_count_ = 0;
};

}  // namespace oitgen::serve
