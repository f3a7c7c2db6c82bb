// Links between the documents of an edition, computed when it is built and
// stored in each document's metadata (index_contract.h, "doc:<id>"):
//
//   "cites": the numbers the document mentions (Văn bản dẫn chiếu), in order
//            of first mention, its own number excluded:
//            [{"number": "30/2020/NĐ-CP" (first spelling), "key": canonical
//              key, "present": in this edition, "id"/"title": the handbook
//              document when exactly one has that number}]
//   "prev", "next": the neighbours in reading order within the department
//            (documents ordered by folded title, then id): {"id", "title"},
//            or absent at either end.
//
// What cites a document (Được dẫn chiếu bởi) is not stored: the server asks
// the index for the sections carrying the document's number as a cited
// number (citation_index.h).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "document.h"

namespace sotay {

// A document that has a number as its own: id and title.
struct NumberOwner {
  std::string id, title;
};
// The documents whose own number has the index key `key` (doc_number.h):
// at most two, which tells none, exactly one and several apart (a law's
// number is the own number of each of its hundreds of articles).
using NumberOwners = std::function<std::vector<NumberOwner>(const std::string& key)>;

// The "cites" list of `doc` (above), with `owners` telling which documents
// of the edition have each number.
nlohmann::json cites_json(const Document& doc, const NumberOwners& owners);

// id -> {"cites", "prev", "next"} for every document of `docs`.
std::map<std::string, nlohmann::json> reading_links(const std::vector<Document>& docs);

// Documents of one department (or any group) in reading order: folded title,
// then id.
std::vector<const Document*> reading_order(std::vector<const Document*> docs);

}  // namespace sotay
