// The index contract: every term prefix, value slot and stored datum of a
// Sổ tay edition. The indexer writes what is listed here and the searcher
// reads it; no other file spells a prefix or a slot number.
//
// An edition is one Xapian database. Each Xapian document is one *section*
// of a handbook document (the text before the first heading is the section
// with the empty anchor). Everything the server shows comes from the
// database, so an edition directory is self-contained and replicates with
// xapian-replicate.
//
// Positions: the section heading is indexed first, then the body after a gap
// of POSITION_GAP, so phrases never join a heading and its text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <xapian.h>

namespace sotay::contract {

// The version of what an indexer writes for the same content: terms,
// positions, values, stored data. Increase it with any change to this
// contract, the tokenizer, folding or term generation, so that the next
// build is full instead of reusing sections written the old way
// (incremental_build.h). Every executable built from the same sources has
// the same format, so a build by `sotay-indexer` is continued by the server.
inline constexpr int INDEX_FORMAT = 3;

// ---- Free-text terms ----------------------------------------------------------
// Only folded syllables (and their extra forms) carry positions: phrases
// match on folded positions, and a quoted phrase typed with accents also
// requires each exact form somewhere in the section. Positions on exact and
// title terms doubled the position table and indexing time for no gain in
// the quality benchmark (bench/README.md).
//
// Folded syllable ("thu", "duong", "30"): heading and body. No prefix, so a
// plain Xapian tool sees the folded text.
inline constexpr std::string_view PREFIX_FOLDED = "";
// Exact syllable (NFC, lower case, canonical tone), no positions: "XEthủ",
// "XEđường".
inline constexpr std::string_view PREFIX_EXACT = "XE";
// Folded adjacent-syllable pair, no positions, never across a clause break:
// "XBthu tuc".
inline constexpr std::string_view PREFIX_BIGRAM = "XB";
// (There is no exact pair term: a pair typed with accents matches the folded
// pair in sections that hold the exact forms, query_builder.cc. "XBE" terms,
// one per marked pair, were nearly a third of the terms and a quarter of
// the indexing time.)
// Folded syllables of the document title and of the section heading path
// (Omega's S), no positions: "Sthu", "Stuc".
inline constexpr std::string_view PREFIX_TITLE = "S";
// Exact syllables of title and headings, no positions: "XSEthủ".
inline constexpr std::string_view PREFIX_TITLE_EXACT = "XSE";
// Document-number keys mentioned in the text (see doc_number.h):
// "XN30/2020/nd-cp", "XN30/nd-cp", "XN30/2020".
inline constexpr std::string_view PREFIX_CITED_NUMBER = "XN";
// An article of a document: "XA30/2020/nd-cp#8" on the section headed
// "Điều 8" of that document, and on text citing "Điều 8 … 30/2020/NĐ-CP".
inline constexpr std::string_view PREFIX_ARTICLE = "XA";
// The document's own number (front matter `number`), every key form:
// "XK30/2020/nd-cp". An exact hit on it ranks first.
inline constexpr std::string_view PREFIX_OWN_NUMBER = "XK";

// ---- Boolean terms (filters; wdf 0) -----------------------------------------
// Unique id of the section: "Q<doc id>#<anchor>".
inline constexpr std::string_view PREFIX_UNIQUE = "Q";
// Document id: "XID<doc id>", on every section of the document.
inline constexpr std::string_view PREFIX_DOC_ID = "XID";
// Folded department, field, type and status as slugs
// ("XDEPvan-phong-hdnd-va-ubnd", "XFLDvan-thu-luu-tru", "XTYPEnghi-dinh"),
// year issued "XYEAR2020". Status: the stored status code of validity.h
// ("XSTATin-force", "XSTATnot-yet-in-force", "XSTATexpired",
// "XSTATpartly-expired", "XSTATsuspended"), what does not depend on the day;
// the status on a day also reads SLOT_EFFECTIVE and SLOT_EXPIRES
// (query_builder.cc turns hieu-luc: into terms and value ranges).
inline constexpr std::string_view PREFIX_DEPARTMENT = "XDEP";
inline constexpr std::string_view PREFIX_FIELD = "XFLD";
inline constexpr std::string_view PREFIX_TYPE = "XTYPE";
inline constexpr std::string_view PREFIX_STATUS = "XSTAT";
inline constexpr std::string_view PREFIX_YEAR = "XYEAR";
// A relation the document declares in its front matter (relation_links.h):
// "XREL<kind slug>:<number key>" for every key form of the number
// ("XRELhuong-dan:30/2020/nd-cp", "XRELhuong-dan:30/nd-cp",
// "XRELhuong-dan:30/2020"), or "XREL<kind slug>:<document id>". Only the
// declaring document carries it; the reverse is the same term read the
// other way ("what guides 30/2020/NĐ-CP" = XRELhuong-dan:30/2020/nd-cp).
inline constexpr std::string_view PREFIX_RELATION = "XREL";

// ---- Value slots --------------------------------------------------------------
enum Slot : Xapian::valueno {
  SLOT_DOC_ID = 0,         // document id: collapse key, so results group by document
  SLOT_ISSUED = 1,         // issued date "YYYYMMDD" (sorts as a string), "" if none
  SLOT_TITLE_SORT = 2,     // folded title, for sorting by title
  SLOT_STATUS = 3,         // stored status code (validity.h), as XSTAT
  SLOT_DEPARTMENT = 4,     // department display name (facets)
  SLOT_FIELD = 5,          // field display name (facets)
  SLOT_TYPE = 6,           // type display name (facets)
  SLOT_YEAR = 7,           // year issued "2020" (facets)
  SLOT_SECTION_ORDER = 8,  // index of the section within its document, sortable
  // Section index and facet codes, packed (facet_codes.h): what the facet
  // count reads for each match. The sections of a document have consecutive
  // docids in section order (both kinds of build write them so), hence
  // docid - section index identifies the document.
  SLOT_FACETS = 9,
  // Validity dates "YYYYMMDD" (sort as strings), no value when not given:
  // in force from SLOT_EFFECTIVE, expired from SLOT_EXPIRES (front matter
  // `effective`, `expires`). The status on a day is computed from them at
  // request time, so it changes at midnight without a rebuild.
  SLOT_EFFECTIVE = 10,
  SLOT_EXPIRES = 11,
};

// ---- Stored data ------------------------------------------------------------
// Document data (Xapian::Document::set_data) is JSON:
//   {"id", "title", "number", "anchor", "section_title", "text"}
//   (title and number of the document; section_title the heading path;
//   text the section's plain text, for snippets; tables keep their rows
//   and cells with control marks, table_text.h)
// Database metadata (Xapian::Database::get_metadata):
//   "doc:<id>"  JSON of the whole document: front matter, rendered HTML,
//               sections [{anchor, title, level}], source path, procedure
//               cards "procedures" (procedure_json.h; each card is also a
//               section "Thủ tục: <ten>" whose text is one field per line,
//               procedure_sections.h); and the
//               reading links computed at build time (reading_links.h):
//               "cites" [{number, key, present, id?, title?}] (what it
//               cites), "prev"/"next" {id, title} (neighbours within the
//               department, by folded title); "relations" both ways
//               [{kind, dir "out"|"in", number, key, present, id?, title?,
//               effective?, articles, anchors?}] and, for a document
//               another one replaces, "superseded_by"/"superseded_id"/
//               "superseded_derived" (relation_links.h); "declared_relations"
//               [[kind, target, articles]] as its front matter has them.
//               What cites a document is not
//               stored: it is the query XN<own key> AND NOT XID<id>
//               (catalog.h), so it never goes stale.
//   "edition"   JSON: {"id", "built", "content_hash", "documents", "sections",
//               "departments", "fields", "types", "recent", "site"} where
//               "site" is content/_site.yaml (site_settings.h)
//   "documents" JSON array of every document id in content order
//   "dictionary" JSON of the editors' dictionary (dictionary.h)
//   "sources"   JSON: {"builder", "settings", "files": {path: {"hash", "id"}}}
//               the indexed files, for incremental builds (incremental_build.h)
inline constexpr std::string_view META_DOC_PREFIX = "doc:";
inline constexpr std::string_view META_EDITION = "edition";
inline constexpr std::string_view META_DOCUMENTS = "documents";
inline constexpr std::string_view META_DICTIONARY = "dictionary";
// Suggestions as you type (suggester.h): metadata keys sorted by folded
// form, so a lookup scans the keys under a prefix; "\x1f" separates fields.
//   "suggest:p:<folded phrase>\x1f<documents>" -> the phrase as shown
//     ("suggest:p:thu tuc hanh chinh\x1f12" -> "thủ tục hành chính")
//   "suggest:n:<loose spelling>\x1f<documents>\x1f<first doc id>" -> the
//     number as written, once per spelling (number_spelling.h):
//     ("suggest:n:nd 30 2020 cp\x1f1\x1fnd-30" -> "30/2020/NĐ-CP")
//   "suggest:t:<folded title from a word start, <= 48 bytes>\x1f<rank>\x1f<doc id>"
//     -> "1" (rank 0 title start, 1 clause start, 2 other word; the title is
//     under suggest:d:, "1" because Xapian deletes a key set to "")
//   "suggest:h:<folded heading from a word start, <= 48 bytes>\x1f<rank>\x1f<doc id>#<anchor>"
//     -> "1" (a section heading; ranks as for titles)
//   "suggest:d:<doc id>" -> the title; "suggest:d:<doc id>#<anchor>" -> the heading
//   "suggest:a:<folded abbreviation>" -> "<abbreviation>\x1f<expansion | …>"
inline constexpr char SUGGEST_SEP = '\x1f';
inline constexpr std::size_t SUGGEST_TITLE_KEY_BYTES = 48;        // folded title start in a key
inline constexpr std::string_view META_SUGGEST_ALL = "suggest:";  // every suggestion key
inline constexpr std::string_view META_SUGGEST_PHRASE = "suggest:p:";
inline constexpr std::string_view META_SUGGEST_NUMBER = "suggest:n:";
inline constexpr std::string_view META_SUGGEST_TITLE = "suggest:t:";
inline constexpr std::string_view META_SUGGEST_HEADING = "suggest:h:";
inline constexpr std::string_view META_SUGGEST_DISPLAY = "suggest:d:";
inline constexpr std::string_view META_SUGGEST_ABBREVIATION = "suggest:a:";
inline constexpr std::string_view META_SOURCES = "sources";
// "changes" JSON: what this edition and the ones before it added, changed,
// replaced or removed, newest first (edition_changes.h); /van-ban-moi.
inline constexpr std::string_view META_CHANGES = "changes";
// "original:<sha256 hex>" -> the bytes of a document's original file (front
// matter `original`), so the edition carries its originals and replicas get
// them with the database; doc:<id> has {"original": {"name","sha256","size"}}.
inline constexpr std::string_view META_ORIGINAL_PREFIX = "original:";
// "facet_codes" JSON {"department": [value of code 1, …], "field", "type",
// "year", "status"}: the values behind SLOT_FACETS codes (facet_codes.h).
// Editions built before it count facets from the display-name slots.
inline constexpr std::string_view META_FACET_CODES = "facet_codes";

// Title and heading terms get this wdf per occurrence in the free text, so
// they outrank a passing mention in a body (rule 13, Omega uses 5).
inline constexpr Xapian::termcount TITLE_WDF = 5;
// Term positions between the heading and the body of a section.
inline constexpr Xapian::termpos POSITION_GAP = 100;

}  // namespace sotay::contract

namespace sotay {

// "2020-03-05" from the SLOT_ISSUED value "20200305" ("" when not a date).
std::string iso_date_from_slot(const std::string& value);
// "20200305" from "2020-03-05": the value of a date slot ("" for "").
std::string date_slot(std::string_view iso_date);

// Folded slug used in the boolean filter terms ("Văn phòng HĐND và UBND"
// -> "van-phong-hdnd-va-ubnd").
std::string filter_slug(std::string_view value);

}  // namespace sotay
