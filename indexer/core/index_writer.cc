#include "index_writer.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <stdexcept>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "content_loader.h"
#include "dictionary.h"
#include "edition.h"
#include "index_contract.h"
#include "term_indexer.h"
#include "text.h"

namespace sotay {

namespace fs = std::filesystem;
namespace c = contract;
using nlohmann::json;

namespace {

// "20261127T060000.123Z" (compact, sorts by time) or "2026-11-27T06:00:00Z".
std::string utc_stamp(std::chrono::system_clock::time_point when, bool compact) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  if (!compact) {
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
  }
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%S", &tm);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(when.time_since_epoch()).count() % 1000;
  char frac[8];
  std::snprintf(frac, sizeof frac, ".%03dZ", static_cast<int>(ms));
  return std::string(buf) + frac;
}

json document_json(const Document& doc) {
  const FrontMatter& m = doc.meta;
  json sections = json::array();
  for (const Section& s : doc.sections) {
    sections.push_back({{"anchor", s.anchor}, {"title", s.title}, {"level", s.level}});
  }
  return {{"id", m.id},
          {"title", m.title},
          {"department", m.department},
          {"field", m.field},
          {"type", m.type},
          {"number", m.number},
          {"issuer", m.issuer},
          {"issued", m.issued},
          {"effective", m.effective},
          {"status", m.status},
          {"superseded_by", m.superseded_by},
          {"tags", m.tags},
          {"source_path", doc.source_path},
          {"content_hash", doc.content_hash},
          {"sections", sections},
          {"html", doc.html}};
}

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

// Words for spelling suggestions: folded syllables and exact forms of the
// text, without digits (numbers are never "corrected").
void collect_spellings(const Xapian::Document& xdoc,
                       std::map<std::string, Xapian::termcount>& spellings) {
  const std::string exact_prefix(c::PREFIX_EXACT);
  for (auto t = xdoc.termlist_begin(); t != xdoc.termlist_end(); ++t) {
    const std::string term = *t;
    std::string word;
    if (!term.empty() && term[0] >= 'a' && term[0] <= 'z') {
      word = term;
    } else if (term.compare(0, exact_prefix.size(), exact_prefix) == 0) {
      word = term.substr(exact_prefix.size());
    } else {
      continue;
    }
    if (word.size() < 2 || word.find_first_of("0123456789./@:") != std::string::npos) continue;
    ++spellings[word];
  }
}

// Loads every file; bad files and duplicate ids go to report.errors.
std::vector<Document> load_all(const BuildOptions& options, BuildReport& report,
                               std::string& all_hashes) {
  const std::vector<std::string> files = list_content_files(options.content_dir);
  report.files = files.size();
  std::vector<Document> docs;
  std::map<std::string, std::string> id_owner;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string bytes = read_file(options.content_dir / files[i]);
    all_hashes += files[i] + "\t" + content_hash(bytes) + "\n";
    std::optional<Document> doc = load_document(files[i], bytes, report.errors);
    if (doc) {
      auto [it, inserted] = id_owner.emplace(doc->meta.id, files[i]);
      if (!inserted) {
        report.errors.push_back(
            {files[i], 1, "id \"" + doc->meta.id + "\" đã được dùng cho tệp " + it->second});
      } else {
        docs.push_back(std::move(*doc));
      }
    }
    if (options.progress) options.progress(i + 1, files.size());
  }
  return docs;
}

void write_database(const fs::path& dir, const std::vector<Document>& docs,
                    const Dictionary& dictionary, const json& edition, BuildReport& report) {
  Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE);
  json ids = json::array();
  std::map<std::string, Xapian::termcount> spellings;
  for (const Document& doc : docs) {
    for (std::size_t i = 0; i < doc.sections.size(); ++i) {
      const Xapian::Document xdoc = make_section_document(doc, i);
      collect_spellings(xdoc, spellings);
      db.replace_document("Q" + doc.meta.id + "#" + doc.sections[i].anchor, xdoc);
      ++report.sections;
    }
    db.set_metadata(std::string(c::META_DOC_PREFIX) + doc.meta.id, document_json(doc).dump());
    ids.push_back(doc.meta.id);
  }
  json ed = edition;
  ed["sections"] = report.sections;
  for (const auto& [word, count] : spellings) db.add_spelling(word, count);
  db.set_metadata(std::string(c::META_DICTIONARY), dictionary.to_json());
  db.set_metadata(std::string(c::META_DOCUMENTS), ids.dump());
  db.set_metadata(std::string(c::META_EDITION), ed.dump());
  db.commit();
  db.close();
}

}  // namespace

BuildReport build_edition(const BuildOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  BuildReport report;
  IndexLock lock(options.index_root);

  std::string all_hashes;
  const Dictionary dictionary = Dictionary::load(options.content_dir, report.errors);
  all_hashes += dictionary.to_json();
  std::vector<Document> docs = load_all(options, report, all_hashes);
  report.documents = docs.size();
  report.content_hash = content_hash(all_hashes).substr(0, 8);
  if (docs.empty()) {
    throw std::runtime_error(options.content_dir.string() +
                             ": không có văn bản hợp lệ nào; ấn bản hiện hành được giữ nguyên");
  }
  if (options.strict && !report.errors.empty()) return report;

  auto now = std::chrono::system_clock::now();
  const fs::path editions = options.index_root / "editions";
  fs::create_directories(editions);
  // Ids sort by time; two builds within one millisecond wait for the next.
  const std::vector<std::string> existing = list_editions(options.index_root);
  std::string stamp = utc_stamp(now, true) + "-" + report.content_hash;
  while (fs::exists(editions / stamp) || (!existing.empty() && stamp <= existing.back())) {
    now += std::chrono::milliseconds(1);
    stamp = utc_stamp(now, true) + "-" + report.content_hash;
  }
  const fs::path final_dir = editions / stamp;
  report.edition_id = final_dir.filename().string();
  const fs::path building = editions / (".building-" + report.edition_id);
  const json edition = {{"id", report.edition_id},
                        {"built", utc_stamp(now, false)},
                        {"content_hash", report.content_hash},
                        {"documents", docs.size()},
                        {"departments", counts_json(docs, &FrontMatter::department)},
                        {"fields", counts_json(docs, &FrontMatter::field)},
                        {"types", counts_json(docs, &FrontMatter::type)},
                        {"recent", recent_json(docs)}};
  fs::remove_all(building);
  try {
    write_database(building, docs, dictionary, edition, report);
    fs::rename(building, final_dir);
    sync_directory(editions);
  } catch (...) {
    std::error_code ec;
    fs::remove_all(building, ec);
    throw;
  }
  switch_current(options.index_root, final_dir);
  report.published = true;
  prune_editions(options.index_root, options.keep_editions);
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace sotay
