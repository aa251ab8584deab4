#include "serve/editor.h"

#include <algorithm>
#include <chrono>

#include "data/dataset.h"
#include "data/dataset_schema.h"
#include "data/image.h"
#include "data/json_schema.h"
#include "data/limits.h"
#include "data/toml_loader.h"
#include "model/kinds/document_kind.h"
#include "model/oit_catalogue.h"
#include "pipeline/build.h"
#include "pipeline/scaffold.h"
#include "serve/path_index.h"
#include "serve/position_map.h"
#include "serve/schema_json.h"
#include "serve/toml_splice.h"
#include "serve/tree_json.h"
#include "serve/zip_writer.h"

namespace oitgen::serve {
namespace fs = std::filesystem;

namespace {

std::string base64(std::string_view bytes) {
  static constexpr char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t v = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
    out += kDigits[v >> 18], out += kDigits[(v >> 12) & 63], out += kDigits[(v >> 6) & 63], out += kDigits[v & 63];
  }
  if (i + 1 == bytes.size()) {
    const uint32_t v = uint8_t(bytes[i]) << 16;
    out += kDigits[v >> 18], out += kDigits[(v >> 12) & 63], out += "==";
  } else if (i + 2 == bytes.size()) {
    const uint32_t v = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8);
    out += kDigits[v >> 18], out += kDigits[(v >> 12) & 63], out += kDigits[(v >> 6) & 63], out += '=';
  }
  return out;
}

// Messages name files as the loader saw them (the store's folder, then the name); the page is
// told names inside the data set only.
std::string without_prefix(std::string text, const std::string& prefix) {
  if (prefix.size() <= 1) return text;
  for (size_t at; (at = text.find(prefix)) != std::string::npos;) text.erase(at, prefix.size());
  return text;
}

bool known_kind(const std::string& kind) {
  for (const auto* k : model::document_kind_registry())
    if (k->name == kind) return true;
  return false;
}

const Json* member(const Json& body, const char* key) {
  if (!body.is_object()) return nullptr;
  auto it = body.find(key);
  return it == body.end() ? nullptr : &*it;
}

// A file name the page offers for a download: the set and the kind, nothing else.
std::string download_name(const std::string& set, const std::string& what) { return set + "-" + what; }

// What the page's name for an uploaded photo keeps: letters and digits of ASCII, '-' and '_'.
std::string photo_stem(const std::string& original) {
  std::string stem = fs::path(original).stem().string(), out;
  for (const char c : stem)
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') out += c;
  if (out.size() > 40) out.resize(40);
  return out.empty() ? "photo" : out;
}

}  // namespace

Reply Reply::error(int status, std::string message) {
  Reply r;
  r.status = status;
  r.body = {{"error", std::move(message)}};
  return r;
}

struct Editor::Edited {
  fs::path folder;
  std::vector<StoredFile> files;  // as on disk
  std::vector<data::NodePtr> trees;  // each file's tree (edited where edited); null: it does not parse
  data::FileTexts texts;          // the edited files' texts
  data::NodePtr raw;              // every file's tree merged as the loader merges them, problems and all
  std::unique_ptr<PathIndex> index;
  std::string prefix;             // the folder as the loader names files, with a slash
};

Editor::Editor(Store& store, pipeline::Resources& resources) : store_(store), resources_(resources) {}

Reply Editor::schema() const {
  Diagnostics diags;
  const auto descriptions = data::load_descriptions(resources_.root() / "data" / "schema-descriptions.toml", diags);
  Reply r;
  r.body = schema_json(*data::dataset_schema(), descriptions);
  return r;
}

