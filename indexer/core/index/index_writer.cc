#include "index_writer.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <exception>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "compact_twice.h"
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
#include "parallel.h"
#include "quick_publish.h"
#include "reading_links.h"
#include "relation_links.h"
#include "shard_build.h"
#include "site_settings.h"
#include "suggestion_collector.h"

namespace sotay {

namespace fs = std::filesystem;
namespace c = contract;
using nlohmann::json;

namespace {

// Counts by display name, for the home page: [{"name", "slug", "count"}].
json counts_json(const std::vector<Document>& docs, std::string FrontMatter::*field) {
  std::map<std::string, std::size_t> counts;
  for (const Document& d : docs) {
    if (!(d.meta.*field).empty()) ++counts[d.meta.*field];
  }
  json out = json::array();
  for (const auto& [name, count] : counts) {
    out.push_back({{"name", name}, {"slug", filter_slug(name)}, {"count", count}});
  }
  return out;
}

// The most recently issued documents, newest first: [{"id", "title", "issued"}].
json recent_json(const std::vector<Document>& docs) {
  constexpr std::size_t RECENT = 8;
  std::vector<const Document*> sorted;
  for (const Document& d : docs) sorted.push_back(&d);
  std::stable_sort(sorted.begin(), sorted.end(), [](const Document* a, const Document* b) {
    return a->meta.issued > b->meta.issued;
  });
  json out = json::array();
  for (std::size_t i = 0; i < sorted.size() && i < RECENT; ++i) {
    const FrontMatter& m = sorted[i]->meta;
    out.push_back({{"id", m.id}, {"title", m.title}, {"issued", m.issued}, {"type", m.type}});
  }
  return out;
}

// The edition summary (index_contract.h), without "sections".
json edition_summary(const EditionName& name, const std::string& content_hash,
                     const std::vector<Document>& docs, const SiteSettings& site) {
  return {{"id", name.id},
          {"built", name.built},
          {"content_hash", content_hash},
          {"documents", docs.size()},
          {"departments", counts_json(docs, &FrontMatter::department)},
          {"fields", counts_json(docs, &FrontMatter::field)},
          {"types", counts_json(docs, &FrontMatter::type)},
          {"recent", recent_json(docs)},
          {"site", site.to_json()}};
}

// Each file's hash (bad files too) in path order, for the edition's content
// hash.
std::vector<FileHash> file_hashes(const LoadedContent& content) {
  std::vector<FileHash> out;
  for (std::size_t i = 0; i < content.files.size(); ++i) {
    out.push_back({content.files[i], content.hashes[i]});
  }
  return out;
}

// Loads every file (read and parsed on `jobs` threads); bad files and
// duplicate ids go to report.errors, in file order.
LoadedContent load_all(const BuildOptions& options, unsigned jobs, BuildReport& report) {
  LoadOptions load;
  load.jobs = jobs;
  load.progress = options.progress;
  LoadedContent content = load_all_documents(options.content_dir, load);
  report.files = content.files.size();
  report.errors.insert(report.errors.end(), content.errors.begin(), content.errors.end());
  return content;
}

// What both kinds of build write into an edition, from ALL documents.
struct EditionContent {
  const fs::path& content_dir;
  const std::vector<Document>& docs;
  const Dictionary& dictionary;
  const Sources& sources;
  json edition;  // the summary, without "sections"
  const RelationLinks& relations;
  // The edition this one replaces, for its "changes" (edition_changes.h).
  std::optional<fs::path> previous;
};

// The originals of `docs` and their cards' form files as original:<sha256>; an incremental build
// keeps the bytes already there and drops the ones no document names any more.
void write_originals(Xapian::WritableDatabase& db, const fs::path& content_dir,
                     const std::vector<Document>& docs) {
  std::set<std::string> keys;
  // The file `name` beside `doc`, stored under its `sha256` unless there already.
  auto store = [&](const Document& doc, const std::string& name, const std::string& sha256) {
    const std::string key = std::string(c::META_ORIGINAL_PREFIX) + sha256;
    keys.insert(key);
    if (!db.get_metadata(key).empty()) return;
    const fs::path file = (content_dir / doc.source_path).parent_path() / name;
    const std::string bytes = read_file(file);
    if (sha256_hex(bytes) != sha256) {
      throw std::runtime_error(file.string() + ": tệp bản gốc thay đổi trong khi xây dựng");
    }
    db.set_metadata(key, bytes);
  };
  for (const Document& doc : docs) {
    if (!doc.original.name.empty()) store(doc, doc.original.name, doc.original.sha256);
    for (const ProcedureCard& card : doc.meta.procedures) {  // forms (bieu_mau › tep)
      for (const ProcedureForm& form : card.forms) {
        if (!form.sha256.empty()) store(doc, form.file, form.sha256);
      }
    }
  }
  std::vector<std::string> stale;
  const std::string prefix(c::META_ORIGINAL_PREFIX);
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    if (!keys.count(*it)) stale.push_back(*it);
  }
  for (const std::string& key : stale) db.set_metadata(key, "");
}

// The "changes" of the new edition against the one it replaces.
std::string changes_of(const EditionContent& content) {
  std::map<std::string, const Document*> by_id;
  NewEdition edition;
  for (const Document& doc : content.docs) {
    by_id[doc.meta.id] = &doc;
    if (!doc.meta.superseded_by.empty()) edition.replaced_ids.push_back(doc.meta.id);
  }
  edition.id = content.edition.value("id", "");
  edition.built = content.edition.value("built", "");
  edition.sources = &content.sources;
  edition.document = [&](const std::string& id) -> std::optional<ChangedDocument> {
    const auto it = by_id.find(id);
    if (it == by_id.end()) return std::nullopt;
    const FrontMatter& m = it->second->meta;
    std::string replacing;  // a replacement derived from another's thay_the (relation_links.h)
    if (const auto r = content.relations.by_id.find(id); r != content.relations.by_id.end()) {
      replacing = r->second.value("superseded_id", "");
    }
    return ChangedDocument{m.id, m.title, m.department, m.number, m.superseded_by, replacing};
  };
  std::optional<Xapian::Database> before;
  if (content.previous) {
    try {
      before.emplace(content.previous->string());
    } catch (const Xapian::Error&) {
      before.reset();  // unreadable: the new edition starts its history
    }
  }
  return changes_metadata(before ? &*before : nullptr, edition);
}

// The edition's metadata: doc:<id> of every document, the document list,
// sources, dictionary, suggestions, facet codes and the edition summary
// (with `sections`, the number of sections the edition holds).
void write_metadata(Xapian::WritableDatabase& db, const EditionContent& content,
                    std::size_t sections, const FacetCodes& codes) {
  const std::vector<Document>& docs = content.docs;
  const Dictionary& dictionary = content.dictionary;
  json edition = content.edition;
  json ids = json::array();
  const std::map<std::string, json> links = reading_links(docs);  // reading_links.h
  SuggestionCollector suggestions(&dictionary);                   // suggestion_collector.h
  for (const Document& doc : docs) {
    suggestions.add(doc);
    json doc_json = document_json(doc);
    doc_json.update(links.at(doc.meta.id));
    if (const auto r = content.relations.by_id.find(doc.meta.id);
        r != content.relations.by_id.end()) {
      doc_json.update(r->second);  // relation_links.h
    }
    db.set_metadata(std::string(c::META_DOC_PREFIX) + doc.meta.id, doc_json.dump());
    ids.push_back(doc.meta.id);
  }
  write_originals(db, content.content_dir, docs);
  db.set_metadata(std::string(c::META_CHANGES), changes_of(content));
  edition["sections"] = sections;
  db.set_metadata(std::string(c::META_SOURCES), content.sources.to_json());
  db.set_metadata(std::string(c::META_FACET_CODES), codes.to_json());
  suggestions.write(db);
  db.set_metadata(std::string(c::META_DICTIONARY), dictionary.to_json());
  db.set_metadata(std::string(c::META_DOCUMENTS), ids.dump());
  db.set_metadata(std::string(c::META_EDITION), edition.dump());
}

// A full build: every section, written on `jobs` threads (shard_build.h),
// and the spare for quick publish (quick_publish.h) compacted meanwhile.
// Returns whether the spare was made.
bool write_full(const fs::path& dir, const fs::path& spare, const EditionContent& content,
                unsigned jobs, BuildReport& report) {
  const std::vector<Document>& docs = content.docs;
  std::size_t sections = 0;
  for (const Document& doc : docs) sections += doc.sections.size();
  const FacetCodes codes = FacetCodes::from_documents(docs);
  const bool spare_made = write_sections_sharded(
      dir, docs, codes, jobs,
      [&](Xapian::WritableDatabase& db) { write_metadata(db, content, sections, codes); }, &spare);
  report.sections = sections;
  return spare_made;
}

// An incremental build (incremental_build.h): the current edition is copied
// and only the plan's documents get their sections (re)written; then
// compacted into the edition and, meanwhile, into the spare for quick
// publish (compact_twice.h). Returns whether the spare was made.
bool write_incremental(const fs::path& dir, const fs::path& spare, const EditionContent& content,
                       const IncrementalPlan& plan, BuildReport& report) {
  const std::vector<Document>& docs = content.docs;
  const fs::path work = fs::path(dir.string() + ".copy");
  copy_database(plan.base, work);
  Xapian::WritableDatabase db(work.string(), Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
  // Codes of the sections kept stay valid; new values get new codes.
  FacetCodes codes;
  if (auto stored = FacetCodes::from_json(db.get_metadata(std::string(c::META_FACET_CODES)))) {
    codes = std::move(*stored);
  }
  for (const Document& doc : docs) codes.add(doc.meta);
  std::vector<const Document*> rewrite;
  for (const Document& doc : docs) {
    if (plan.rewrite(doc)) rewrite.push_back(&doc);
  }
  rewrite_sections(db, plan.stale_ids, rewrite, codes);
  report.sections = db.get_doccount();
  write_metadata(db, content, report.sections, codes);
  db.commit();
  db.close();
  // Fresh UUIDs for replication.
  const bool spare_made =
      compact_twice([&] { return Xapian::Database(work.string()); }, dir, &spare);
  fs::remove_all(work);
  return spare_made;
}

// The next quick publish needs a spare of the edition just published: the
// one the build compacted beside it (`spare_made`), else a copy of it.
// The edition is out already, so a failure here only costs the next change
// the quick path.
void refresh_spare(const fs::path& index_root, const std::string& edition_id, bool spare_made) {
  try {
    if (spare_made) {
      install_spare(index_root, edition_id);
    } else {
      prepare_spare(index_root);
    }
  } catch (const std::exception&) {
  } catch (const Xapian::Error&) {
  }
}

}  // namespace

BuildReport build_edition(const BuildOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  IndexLock lock(options.index_root);
  std::string quick_reason;
  if (!options.full && options.quick) {
    try {
      if (std::optional<BuildReport> quick = quick_publish(options, quick_reason)) {
        refresh_spare(options.index_root, quick->edition_id, false);
        return *quick;
      }
    } catch (const std::exception& e) {
      quick_reason = e.what();  // the spare is spoilt; the current edition is not
    } catch (const Xapian::Error& e) {
      quick_reason = e.get_description();
    }
  }
  BuildReport report;
  report.quick_reason = quick_reason;

  const Dictionary dictionary = Dictionary::load(options.content_dir, report.errors);
  const SiteSettings site = SiteSettings::load(options.content_dir, report.errors);
  const unsigned jobs = options.jobs > 0 ? options.jobs : default_jobs();
  LoadedContent loaded = load_all(options, jobs, report);
  const std::vector<Document>& docs = loaded.docs;
  report.documents = docs.size();
  report.content_hash = edition_content_hash(dictionary, site, file_hashes(loaded));
  if (docs.empty()) {
    throw std::runtime_error(options.content_dir.string() +
                             ": không có văn bản hợp lệ nào; ấn bản hiện hành được giữ nguyên");
  }
  RelationLinks relations = relation_links(docs);  // refused ones are left out
  report.errors.insert(report.errors.end(), relations.errors.begin(), relations.errors.end());
  if (options.strict && !report.errors.empty()) return report;
  apply_derived_replacements(loaded.docs, relations);  // relation_links.h
  const Sources sources = collect_sources(options.content_dir, docs);
  std::optional<IncrementalPlan> plan;
  if (!options.full) plan = plan_incremental(options.index_root, sources, report.full_reason);
  if (plan) add_derived_rewrites(*plan, docs);
  if (options.full) report.full_reason = "--full";
  report.incremental = plan.has_value();
  report.reindexed = plan ? plan->rewrite_paths.size() : docs.size();
  const auto previous = current_edition(options.index_root);

  const fs::path editions = options.index_root / "editions";
  const EditionName name = new_edition_name(options.index_root, report.content_hash);
  const fs::path final_dir = editions / name.id;
  report.edition_id = name.id;
  const fs::path building = editions / (".building-" + report.edition_id);
  const EditionContent content{options.content_dir,
                               docs,
                               dictionary,
                               sources,
                               edition_summary(name, report.content_hash, docs, site),
                               relations,
                               previous};
  fs::remove_all(building);
  const fs::path spare = spare_building_dir(options.index_root);
  bool spare_made = false;
  try {
    if (plan) {
      spare_made = write_incremental(building, spare, content, *plan, report);
    } else {
      spare_made = write_full(building, spare, content, jobs, report);
    }
    fs::rename(building, final_dir);
    sync_directory(editions);
  } catch (...) {
    std::error_code ec;
    fs::remove_all(building, ec);
    fs::remove_all(building.string() + ".copy", ec);
    fs::remove_all(spare, ec);
    throw;
  }
  switch_current(options.index_root, final_dir);
  report.published = true;
  prune_editions(options.index_root, options.keep_editions,
                 previous ? previous->filename().string() : std::string());
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  refresh_spare(options.index_root, report.edition_id, spare_made);
  return report;
}

}  // namespace sotay
