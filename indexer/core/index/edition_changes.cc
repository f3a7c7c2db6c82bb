#include "edition_changes.h"

#include <map>
#include <set>

#include "index_contract.h"
#include "json_util.h"

namespace sotay {

namespace c = contract;
using nlohmann::json;

namespace {

std::optional<ChangedDocument> stored_document(const Xapian::Database& db, const std::string& id) {
  const std::string text = db.get_metadata(std::string(c::META_DOC_PREFIX) + id);
  if (text.empty()) return std::nullopt;
  const json doc = json::parse(text, nullptr, false);
  if (!doc.is_object()) return std::nullopt;
  return changed_document(doc);
}

json item_json(std::string_view kind, const ChangedDocument& d) {
  json item = {{"kind", kind},       {"id", d.id},
               {"title", d.title},   {"department", d.department},
               {"number", d.number}, {"superseded_by", d.superseded_by}};
  if (!d.superseded_id.empty()) item["superseded_id"] = d.superseded_id;
  return item;
}

// id -> content hash of the files of `sources`.
std::map<std::string, std::string> hashes_by_id(const Sources& sources) {
  std::map<std::string, std::string> out;
  for (const auto& [path, f] : sources.files) out[f.id] = f.hash;
  return out;
}

struct Recorder {
  json items = json::array();
  std::map<std::string, std::size_t> counts{
      {"added", 0}, {"changed", 0}, {"replaced", 0}, {"removed", 0}};
  void add(std::string_view kind, const std::optional<ChangedDocument>& d) {
    ++counts[std::string(kind)];
    if (d && items.size() < MAX_CHANGE_ITEMS) items.push_back(item_json(kind, *d));
  }
};

// The record of `edition` against the earlier sources `before`.
json compare(const Xapian::Database& db, const Sources& before, const NewEdition& edition) {
  const auto old_hashes = hashes_by_id(before);
  const auto new_hashes = hashes_by_id(*edition.sources);
  Recorder r;
  std::set<std::string> replaced;
  for (const std::string& id : edition.replaced_ids) {
    const auto old = stored_document(db, id);
    if (old && old->superseded_by.empty() && replaced.insert(id).second) {
      r.add("replaced", edition.document(id));
    }
  }
  for (const auto& [id, hash] : new_hashes) {
    const auto old = old_hashes.find(id);
    if (replaced.count(id)) continue;
    if (old == old_hashes.end()) {
      r.add("added", edition.document(id));
    } else if (old->second != hash) {
      r.add("changed", edition.document(id));
    }
  }
  for (const auto& [id, hash] : old_hashes) {
    if (!new_hashes.count(id)) r.add("removed", stored_document(db, id));
  }
  return {{"edition", edition.id},
          {"built", edition.built},
          {"documents", new_hashes.size()},
          {"counts", r.counts},
          {"items", r.items}};
}

}  // namespace

ChangedDocument changed_document(const json& doc) {
  return {json_string(doc, "id"),
          json_string(doc, "title"),
          json_string(doc, "department"),
          json_string(doc, "number"),
          json_string(doc, "superseded_by"),
          json_string(doc, "superseded_id")};
}

std::string changes_metadata(const Xapian::Database* before, const NewEdition& edition) {
  std::optional<Sources> old_sources;
  json history = json::array();
  if (before) {
    old_sources = Sources::from_json(before->get_metadata(std::string(c::META_SOURCES)));
    json stored = json::parse(before->get_metadata(std::string(c::META_CHANGES)), nullptr, false);
    if (stored.is_array()) history = std::move(stored);
  }
  json record;
  if (old_sources) {
    record = compare(*before, *old_sources, edition);
  } else {
    record = {{"edition", edition.id},
              {"built", edition.built},
              {"first", true},
              {"documents", edition.sources->files.size()},
              {"counts", {{"added", edition.sources->files.size()}}},
              {"items", json::array()}};
  }
  json out = json::array({record});
  for (json& h : history) {
    if (out.size() >= MAX_CHANGE_EDITIONS) break;
    out.push_back(std::move(h));
  }
  return out.dump();
}

}  // namespace sotay