std::optional<Editor::Edited> Editor::edited(const std::string& set, const Json* files, Reply& failure) {
  Edited e;
  std::string error;
  auto stored = store_.data_files(set, error);
  if (!stored) {
    failure = Reply::error(store_.has_set(set) ? 500 : 404, error);
    return std::nullopt;
  }
  e.folder = store_.folder(set);
  e.files = std::move(*stored);
  e.prefix = e.folder.lexically_normal().string() + "/";
  if (files && !files->is_null()) {
    if (!files->is_object()) {
      failure = Reply::error(400, "'files' must be an object of file names");
      return std::nullopt;
    }
    for (const auto& [name, data] : files->items()) {
      auto it = std::find_if(e.files.begin(), e.files.end(), [&, &n = name](const StoredFile& f) { return f.name == n; });
      if (it == e.files.end()) {
        failure = Reply::error(400, "the data set has no file '" + name + "'");
        return std::nullopt;
      }
      auto spliced = splice_toml(it->bytes, data, *data::dataset_schema(), name);
      if (!spliced.text) {
        failure = Reply::error(400, name + ": " + spliced.error);
        return std::nullopt;
      }
      e.texts[name] = std::move(*spliced.text);
    }
  }
  // The page needs each problem's data path, also in a section the loader leaves out for its
  // errors: index the files' own trees, merged the way the loader merges them.
  data::TableBuilder merged;
  std::shared_ptr<data::Node> people;
  for (const auto& f : e.files) {
    auto given = e.texts.find(f.name);
    Diagnostics ignored;
    auto tree = data::parse_toml(given != e.texts.end() ? given->second : f.bytes,
                                 (e.folder / f.name).lexically_normal().string(), ignored);
    e.trees.push_back(tree);
    if (!tree) continue;
    for (const auto& [key, value] : tree->table) {
      if (key == "people" && value->is_array()) {
        if (!people) {
          people = std::make_shared<data::Node>(*value);
          merged.set(key, people);
        } else {
          people->array.insert(people->array.end(), value->array.begin(), value->array.end());
        }
      } else if (!merged.node->get(key)) {
        merged.set(key, value);
      }
    }
  }
  e.raw = merged.freeze();
  e.index = std::make_unique<PathIndex>(*e.raw);
  return e;
}

Json Editor::diagnostics_json(const Edited& e, const Diagnostics& diags) const {
  Json out = Json::array();
  const std::string root = resources_.root().lexically_normal().string() + "/";
  auto clean = [&](const std::string& s) { return without_prefix(without_prefix(s, e.prefix), root); };
  // Errors first, as the command line prints them.
  for (const Severity severity : {Severity::Error, Severity::Warning})
    for (const auto& d : diags.items()) {
      if (d.severity != severity) continue;
      std::string path;
      if (d.where.line > 0)
        if (auto p = e.index->path_of(d.where)) path = *p;
      out.push_back({{"severity", severity == Severity::Error ? "error" : "warning"},
                     {"message", clean(d.message)},
                     {"file", clean(d.where.file)},
                     {"line", d.where.line},
                     {"column", d.where.column},
                     {"path", path}});
    }
  return out;
}

Reply Editor::sets() {
  Json list = Json::array();
  for (const auto& name : store_.sets()) {
    Reply ignored;
    auto e = edited(name, nullptr, ignored);
    Json entry = {{"name", name}, {"office", ""}, {"year", nullptr}, {"documents", Json::array()}};
    if (e) {
      if (const data::Node* office = e->raw->get("office"))
        if (const data::Node* n = office->get("name"); n && n->is_string()) entry["office"] = n->s;
      for (const char* section : {"monitoring", "measures"})
        if (const data::Node* s = e->raw->get(section))
          if (const data::Node* y = s->get("fiscal_year"); y && y->kind == data::Node::Kind::Integer && entry["year"].is_null())
            entry["year"] = y->i;
      for (const auto* kind : model::document_kind_registry())
        if (e->raw->get(std::string(kind->data_key))) entry["documents"].push_back(std::string(kind->name));
    }
    list.push_back(std::move(entry));
  }
  Reply r;
  r.body = {{"sets", std::move(list)}};
  return r;
}

Reply Editor::set(const std::string& set) {
  Reply failure;
  auto e = edited(set, nullptr, failure);
  if (!e) return failure;
  Json files = Json::array(), sections = Json::object();
  for (size_t k = 0; k < e->files.size(); ++k) {
    const StoredFile& f = e->files[k];
    const data::NodePtr& tree = e->trees[k];
    Json data = tree ? file_to_json(*tree) : Json::object();
    if (tree)
      for (const auto& [key, value] : tree->table)
        if (!sections.contains(key)) sections[key] = f.name;
    files.push_back({{"name", f.name}, {"version", f.version}, {"parses", tree != nullptr}, {"data", std::move(data)}});
  }
  Json people = Json::array();
  if (const data::Node* list = e->raw->get("people"); list && list->is_array())
    for (const auto& p : list->array) {
      auto text = [&](const char* key) {
        const data::Node* n = p->get(key);
        return n && n->is_string() ? n->s : std::string();
      };
      std::string shown = text("title") + text("first");
      if (!text("last").empty()) shown += " " + text("last");
      people.push_back({{"id", text("id")}, {"name", shown}, {"position", text("position")}});
    }
  // The OIT items of the year the data set names: the measures report's, else the order's annex.
  int64_t year = 0;
  if (const data::Node* m = e->raw->get("measures")) {
    for (const char* key : {"fiscal_year", "oit_year"})
      if (const data::Node* y = m->get(key); y && y->kind == data::Node::Kind::Integer) year = y->i;
  }
  if (!year)
    if (const data::Node* o = e->raw->get("order"))
      if (const data::Node* a = o->get("annex"))
        if (const data::Node* y = a->get("assessment_year"); y && y->kind == data::Node::Kind::Integer) year = y->i;
  Json items = Json::array();
  if (year) {
    Diagnostics ignored;
    for (const auto& item : model::load_catalogue(resources_.root() / "data", year, {}, "year", ignored))
      items.push_back({{"id", item.id}, {"title", item.name}});
  }
  Json documents = Json::array();
  for (const auto* kind : model::document_kind_registry())
    if (e->raw->get(std::string(kind->data_key))) documents.push_back(std::string(kind->name));
  Diagnostics diags;
  pipeline::BuildOptions options;
  options.dataset = e->folder;
  options.write_pdf = false;
  pipeline::build_documents(options, resources_, diags);
  Reply r;
  r.body = {{"name", set},       {"files", std::move(files)},    {"sections", std::move(sections)},
            {"people", std::move(people)}, {"oit_year", year}, {"oit_items", std::move(items)},
            {"documents", std::move(documents)}, {"diagnostics", diagnostics_json(*e, diags)},
            {"buildable", !diags.has_errors()}};
  return r;
}

