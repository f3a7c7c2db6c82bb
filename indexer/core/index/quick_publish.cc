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
#include "edition_changes.h"
#include "edition_records.h"
#include "facet_codes.h"
#include "files.h"
#include "hash.h"
#include "incremental_build.h"
#include "index_contract.h"
#include "procedure_sections.h"
#include "reading_links.h"
#include "relation_links.h"
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
constexpr const char* STABLE_FIELDS[] = {"id",
                                         "title",
                                         "department",
                                         "field",
                                         "type",
                                         "number",
                                         "issued",
                                         "effective",
                                         "expires",
                                         "status",
                                         "expired_articles",
                                         "superseded_by",
                                         "declared_relations"};

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

// What the quick path starts from: the current edition, a spare of it, and
// the sources it was built from.
struct QuickBase {
  fs::path current;
  fs::path spare;
  Xapian::Database published;  // the current edition
  Dictionary dictionary;
  SiteSettings site;
  Sources before;  // of the current edition
  Sources now;     // builder and settings now, files as before until read
};

// The base, or nullopt with the reason when the quick path does not apply:
// no current edition or spare, an error in content/_*, another builder.
std::optional<QuickBase> quick_base(const BuildOptions& options, std::string& why_not) {
  const fs::path& root = options.index_root;
  const auto current = current_edition(root);
  if (!current) {
    why_not = "chưa có ấn bản hiện hành";
    return std::nullopt;
  }
  const fs::path spare = spare_dir(root);
  if (spare_of(spare) != current->filename().string()) {
    why_not = "chưa có bản dự phòng của ấn bản hiện hành";
    return std::nullopt;
  }
  std::vector<ContentError> errors;
  Dictionary dictionary = Dictionary::load(options.content_dir, errors);
  SiteSettings site = SiteSettings::load(options.content_dir, errors);
  if (!errors.empty()) {
    why_not = "từ điển hoặc cấu hình có lỗi";
    return std::nullopt;
  }
  Xapian::Database published(current->string());
  std::optional<Sources> before =
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
  return QuickBase{*current,
                   spare,
                   std::move(published),
                   std::move(dictionary),
                   std::move(site),
                   std::move(*before),
                   std::move(now)};
}

// True when every form file of `doc`'s cards has its bytes in the edition
// already: `published` (its doc:<id>) names a form with the same SHA-256.
bool forms_in_edition(const Document& doc, const json& published) {
  std::set<std::string> stored;
  const json cards = published.is_object() ? published.value("procedures", json::array()) : json();
  for (const json& card : cards.is_array() ? cards : json::array()) {
    for (const json& form : card.value("bieu_mau", json::array())) {
      stored.insert(form.value("sha256", ""));
    }
  }
  for (const ProcedureCard& card : doc.meta.procedures) {
    for (const ProcedureForm& form : card.forms) {
      if (!form.sha256.empty() && !stored.count(form.sha256)) return false;
    }
  }
  return true;
}

// The document `path` (changed, `bytes`) as a quick change of `published`
// (its doc:<id> in the current edition), or nullopt with the reason when
// it has an error or a front matter field others depend on changed.
std::optional<Change> body_change(const fs::path& content_dir, const std::string& path,
                                  const std::string& bytes, json published, std::string& why_not) {
  std::vector<ContentError> errors;
  std::optional<Document> doc = load_document(path, bytes, errors);
  if (!doc || !errors.empty()) {
    why_not = path + ": có lỗi";
    return std::nullopt;
  }
  // The original's bytes are in the edition already when it is unchanged;
  // a new or changed original takes the regular build, which stores it.
  if (!doc->meta.original.empty()) {
    const json before = published.is_object() ? published.value("original", json()) : json();
    if (!attach_original(content_dir, path, bytes, *doc, errors) || !before.is_object() ||
        before.value("sha256", "") != doc->original.sha256) {
      why_not = path + ": tệp bản gốc mới hoặc đã thay đổi";
      return std::nullopt;
    }
  }
  if (!attach_procedure_forms(content_dir, path, *doc, errors)) {
    why_not = path + ": thiếu tệp biểu mẫu";
    return std::nullopt;
  }
  if (!forms_in_edition(*doc, published)) {  // the regular build stores their bytes
    why_not = path + ": tệp biểu mẫu mới hoặc đã thay đổi";
    return std::nullopt;
  }
  keep_derived_replacement(*doc, published);  // relation_links.h
  json fresh = document_json(*doc);
  for (const char* field : STABLE_FIELDS) {
    if (!published.is_object() || !published.contains(field) || published[field] != fresh[field]) {
      why_not = path + ": thay đổi " + field;
      return std::nullopt;
    }
  }
  return Change{std::move(*doc), std::move(published)};
}

// The changed documents, at least one and at most QUICK_LIMIT, found by
// size and time first, then by content hash (base.now gets the new hashes
// and stats); nullopt with the reason otherwise.
std::optional<std::vector<Change>> find_changes(const fs::path& content_dir,
                                                const std::vector<std::string>& files,
                                                QuickBase& base, std::string& why_not) {
  if (files.size() != base.before.files.size()) {
    why_not = "có tệp được thêm hoặc xóa";
    return std::nullopt;
  }
  std::vector<Change> changes;
  for (const std::string& path : files) {
    const auto it = base.before.files.find(path);
    if (it == base.before.files.end()) {
      why_not = "có tệp được thêm hoặc xóa";
      return std::nullopt;
    }
    SourceFile seen = it->second;
    if (!stat_source(content_dir / path, seen)) {
      why_not = path + ": không đọc được";
      return std::nullopt;
    }
    if (it->second.mtime_ns != 0 && seen.size == it->second.size &&
        seen.mtime_ns == it->second.mtime_ns) {
      continue;
    }
    const std::string bytes = read_file(content_dir / path);
    seen.hash = source_hash(content_dir, path, bytes);
    base.now.files[path] = seen;
    if (seen.hash == it->second.hash) continue;
    if (changes.size() == QUICK_LIMIT) {
      why_not = "hơn " + std::to_string(QUICK_LIMIT) + " tệp thay đổi";
      return std::nullopt;
    }
    const json old =
        json::parse(base.published.get_metadata(std::string(c::META_DOC_PREFIX) + it->second.id),
                    nullptr, false);
    std::optional<Change> change = body_change(content_dir, path, bytes, old, why_not);
    if (!change) return std::nullopt;
    changes.push_back(std::move(*change));
  }
  if (changes.empty()) {
    why_not = "không có văn bản nào thay đổi";
    return std::nullopt;
  }
  return changes;
}

