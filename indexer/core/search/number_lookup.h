// Finding documents by their own number typed in any loose spelling the
// suggestions accept ("30-2020", "NĐ 30/2020", "nd 30", "ND-CP 30"): what
// /so/<number> falls back to when the text is not one number as written.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "catalog.h"

namespace sotay {

struct NumberedDocuments {
  // The text holds a number (a group of digits) and nothing that cannot be
  // part of one: "30-2020", "nd 30"; not "khai sinh".
  bool well_formed = false;
  std::vector<DocumentEntry> documents;  // id, title, number; in document order
};

// Documents whose own number has a loose spelling (number_spelling.h) equal
// to `typed`'s or starting with it at a group boundary ("nd 30" finds
// 30/2020/NĐ-CP, not 300/2019/NĐ-CP).
NumberedDocuments find_numbered(const Xapian::Database& db, std::string_view typed,
                                std::size_t limit = 50);

}  // namespace sotay