Reply Editor::preview(const std::string& set, const Json& body) {
  const Json* kind_json = member(body, "kind");
  if (!kind_json || !kind_json->is_string() || !known_kind(kind_json->get<std::string>()))
    return Reply::error(400, "'kind' must name a document kind");
  const std::string kind = kind_json->get<std::string>();
  const Json* seq = member(body, "seq");
  const Json seq_value = seq && seq->is_number_integer() ? *seq : Json(nullptr);
  const std::string key = set + '\n' + kind;
  uint64_t mine;
  {
    std::lock_guard lock(previews_mutex_);
    mine = ++preview_count_;
    newest_preview_[key] = mine;
  }
  auto superseded = [&] {
    std::lock_guard lock(previews_mutex_);
    return newest_preview_[key] != mine;
  };
  Reply failure;
  auto e = edited(set, member(body, "files"), failure);
  if (!e) return failure;
  Reply r;
  if (superseded()) {
    r.body = {{"ok", false}, {"superseded", true}, {"seq", seq_value}};
    return r;
  }
  const auto started = std::chrono::steady_clock::now();
  pipeline::BuildOptions options;
  options.dataset = e->folder;
  options.only = kind;
  options.thread_per_document = false;
  options.keep_layout = true;
  options.texts = &e->texts;
  // A preview is for the eyes: the normal profile, photos as they are (no resampling to wait for).
  options.output.pdfa = false;
  options.output.max_dpi = 0;
  Diagnostics diags;
  auto built = pipeline::build_documents(options, resources_, diags);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  if (superseded()) {
    r.body = {{"ok", false}, {"superseded", true}, {"seq", seq_value}};
    return r;
  }
  r.body = {{"ok", !built.empty()}, {"seq", seq_value}, {"kind", kind}, {"ms", ms},
            {"diagnostics", diagnostics_json(*e, diags)}};
  if (!built.empty()) {
    const auto& doc = built.front();
    r.body["pdf"] = base64(doc.pdf);
    Json pages = Json::array(), regions = Json::array();
    if (doc.layout) {
      for (const auto& page : doc.layout->pages) pages.push_back({{"width", page.width}, {"height", page.height}});
      for (const auto& region : regions_of(*doc.layout, *e->index))
        regions.push_back({{"page", region.page}, {"x", region.x}, {"y", region.y}, {"w", region.w}, {"h", region.h},
                           {"path", region.path}});
    }
    r.body["pages"] = std::move(pages);
    r.body["regions"] = std::move(regions);
  }
  return r;
}

Reply Editor::check(const std::string& set, const Json& body) {
  Reply failure;
  auto e = edited(set, member(body, "files"), failure);
  if (!e) return failure;
  pipeline::BuildOptions options;
  options.dataset = e->folder;
  options.write_pdf = false;
  options.texts = &e->texts;
  Diagnostics diags;
  pipeline::build_documents(options, resources_, diags);
  Reply r;
  r.body = {{"diagnostics", diagnostics_json(*e, diags)}, {"buildable", !diags.has_errors()}};
  return r;
}

