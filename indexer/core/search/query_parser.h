// The query language of the search box, parsed before any analysis.
//
//   thu tuc hanh chinh        words (all required in short queries)
//   "văn thư lưu trữ"         a strict phrase
//   -hết -"hết hiệu lực"      exclusion of a word or phrase
//   ky so OR chu ky           either side (OR in capitals, between two items)
//   so:30/2020/NĐ-CP          document number
//   don-vi:"văn phòng"        department (prefix of its folded name)
//   linh-vuc:, loai:          field, type (prefix of the folded name)
//   nam:2020                  year issued
//   hieu-luc:con | chua | het | mot-phan | ngung
//                             status on the day asked (validity.h)
//   huong-dan:30/2020/NĐ-CP   documents declaring that relation to that number
//                             (thay-the:, sua-doi-bo-sung:, bai-bo:, dinh-chinh:,
//                             hop-nhat:, huong-dan:, can-cu:; relations.h), a
//                             RELATION filter whose value is "huong-dan:30/2020/NĐ-CP"
//
// Never throws for odd input: unbalanced quotes close at the end, a lone
// "-" or "OR" is an ordinary character, unknown "key:" is a word, control
// characters are spaces, invalid UTF-8 becomes U+FFFD.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sotay {

struct QueryItem {
  std::string text;       // the word(s) or phrase as typed (NFC)
  bool phrase = false;    // from "..."
  bool excluded = false;  // from a leading '-'
  bool or_next = false;   // joined to the next item by OR
};

enum class FilterKey { NUMBER, DEPARTMENT, FIELD, TYPE, YEAR, STATUS, RELATION };

struct QueryFilter {
  FilterKey key;
  std::string value;   // as typed (NFC)
  bool exact = false;  // the value is a whole slug (facet links), not a prefix
};

struct ParsedQuery {
  std::vector<QueryItem> items;
  std::vector<QueryFilter> filters;
  bool empty() const { return items.empty() && filters.empty(); }
};

ParsedQuery parse_query(std::string_view text);

// The filter key of a prefix such as "don-vi", or false when unknown.
bool filter_key_from_name(std::string_view name, FilterKey& key);
// The name shown for a filter key in the query language ("don-vi").
std::string_view filter_key_name(FilterKey key);

}  // namespace sotay
