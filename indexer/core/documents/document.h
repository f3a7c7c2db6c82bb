// The document model: a handbook document as read from content/.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "content_error.h"
#include "procedure_card.h"

namespace sotay {

// A typed relation to another document (front matter `thay_the`,
// `sua_doi_bo_sung`, … : relations.h): what this document does to the target.
struct Relation {
  std::string kind;                   // front matter key: "thay_the", "huong_dan", …
  std::string target;                 // a number as written "110/2004/NĐ-CP", or a document id
  std::vector<std::string> articles;  // "5", "7": the articles concerned (may be empty)
  int line = 0;                       // line of the entry in the content file
};

// Front matter of a content file (docs/content-format.md).
struct FrontMatter {
  std::string id;  // front matter `id`, or the path under content/ without .md
  std::string title;
  std::string department;
  std::string field;
  std::string type;
  std::string number;  // số hiệu as written, e.g. "30/2020/NĐ-CP"
  std::string issuer;
  std::string issued;     // ISO date "YYYY-MM-DD" or ""
  std::string effective;  // ISO date or ""
  // No longer in force from this day ("hết hiệu lực từ"), ISO date or "".
  std::string expires;
  // A status code of validity.h: "in-force", "not-yet-in-force", "expired",
  // "partly-expired" or "suspended" (front matter accepts the Vietnamese
  // names too).
  std::string status = "in-force";
  // With "partly-expired": the articles no longer in force ("5", "7a").
  std::vector<std::string> expired_articles;
  std::string superseded_by;
  std::vector<std::string> tags;
  // From the document's own header (filled by `sotay-indexer import`):
  std::string place;             // địa danh: "Hà Nội"
  std::string signer;            // người ký: "Phạm Minh Chính"
  std::string signer_position;   // chức vụ: "Thủ tướng"
  std::string signer_authority;  // thẩm quyền ký: "TM. Chính phủ", "KT. Chủ tịch"
  std::vector<std::string> recipients;  // nơi nhận
  // The original file beside the content file ("quyet-dinh-12.pdf"): part of
  // the edition, downloadable as "Bản gốc".
  std::string original;
  // Procedure cards (`thu_tuc:`, procedure_card.h), in the order written.
  std::vector<ProcedureCard> procedures;
  // Relations to other documents, in the order written (relations.h).
  std::vector<Relation> relations;
};

// The original file of a document, as the edition keeps it.
struct OriginalFile {
  std::string name;    // file name in content/, e.g. "quyet-dinh-12.pdf"
  std::string sha256;  // hex of the bytes: the key it is stored under
  std::uint64_t size = 0;
};

// One section: the text under a heading up to the next heading. The first
// section holds the text before any heading; its anchor and title are empty.
struct Section {
  std::string anchor;  // unique ASCII slug within the document
  std::string title;   // heading text ("" for the lead section)
  int level = 0;       // heading level 1-6, 0 for the lead section
  int line = 0;        // 1-based line of the heading in the body (lead: 1)
  std::string text;    // plain text of the section body (NFC), for indexing
};

struct Document {
  FrontMatter meta;
  std::string source_path;  // path under content/, e.g. "van-phong/x.md"
  std::string html;         // rendered body, headings carry their anchors as ids
  std::vector<Section> sections;
  std::string content_hash;  // hex hash of the file bytes (and of the original's)
  OriginalFile original;     // empty name when the document has none
};

}  // namespace sotay