Reply Editor::save(const std::string& set, const Json& body) {
  const Json* files = member(body, "files");
  if (!files || !files->is_object() || files->empty()) return Reply::error(400, "'files' must name the files to save");
  std::string error;
  auto stored = store_.data_files(set, error);
  if (!stored) return Reply::error(store_.has_set(set) ? 500 : 404, error);
  std::vector<FileChange> changes;
  std::vector<std::string> conflicts;
  for (const auto& [name, entry] : files->items()) {
    const Json* data = member(entry, "data");
    const Json* version = member(entry, "version");
    if (!data || !version || !version->is_string())
      return Reply::error(400, "each file to save needs its 'data' and the 'version' it was loaded at");
    auto it = std::find_if(stored->begin(), stored->end(), [&, &n = name](const StoredFile& f) { return f.name == n; });
    if (it == stored->end()) return Reply::error(400, "the data set has no file '" + name + "'");
    if (it->version != version->get<std::string>()) {
      conflicts.push_back(name);
      continue;
    }
    auto spliced = splice_toml(it->bytes, *data, *data::dataset_schema(), name);
    if (!spliced.text) return Reply::error(400, name + ": " + spliced.error + "; nothing was saved");
    if (*spliced.text != it->bytes) changes.push_back({name, it->version, std::move(*spliced.text)});
  }
  StoreResult result;
  if (conflicts.empty() && !changes.empty()) result = store_.save(set, changes);
  if (!conflicts.empty()) {
    result.status = StoreResult::Status::Conflict;
    result.conflicts = conflicts;
  }
  if (result.status == StoreResult::Status::Conflict) {
    std::string list;
    for (const auto& n : result.conflicts) list += (list.empty() ? "" : ", ") + n;
    Reply r = Reply::error(409, list + " changed on disk since the page loaded it (another editor, a program, git);"
                                       " nothing was saved. Your edits are still in the page: copy what you need,"
                                       " then reload to see the file as it is now.");
    r.body["conflicts"] = result.conflicts;
    return r;
  }
  if (!result.ok()) return Reply::error(result.status == StoreResult::Status::Failed ? 500 : 400, result.message);
  Reply r = this->set(set);
  if (r.status != 200) return r;
  r.body["saved"] = Json::array();
  for (const auto& c : changes) r.body["saved"].push_back(c.name);
  r.body["history"] = result.id;
  return r;
}

Reply Editor::history(const std::string& set) {
  if (!store_.has_set(set)) return Reply::error(404, "no data set named '" + set + "'");
  auto list = store_.history(set);
  Json versions = Json::array();
  for (auto it = list.rbegin(); it != list.rend(); ++it) versions.push_back({{"id", it->id}, {"files", it->files}});
  Reply r;
  r.body = {{"versions", std::move(versions)}};
  return r;
}

Reply Editor::restore(const std::string& set, const std::string& id) {
  auto result = store_.restore(set, id);
  if (!result.ok())
    return Reply::error(result.status == StoreResult::Status::NotFound ? 404
                        : result.status == StoreResult::Status::Failed ? 500
                                                                        : 409,
                        result.message);
  Reply r = this->set(set);
  r.body["history"] = result.id;
  return r;
}

Reply Editor::add_image(const std::string& set, const std::string& original_name, const std::string& bytes) {
  if (!store_.has_set(set)) return Reply::error(404, "no data set named '" + set + "'");
  if (bytes.empty()) return Reply::error(400, "the upload is empty");
  if (bytes.size() > data::kMaxImageFileBytes)
    return Reply::error(413, "the image is larger than " + std::to_string(data::kMaxImageFileBytes / 1000000) + " MB");
  // The reader the build uses: what it refuses here would fail the build later.
  Diagnostics diags;
  const std::string shown = original_name.empty() ? "the image" : original_name;
  auto image = data::decode_image(bytes, shown, {shown, 0, 0}, diags);
  if (!image || diags.has_errors()) {
    std::string why = diags.items().empty() ? "not an image oitgen can read" : diags.items().front().message;
    return Reply::error(400, "cannot use " + shown + ": " + why + "; nothing was stored");
  }
  const std::string extension = image->kind == data::Image::Kind::Jpeg ? "jpg" : "png";
  auto result = store_.add_file(set, "images", photo_stem(original_name), extension, bytes);
  if (!result.ok()) return Reply::error(500, result.message);
  Reply r;
  r.body = {{"path", result.id}, {"width", image->display_width()}, {"height", image->display_height()}};
  return r;
}

Reply Editor::file(const std::string& set, const std::string& relative) {
  auto bytes = store_.read_file(set, relative);
  if (!bytes) return Reply::error(404, "no such file in the data set");
  Reply r;
  const std::string ext = fs::path(relative).extension().string();
  r.content_type = ext == ".jpg" || ext == ".jpeg" || ext == ".JPG" ? "image/jpeg"
                   : ext == ".png" || ext == ".PNG"                  ? "image/png"
                                                                    : "application/octet-stream";
  r.bytes = std::move(*bytes);
  return r;
}

