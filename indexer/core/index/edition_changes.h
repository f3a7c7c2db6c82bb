// What's new: what each edition added, changed, replaced or removed.
//
// Every build records, in the new edition's metadata
// (contract::META_CHANGES), its own changes against the edition it
// replaces, followed by the records that edition carried: the history
// travels inside the edition, so it replicates with it (xapian-replicate),
// survives the pruning of old editions, and after a rollback the served
// edition shows the history as it was when that edition was built (the
// next build then records its changes against the edition rolled back to).
//
// "changes" JSON: an array, newest edition first, at most
// MAX_CHANGE_EDITIONS records:
//   {"edition": id, "built": ISO UTC, "first": true when there was no
//    earlier edition to compare with, "documents": count in the edition,
//    "counts": {"added","changed","replaced","removed"},
//    "items": [{"kind": "added|changed|replaced|removed", "id", "title",
//               "department", "number", "superseded_by"}]}
// "items" holds at most MAX_CHANGE_ITEMS per edition (the counts are
// whole); a first edition lists none.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include <nlohmann/json.hpp>

#include "incremental_build.h"

namespace sotay {

inline constexpr std::size_t MAX_CHANGE_EDITIONS = 30;
inline constexpr std::size_t MAX_CHANGE_ITEMS = 200;

// What a change record says of a document.
struct ChangedDocument {
  std::string id, title, department, number, superseded_by;
  std::string superseded_id;  // the replacing document, when derived from its thay_the
};

// The fields of a stored doc:<id> JSON (index_contract.h).
ChangedDocument changed_document(const nlohmann::json& doc);

struct NewEdition {
  std::string id, built;
  const Sources* sources = nullptr;  // what it was built from
  // A document of the new edition by id (nullopt when it has none).
  std::function<std::optional<ChangedDocument>(const std::string&)> document;
  // Ids of its documents replaced by another (superseded_by set): a
  // document newly replaced is recorded as "replaced".
  std::vector<std::string> replaced_ids;
};

// The "changes" metadata of `edition`, built after `before` (the edition
// it replaces; nullptr when none): its record, then before's records.
std::string changes_metadata(const Xapian::Database* before, const NewEdition& edition);

}  // namespace sotay
