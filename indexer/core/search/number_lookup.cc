#include "number_lookup.h"

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "doc_number.h"
#include "index_contract.h"
#include "json_util.h"
#include "number_spelling.h"

namespace sotay {

namespace c = contract;
using json = nlohmann::json;

namespace {

constexpr std::size_t MAX_GROUPS = 8;
constexpr std::size_t MAX_SCAN = 2000;

constexpr std::size_t MAX_CODE_LETTERS = 5;  // "vbhn", "ubnd", "hdnd"

// Digits with a code ("nd 30", "30 2020 nd cp"), or a number and a year
// ("30 2020"); not a date ("5 3 2020") nor words ("khai sinh").
bool well_formed(const std::string& loose) {
  std::vector<std::string> digits;
  std::size_t letter_groups = 0;
  std::size_t start = 0;
  while (start < loose.size()) {
    std::size_t space = loose.find(' ', start);
    if (space == std::string::npos) space = loose.size();
    const std::string group = loose.substr(start, space - start);
    start = space + 1;
    if (group.empty()) continue;
    if (group.find_first_of("0123456789") != std::string::npos) {
      digits.push_back(group);
    } else if (group.size() > MAX_CODE_LETTERS) {
      return false;
    } else {
      ++letter_groups;
    }
  }
  if (digits.empty() || digits.size() + letter_groups > MAX_GROUPS) return false;
  if (letter_groups > 0) return digits.size() <= 3;  // 57/2020/QH14
  return digits.size() == 2 && digits[1].size() == 4;
}

// The numbers as written ("30/2020/NĐ-CP") with a spelling matching `loose`.
std::set<std::string> numbers_spelled(const Xapian::Database& db, const std::string& loose) {
  std::set<std::string> numbers;
  const std::string prefix = std::string(c::META_SUGGEST_NUMBER) + loose;
  std::size_t scanned = 0;
  for (auto it = db.metadata_keys_begin(prefix);
       it != db.metadata_keys_end(prefix) && scanned < MAX_SCAN; ++it, ++scanned) {
    const std::string key = *it;
    const char next = key.size() > prefix.size() ? key[prefix.size()] : '\0';
    if (next != c::SUGGEST_SEP && next != ' ') continue;  // "nd 30" is not "nd 300"
    numbers.insert(db.get_metadata(key));
  }
  return numbers;
}

}  // namespace

NumberedDocuments find_numbered(const Xapian::Database& db, std::string_view typed,
                                std::size_t limit) {
  NumberedDocuments out;
  std::string loose = loose_number(typed);
  while (!loose.empty() && loose.back() == ' ') loose.pop_back();
  out.well_formed = well_formed(loose);
  if (!out.well_formed) return out;
  std::vector<Xapian::Query> terms;
  for (const std::string& number : numbers_spelled(db, loose)) {
    const std::string key = doc_number_key(number);
    if (!key.empty()) terms.emplace_back(std::string(c::PREFIX_OWN_NUMBER) + key);
  }
  if (terms.empty()) return out;
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  enquire.set_collapse_key(c::SLOT_DOC_ID, 1);
  const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const json data = json::parse(it.get_document().get_data(), nullptr, false);
    DocumentEntry e;
    e.id = json_string(data, "id");
    e.title = json_string(data, "title");
    e.number = json_string(data, "number");
    if (!e.id.empty()) out.documents.push_back(std::move(e));
  }
  return out;
}

}  // namespace sotay