Reply Editor::build_download(const std::string& set, const std::optional<std::string>& kind, const std::string& profile) {
  if (!store_.has_set(set)) return Reply::error(404, "no data set named '" + set + "'");
  if (kind && !known_kind(*kind)) return Reply::error(404, "no document kind '" + *kind + "'");
  pipeline::BuildOptions options;
  options.dataset = store_.folder(set);
  options.only = kind;
  if (profile == "pdfa") {
    options.output.pdfa = true;
  } else if (profile == "web") {
    options.output.max_dpi = 150;
  } else if (profile == "normal" || profile.empty()) {
    options.output.pdfa = false;
    options.output.max_dpi = 0;
  } else {
    return Reply::error(400, "profile must be normal, pdfa or web");
  }
  Diagnostics diags;
  auto built = pipeline::build_documents(options, resources_, diags);
  if (built.empty()) {
    Reply failure;
    auto e = edited(set, nullptr, failure);
    Reply r = Reply::error(422, "the documents cannot be built until the errors are fixed");
    if (e) r.body["diagnostics"] = diagnostics_json(*e, diags);
    return r;
  }
  const std::string suffix = profile == "pdfa" ? "-pdfa" : profile == "web" ? "-web" : "";
  Reply r;
  if (kind) {
    r.bytes = std::move(built.front().pdf);
    r.content_type = "application/pdf";
    r.filename = download_name(set, *kind + suffix + ".pdf");
    return r;
  }
  std::vector<ZipEntry> entries;
  for (auto& doc : built) entries.push_back({doc.kind + suffix + ".pdf", std::move(doc.pdf)});
  r.bytes = zip_archive(entries);
  r.content_type = "application/zip";
  r.filename = download_name(set, std::string("pdf") + suffix + ".zip");
  return r;
}

Reply Editor::pdf(const std::string& set, const std::string& kind, const std::string& profile) {
  return build_download(set, kind, profile);
}

Reply Editor::zip(const std::string& set, const std::string& profile) { return build_download(set, std::nullopt, profile); }

namespace {

Reply created(StoreResult result, const std::string& name, const Diagnostics& diags) {
  if (!result.ok()) return Reply::error(result.status == StoreResult::Status::Failed ? 500 : 409, result.message);
  Reply r;
  r.body = {{"name", name}, {"warnings", static_cast<int>(diags.items().size())}};
  return r;
}

std::map<std::string, std::string> as_files(std::vector<pipeline::ScaffoldFile> files) {
  std::map<std::string, std::string> out;
  for (auto& f : files) out[f.name] = std::move(f.bytes);
  return out;
}

}  // namespace

Reply Editor::next_year(const std::string& set, const Json& body) {
  const Json* name = member(body, "name");
  if (!name || !name->is_string() || !is_safe_name(name->get<std::string>()))
    return Reply::error(400, "'name' must be a folder name for the new data set (letters, digits, - and _)");
  if (!store_.has_set(set)) return Reply::error(404, "no data set named '" + set + "'");
  Diagnostics diags;
  const auto old = data::load_dataset(store_.folder(set), diags);
  std::vector<pipeline::ScaffoldFile> files;
  if (old.tree) files = pipeline::carried_forward(old, "", resources_.root() / "data", diags);
  if (diags.has_errors() || files.empty()) {
    Reply failure;
    auto e = edited(set, nullptr, failure);
    Reply r = Reply::error(422, "this data set has errors; fix them before carrying it forward");
    if (e) r.body["diagnostics"] = diagnostics_json(*e, diags);
    return r;
  }
  return created(store_.create_set(name->get<std::string>(), as_files(std::move(files))), name->get<std::string>(), diags);
}

Reply Editor::create(const Json& body) {
  const Json* name = member(body, "name");
  const Json* office = member(body, "office");
  if (!name || !name->is_string() || !is_safe_name(name->get<std::string>()))
    return Reply::error(400, "'name' must be a folder name for the new data set (letters, digits, - and _)");
  if (!office || !office->is_string() || office->get<std::string>().empty() || office->get<std::string>().size() > 1000)
    return Reply::error(400, "'office' must be the office's name");
  Diagnostics diags;
  auto files = pipeline::fresh_dataset(office->get<std::string>(), resources_.root() / "data", diags);
  if (diags.has_errors() || files.empty()) return Reply::error(500, "cannot make a new data set: " + diags.format_all());
  return created(store_.create_set(name->get<std::string>(), as_files(std::move(files))), name->get<std::string>(), diags);
}

}  // namespace oitgen::serve
