// "Có phải bạn muốn tìm": a correction of a query that finds little.
//
// Only words the edition does not know are corrected, never numbers,
// abbreviations (the dictionary's, or any word typed in capitals or without
// a vowel: "CCCD"), nor anything with digits. Candidates are the edition's
// own words (its spelling table) within a small edit distance, and the
// Telex/VNI reading of the word; adjacent words are chosen together so that
// they form a pair the handbook has ("khai sin" -> "khai sinh", not "khai
// tin"), and a corrected word is shown as the handbook writes it ("thuer
// tucj" -> "thủ tục"). A correction is offered only when it differs from
// the query after folding and finds more documents than the query.
#pragma once

#include <functional>
#include <string>

#include <xapian.h>

#include "dictionary.h"

namespace sotay {

// The query a text becomes when searched (query_builder.h), for counting.
using QueryFor = std::function<Xapian::Query(const std::string& text)>;

// The corrected query, or "" when there is none worth offering.
std::string did_you_mean(const Xapian::Database& db, const Dictionary& dictionary,
                         const std::string& query, const QueryFor& query_for);

}  // namespace sotay