// Rewrites the changed documents' sections and doc:<id> in `db`, the spare.
void write_changes(Xapian::WritableDatabase& db, const fs::path& spare,
                   const std::vector<Change>& changes) {
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
    for (const char* link : {"prev", "next", "relations", "superseded_by", "superseded_id",
                             "superseded_derived", "expires_derived"}) {
      if (std::string_view(link).starts_with("superseded") &&
          !ch.published.value("superseded_derived", false)) {
        continue;
      }
      if (ch.published.contains(link)) j[link] = ch.published[link];
    }
    refresh_article_anchors(ch.doc, j);  // relation_links.h
    j["cites"] = cites_json(ch.doc, owners);
    doc_json.push_back(std::move(j));
  }
  rewrite_sections(db, ids, docs, *codes);
  for (std::size_t k = 0; k < changes.size(); ++k) {
    db.set_metadata(std::string(c::META_DOC_PREFIX) + changes[k].doc.meta.id, doc_json[k].dump());
  }
}

// The edition record of `db` (the spare) for the new content: same
// documents, new id, time, content hash, sources and section count.
void write_edition_record(Xapian::WritableDatabase& db, const fs::path& index_root,
                          const QuickBase& base, BuildReport& report) {
  std::vector<FileHash> hashes;
  for (const auto& [path, f] : base.now.files) hashes.push_back({path, f.hash});
  report.content_hash = edition_content_hash(base.dictionary, base.site, hashes);
  const EditionName name = new_edition_name(index_root, report.content_hash);
  json edition = json::parse(db.get_metadata(std::string(c::META_EDITION)), nullptr, false);
  if (!edition.is_object()) edition = json::object();
  edition["id"] = name.id;
  edition["built"] = name.built;
  edition["content_hash"] = report.content_hash;
  edition["sections"] = db.get_doccount();
  // Before the new sources: the spare still holds the current edition's.
  NewEdition changes{name.id,
                     name.built,
                     &base.now,
                     [&](const std::string& id) {
                       const json doc = json::parse(
                           db.get_metadata(std::string(c::META_DOC_PREFIX) + id), nullptr, false);
                       return doc.is_object() ? std::optional(changed_document(doc)) : std::nullopt;
                     },
                     {}};
  db.set_metadata(std::string(c::META_CHANGES), changes_metadata(&db, changes));
  db.set_metadata(std::string(c::META_SOURCES), base.now.to_json());
  db.set_metadata(std::string(c::META_EDITION), edition.dump());
  report.sections = db.get_doccount();
  report.edition_id = name.id;
}

}  // namespace

std::optional<BuildReport> quick_publish(const BuildOptions& options, std::string& why_not) {
  const auto start = std::chrono::steady_clock::now();
  const fs::path& root = options.index_root;
  std::optional<QuickBase> base = quick_base(options, why_not);
  if (!base) return std::nullopt;
  const std::vector<std::string> files = list_content_files(options.content_dir);
  const std::optional<std::vector<Change>> changes =
      find_changes(options.content_dir, files, *base, why_not);
  if (!changes) return std::nullopt;

  // From here on the spare is being changed: it stops being a valid spare
  // first, so a crash leaves a current edition and no spare.
  fs::remove(base->spare / SPARE_MARK);
  BuildReport report;
  {
    Xapian::WritableDatabase db(base->spare.string(), Xapian::DB_OPEN);
    write_changes(db, base->spare, *changes);
    write_edition_record(db, root, *base, report);
    db.commit();
  }
  const fs::path editions = root / "editions";
  const fs::path final_dir = editions / report.edition_id;
  fs::rename(base->spare, final_dir);
  sync_directory(editions);
  switch_current(root, final_dir);
  report.published = true;
  prune_editions(root, options.keep_editions, base->current.filename().string());
  report.files = files.size();
  report.documents = base->now.files.size();
  report.incremental = true;
  report.quick = true;
  report.reindexed = changes->size();
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

fs::path spare_building_dir(const fs::path& index_root) {
  return spare_dir(index_root).string() + ".building";
}

void install_spare(const fs::path& index_root, const std::string& edition_id) {
  const fs::path spare = spare_dir(index_root);
  const fs::path building = spare_building_dir(index_root);
  {
    std::ofstream mark(building / SPARE_MARK, std::ios::trunc);
    mark << edition_id << '\n';
    if (!mark.flush())
      throw std::runtime_error((building / SPARE_MARK).string() + ": không ghi được");
  }
  fs::remove_all(spare);
  fs::rename(building, spare);
}

void prepare_spare(const fs::path& index_root) {
  const auto current = current_edition(index_root);
  if (!current || current->parent_path().filename() != "editions") return;
  const fs::path building = spare_building_dir(index_root);
  std::error_code ec;
  fs::remove_all(building, ec);
  Xapian::Database(current->string()).compact(building.string());  // a fresh UUID
  install_spare(index_root, current->filename().string());
}

}  // namespace sotay
