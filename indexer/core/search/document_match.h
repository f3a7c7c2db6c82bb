// Questions that span a document: each Xapian document is one section, so
// a keyword query requires every word in one section. A document whose
// sections together hold every word ("kế hoạch tổ chức sự kiện ai duyệt":
// the plan in one section, who approves it in another) also answers it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <xapian.h>

namespace sotay {

// Below this many matching documents (estimated), a keyword query also
// looks for documents whose sections together hold every word. "quá hạn
// giải quyết hồ sơ thì làm gì" has 30 in the bundled content/ and the
// apology procedure among the others; a handbook rarely has more.
inline constexpr std::size_t DOCUMENT_MATCH_BELOW = 50;
// When no section holds every word, the relaxed results rank beside the
// documents that hold them all at this share of their weight (those
// documents have the whole relaxed weight, plus this share again): on the handbook questions
// (tests/handbook_questions_test.cc) 1.0 and 0.5 both found 90 of 98 answers in the first five,
// against 86 with the relaxed query alone; 1.0 ranked four of them higher.
inline constexpr double RELAXED_SHARE = 1.0;
// At most this many documents are followed for each word.
inline constexpr std::size_t DOCUMENT_MATCH_CANDIDATES = 2000;

// Ids of the documents where, for some alternative of `alternatives`
// (BuiltQuery::required_parts), every part matches some section that
// passes `filter`; sorted.
std::vector<std::string> documents_holding_all(
    const Xapian::Database& db, const std::vector<std::vector<Xapian::Query>>& alternatives,
    const Xapian::Query& filter, std::size_t max_documents = DOCUMENT_MATCH_CANDIDATES);

// Ids of the documents among `ids` with a section matching `query`; sorted.
std::vector<std::string> documents_matching(const Xapian::Database& db, const Xapian::Query& query,
                                            const std::vector<std::string>& ids);

// `query` restricted to the sections of the documents `ids`.
Xapian::Query within_documents(const Xapian::Query& query, const std::vector<std::string>& ids);

}  // namespace sotay
