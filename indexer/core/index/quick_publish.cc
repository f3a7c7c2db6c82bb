#include "quick_publish.h"

#include <chrono>
#include <fstream>
#include <set>
#include <vector>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "content_loader.h"
#include "dictionary.h"
#include "edition.h"
#include "edition_records.h"
#include "facet_codes.h"
#include "files.h"
#include "hash.h"
#include "incremental_build.h"
#include "index_contract.h"
#include "reading_links.h"
#include "site_settings.h"

namespace sotay {

namespace fs = std::filesystem;
namespace c = contract;
using nlohmann::json;

namespace {

constexpr const char* SPARE = ".spare";
// A file in the spare naming the edition it is a copy of.
constexpr const char* SPARE_MARK = "sotay-spare-of";

fs::path spare_dir(const fs::path& index_root) { return index_root / "editions" / SPARE; }

std::string spare_of(const fs::path& spare) {
  std::ifstream in(spare / SPARE_MARK);
  std::string id;
  std::getline(in, id);
  return id;
}

// Front matter fields other documents and edition records depend on.
constexpr const char* STABLE_FIELDS[] = {"id",     "title",        "department", "field",
                                         "type",   "number",       "issued",     "effective",
                                         "status", "superseded_by"};

struct Change {
  Document doc;
  json published;  // its doc:<id> in the current edition
};

// The documents of `db` whose own number has the key `key` (XK terms), at
// most two (reading_links.h).
std::vector<NumberOwner> owners_in(const Xapian::Database& db, const std::string& key) {
  const std::string term = std::string(c::PREFIX_OWN_NUMBER) + key;
  std::vector<NumberOwner> found;
  std::set<std::string> seen;
  for (auto p = db.postlist_begin(term); p != db.postlist_end(term) && found.size() < 2; ++p) {
    const Xapian::Document d = db.get_document(*p);
    const std::string id = d.get_value(c::SLOT_DOC_ID);
    if (!seen.insert(id).second) continue;
    const json data = json::parse(d.get_data(), nullptr, false);
    found.push_back({id, data.is_object() ? data.value("title", "") : ""});
  }
  return found;
}

}  // namespace

std::optional<BuildReport> quick_publish(const BuildOptions& options, std::string& why_not) {
  const auto start = std::chrono::steady_clock::now();
  const fs::path& root = options.index_root;
  const auto current = current_edition(root);
  if (!current) {
    why_not = "chưa có ấn bản hiện hành";
    return std::nullopt;
  }
  const fs::path spare = spare_dir(root);
  const std::string previous_id = current->filename().string();
  if (spare_of(spare) != previous_id) {
    why_not = "chưa có bản dự phòng của ấn bản hiện hành";
    return std::nullopt;
  }
  std::vector<ContentError> errors;
  const Dictionary dictionary = Dictionary::load(options.content_dir, errors);
  const SiteSettings site = SiteSettings::load(options.content_dir, errors);
  if (!errors.empty()) {
    why_not = "từ điển hoặc cấu hình có lỗi";
    return std::nullopt;
  }
  const Xapian::Database published(current->string());
  const std::optional<Sources> before =
      Sources::from_json(published.get_metadata(std::string(c::META_SOURCES)));
  if (!before) {
    why_not = "ấn bản hiện hành không lưu danh sách tệp nguồn";
    return std::nullopt;
  }
  Sources now = collect_sources(options.content_dir, {});  // builder and settings
  if (now.builder != before->builder || now.settings != before->settings) {
    why_not = "từ điển, cấu hình hoặc sotay-indexer đã thay đổi";
    return std::nullopt;
  }
  now.files = before->files;

  // What changed: size or time first, then the content hash.
  const std::vector<std::string> files = list_content_files(options.content_dir);
  if (files.size() != before->files.size()) {
    why_not = "có tệp được thêm hoặc xóa";
    return std::nullopt;
  }
  std::vector<Change> changes;
  for (const std::string& path : files) {
    const auto it = before->files.find(path);
    if (it == before->files.end()) {
      why_not = "có tệp được thêm hoặc xóa";
      return std::nullopt;
    }
    SourceFile seen = it->second;
    if (!stat_source(options.content_dir / path, seen)) {
      why_not = path + ": không đọc được";
      return std::nullopt;
    }
    if (it->second.mtime_ns != 0 && seen.size == it->second.size &&
        seen.mtime_ns == it->second.mtime_ns) {
      continue;
    }
    const std::string bytes = read_file(options.content_dir / path);
    seen.hash = content_hash(bytes);
    now.files[path] = seen;
    if (seen.hash == it->second.hash) continue;
    if (changes.size() == QUICK_LIMIT) {
      why_not = "hơn " + std::to_string(QUICK_LIMIT) + " tệp thay đổi";
      return std::nullopt;
    }
    std::optional<Document> doc = load_document(path, bytes, errors);
    if (!doc || !errors.empty()) {
      why_not = path + ": có lỗi";
      return std::nullopt;
    }
    const json old = json::parse(
        published.get_metadata(std::string(c::META_DOC_PREFIX) + it->second.id), nullptr, false);
    const json fresh = document_json(*doc);
    for (const char* field : STABLE_FIELDS) {
      if (!old.is_object() || !old.contains(field) || old[field] != fresh[field]) {
        why_not = path + ": thay đổi " + field;
        return std::nullopt;
      }
    }
    changes.push_back({std::move(*doc), old});
  }
  if (changes.empty()) {
    why_not = "không có văn bản nào thay đổi";
    return std::nullopt;
  }

  // From here on the spare is being changed: it stops being a valid spare
  // first, so a crash leaves a current edition and no spare.
  fs::remove(spare / SPARE_MARK);
  BuildReport report;
  {
    Xapian::WritableDatabase db(spare.string(), Xapian::DB_OPEN);
    const std::optional<FacetCodes> codes =
        FacetCodes::from_json(db.get_metadata(std::string(c::META_FACET_CODES)));
    if (!codes) throw std::runtime_error(spare.string() + ": không có bảng mã bộ lọc");
    const NumberOwners owners = [&db](const std::string& key) { return owners_in(db, key); };
    std::set<std::string> ids;
    std::vector<const Document*> docs;
    for (const Change& ch : changes) {
      ids.insert(ch.doc.meta.id);
      docs.push_back(&ch.doc);
    }
    // Numbers cited are looked up before the changed sections are rewritten
    // (their own numbers are not cited anyway).
    std::vector<json> doc_json;
    for (const Change& ch : changes) {
      json j = document_json(ch.doc);
      for (const char* link : {"prev", "next"}) {
        if (ch.published.contains(link)) j[link] = ch.published[link];
      }
      j["cites"] = cites_json(ch.doc, owners);
      doc_json.push_back(std::move(j));
    }
    rewrite_sections(db, ids, docs, *codes);
    for (std::size_t k = 0; k < changes.size(); ++k) {
      db.set_metadata(std::string(c::META_DOC_PREFIX) + changes[k].doc.meta.id, doc_json[k].dump());
    }

    // The edition: same documents, new content hash (as load_all computes it).
    std::string all_hashes = dictionary.to_json() + site.to_json().dump();
    for (const auto& [path, f] : now.files) all_hashes += path + "\t" + f.hash + "\n";
    report.content_hash = content_hash(all_hashes).substr(0, 8);
    const EditionName name = new_edition_name(root, report.content_hash);
    json edition = json::parse(db.get_metadata(std::string(c::META_EDITION)), nullptr, false);
    if (!edition.is_object()) edition = json::object();
    edition["id"] = name.id;
    edition["built"] = name.built;
    edition["content_hash"] = report.content_hash;
    edition["sections"] = db.get_doccount();
    db.set_metadata(std::string(c::META_SOURCES), now.to_json());
    db.set_metadata(std::string(c::META_EDITION), edition.dump());
    db.commit();
    report.sections = db.get_doccount();
    report.edition_id = name.id;
  }
  const fs::path editions = root / "editions";
  const fs::path final_dir = editions / report.edition_id;
  fs::rename(spare, final_dir);
  sync_directory(editions);
  switch_current(root, final_dir);
  report.published = true;
  prune_editions(root, options.keep_editions, previous_id);
  report.files = files.size();
  report.documents = now.files.size();
  report.incremental = true;
  report.quick = true;
  report.reindexed = changes.size();
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

void prepare_spare(const fs::path& index_root) {
  const auto current = current_edition(index_root);
  if (!current || current->parent_path().filename() != "editions") return;
  const fs::path spare = spare_dir(index_root);
  const fs::path building = spare.string() + ".building";
  std::error_code ec;
  fs::remove_all(building, ec);
  Xapian::Database(current->string()).compact(building.string());  // a fresh UUID
  {
    std::ofstream mark(building / SPARE_MARK, std::ios::trunc);
    mark << current->filename().string() << '\n';
    if (!mark.flush())
      throw std::runtime_error((building / SPARE_MARK).string() + ": không ghi được");
  }
  fs::remove_all(spare);
  fs::rename(building, spare);
}

}  // namespace sotay
