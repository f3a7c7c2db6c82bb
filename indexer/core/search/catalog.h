// Looking documents up in an edition by their boolean terms, for reading
// rather than searching: browse lists (/don-vi, /linh-vuc, /loai), what
// cites a document (Được dẫn chiếu bởi), and resolving a cited number to the
// document and section that has it (/so/<number>). One entry per document
// (collapsed on SLOT_DOC_ID), ordered by folded title.
//
// The functions read one Xapian::Database; like it, they are not
// thread-safe (use the thread's Searcher::database()).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace sotay {

struct DocumentEntry {
  std::string id;
  std::string title;
  std::string number;
  std::string type;
  std::string department;
  std::string issued;     // "YYYY-MM-DD" or ""
  std::string status;     // stored status code: validity_on() with the dates below
  std::string effective;  // "YYYY-MM-DD" or "" (SLOT_EFFECTIVE)
  std::string expires;    // "YYYY-MM-DD" or "" (SLOT_EXPIRES)
  std::string anchor;     // the section that matched (its first, in document order)
};

// What a browse page filters on.
enum class BrowseFacet { DEPARTMENT, FIELD, TYPE };

// Documents whose department, field or type has the slug (filter_slug).
std::vector<DocumentEntry> list_documents(Xapian::Database& db, BrowseFacet facet,
                                          std::string_view slug, std::size_t limit = 5000);

// Documents other than `id` that mention `number` (its canonical key, as a
// cited number); `anchor` is the first section that does.
std::vector<DocumentEntry> cited_by(Xapian::Database& db, const std::string& id,
                                    std::string_view number, std::size_t limit = 500);

struct NumberTarget {
  enum class Kind {
    NOT_A_NUMBER,  // the text is not one document number
    ABSENT,        // no document of the edition has it
    AMBIGUOUS,     // several have it ("30/NĐ-CP" without a year)
    FOUND,
  };
  Kind kind = Kind::NOT_A_NUMBER;
  std::string id;
  // The section headed "Điều <article>", when an article was asked and the
  // document has it; else "".
  std::string anchor;
};

// Resolves a number in any spelling the search accepts ("30/2020/NĐ-CP",
// "30/2020/nd-cp", "30/NĐ-CP", "30/2020") through the documents' own-number
// terms; `article` ("8") asks for that article's section.
NumberTarget resolve_number(Xapian::Database& db, std::string_view number,
                            std::string_view article = {});

}  // namespace sotay
