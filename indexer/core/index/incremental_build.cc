#include "incremental_build.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>

#include <nlohmann/json.hpp>

#include "edition.h"
#include "files.h"
#include "hash.h"
#include "index_contract.h"
#include "shard_build.h"
#include "term_indexer.h"
#include "version.h"

namespace sotay {

namespace fs = std::filesystem;
namespace c = contract;
using nlohmann::json;

namespace {

// What decides how content is indexed: the index format and the project
// version, compiled into the core both executables link (never the
// executable's own file: sotay-server and sotay-indexer are two files).
std::string builder_identity() {
  return std::string("sotay ") + sotay_version() + " format " + std::to_string(c::INDEX_FORMAT);
}

// Hash of every file under the top-level '_' entries of content/.
std::string settings_hash(const fs::path& content_dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& top : fs::directory_iterator(content_dir, ec)) {
    const std::string name = top.path().filename().string();
    if (name.empty() || name[0] != '_') continue;
    if (top.is_regular_file()) {
      files.push_back(name);
    } else if (top.is_directory()) {
      for (const auto& e : fs::recursive_directory_iterator(top.path(), ec)) {
        if (e.is_regular_file())
          files.push_back(fs::relative(e.path(), content_dir).generic_string());
      }
    }
  }
  std::sort(files.begin(), files.end());
  std::string all;
  for (const std::string& f : files) {
    all += f + "\t" + content_hash(read_file(content_dir / f)) + "\n";
  }
  return content_hash(all);
}

}  // namespace

std::string Sources::to_json() const {
  json out = {{"builder", builder}, {"settings", settings}, {"files", json::object()}};
  for (const auto& [path, f] : files) {
    out["files"][path] = {
        {"hash", f.hash}, {"id", f.id}, {"size", f.size}, {"mtime_ns", f.mtime_ns}};
  }
  return out.dump();
}

std::optional<Sources> Sources::from_json(std::string_view text) {
  if (text.empty()) return std::nullopt;
  const json j = json::parse(text, nullptr, false);
  if (!j.is_object() || !j.contains("files") || !j["files"].is_object()) return std::nullopt;
  Sources s;
  s.builder = j.value("builder", "");
  s.settings = j.value("settings", "");
  for (const auto& [path, f] : j["files"].items()) {
    if (!f.is_object()) return std::nullopt;
    s.files[path] = {f.value("hash", ""), f.value("id", ""), f.value("size", std::uint64_t{0}),
                     f.value("mtime_ns", std::int64_t{0})};
  }
  return s;
}

Sources collect_sources(const fs::path& content_dir, const std::vector<Document>& docs) {
  Sources s;
  s.builder = builder_identity();
  s.settings = settings_hash(content_dir);
  for (const Document& d : docs) {
    SourceFile& f = s.files[d.source_path];
    f.hash = d.content_hash;
    f.id = d.meta.id;
    stat_source(content_dir / d.source_path, f);
  }
  return s;
}

bool stat_source(const fs::path& path, SourceFile& f) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return false;
  f.size = static_cast<std::uint64_t>(st.st_size);
  f.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  // A file changed within the last minute may have changed again after it
  // was read (git's "racy" files): record its time as unknown, so the next
  // build reads it.
  constexpr std::int64_t RACY_NS = 60LL * 1000000000;
  const std::int64_t now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count();
  if (f.mtime_ns > now_ns - RACY_NS) f.mtime_ns = 0;
  return true;
}

std::optional<IncrementalPlan> plan_incremental(const fs::path& index_root, const Sources& now,
                                                std::string& reason) {
  const auto current = current_edition(index_root);
  if (!current) {
    reason = "chưa có ấn bản hiện hành";
    return std::nullopt;
  }
  std::optional<Sources> before;
  try {
    const Xapian::Database db(current->string());
    before = Sources::from_json(db.get_metadata(std::string(c::META_SOURCES)));
  } catch (const Xapian::Error& e) {
    reason = "không đọc được ấn bản hiện hành (" + e.get_msg() + ")";
    return std::nullopt;
  }
  if (!before) {
    reason = "ấn bản hiện hành không lưu danh sách tệp nguồn";
    return std::nullopt;
  }
  if (before->settings != now.settings) {
    reason = "từ điển hoặc cấu hình (content/_*) đã thay đổi";
    return std::nullopt;
  }
  if (before->builder != now.builder) {
    reason = "sotay-indexer đã được cập nhật";
    return std::nullopt;
  }
  IncrementalPlan plan;
  plan.base = *current;
  for (const auto& [path, f] : now.files) {
    const auto it = before->files.find(path);
    if (it != before->files.end() && it->second.hash == f.hash && it->second.id == f.id) {
      ++plan.kept;
    } else {
      plan.rewrite_paths.insert(path);
      plan.stale_ids.insert(f.id);
    }
  }
  for (const auto& [path, f] : before->files) {
    const auto it = now.files.find(path);
    if (it == now.files.end() || it->second.hash != f.hash || it->second.id != f.id) {
      plan.stale_ids.insert(f.id);
    }
  }
  return plan;
}

void add_derived_rewrites(IncrementalPlan& plan, const std::vector<Document>& docs) {
  const Xapian::Database db(plan.base.string());
  for (const Document& doc : docs) {
    if (plan.rewrite(doc)) continue;
    const std::string stored = db.get_metadata(std::string(c::META_DOC_PREFIX) + doc.meta.id);
    // Only a document derived-replaced before or now can differ (the
    // marker is written only then), so most are not parsed.
    if (stored.find("\"superseded_derived\"") == std::string::npos &&
        doc.meta.superseded_by.empty()) {
      continue;
    }
    const nlohmann::json j = nlohmann::json::parse(stored, nullptr, false);
    if (j.is_object() && j.value("superseded_by", "") == doc.meta.superseded_by &&
        j.value("expires", "") == doc.meta.expires) {
      continue;
    }
    plan.rewrite_paths.insert(doc.source_path);
    plan.stale_ids.insert(doc.meta.id);
    --plan.kept;
  }
}

void copy_database(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  for (const auto& entry : fs::directory_iterator(from)) {
    if (!entry.is_regular_file()) continue;
    const std::string name = entry.path().filename().string();
    if (name == "flintlock") continue;  // the writer's lock: a fresh one is made
    fs::copy_file(entry.path(), to / name);
  }
}

void rewrite_sections(Xapian::WritableDatabase& db, const std::set<std::string>& stale_ids,
                      const std::vector<const Document*>& docs, const FacetCodes& codes) {
  Spellings removed;
  for (const std::string& id : stale_ids) {
    const std::string term = std::string(c::PREFIX_DOC_ID) + id;
    std::vector<Xapian::docid> docids;
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) docids.push_back(*p);
    for (const Xapian::docid d : docids) collect_spellings(db.get_document(d), removed);
    if (!docids.empty()) db.delete_document(term);
    db.set_metadata(std::string(c::META_DOC_PREFIX) + id, "");
  }
  for (const auto& [word, count] : removed) db.remove_spelling(word, count);
  Spellings added;
  for (const Document* doc : docs) {
    for (std::size_t i = 0; i < doc->sections.size(); ++i) {
      const Xapian::Document xdoc = make_section_document(*doc, i, &codes);
      collect_spellings(xdoc, added);
      db.replace_document("Q" + doc->meta.id + "#" + doc->sections[i].anchor, xdoc);
    }
  }
  for (const auto& [word, count] : added) db.add_spelling(word, count);
}

}  // namespace sotay
