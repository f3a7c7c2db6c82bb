// Recognising document numbers (số hiệu văn bản) in text and queries.
//
// Forms (Nghị định 30/2020/NĐ-CP, Phụ lục I):
//   số/năm/LOẠI-CQ   30/2020/NĐ-CP, 01/2011/TT-BNV, 57/2020/QH14
//   số/LOẠI-CQ       11/CT-UBND, 1847/QĐ-TTg
//   số-LOẠI/CQ       18-NQ/TW (Party documents)
// Letter groups may hold lowercase letters (TTg, QĐi) and trailing digits
// (QH14). Dates (05/3/2020) and fractions are not numbers: a code of letters
// is required, except in a query, where "30/2020" (number and year) is
// accepted too.
//
// A key normalises a number: leading zeros stripped, folded (Đ -> d), lower
// case: "30/2020/nd-cp"; without a year "11/-/ct-ubnd"; Party "18-nq/tw".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sotay {

struct DocNumber {
  std::size_t begin = 0;  // byte offsets of the number in the text
  std::size_t end = 0;
  std::string number;    // digits without leading zeros: "30"
  std::string year;      // "2020" or ""
  std::string code;      // folded, lower case: "nd-cp", "ct-ubnd", "nq/tw"
  bool party = false;    // "18-NQ/TW" form
  bool partial = false;  // query-only "30/2020": number and year, no code

  // The canonical key: "30/2020/nd-cp", "11/-/ct-ubnd", "18-nq/tw", "30/2020".
  std::string key() const;
  // Every key a mention of this number is indexed under, the canonical key
  // first: "30/2020/nd-cp", "30/nd-cp", "30/2020".
  std::vector<std::string> index_keys() const;
  // The key a query for this number looks up: the canonical key when the
  // year was typed, else the short form "30/nd-cp".
  std::string query_key() const;
};

enum class NumberContext { TEXT, QUERY };

// Every document number in `text` (UTF-8, any normalisation), in order.
std::vector<DocNumber> find_doc_numbers(std::string_view text,
                                        NumberContext context = NumberContext::TEXT);

// The canonical key of a whole string that is one number ("30/2020/NĐ-CP"),
// or "" when it is not one.
std::string doc_number_key(std::string_view text);

}  // namespace sotay
