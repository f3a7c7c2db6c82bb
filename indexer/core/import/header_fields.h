// The document's own header, read as Nghị định 30/2020/NĐ-CP (Phụ lục I)
// lays it out, into the fields of the handbook's front matter: issuing body,
// number and symbol, place and date, document type, trích yếu (title), the
// signature block (authority, position, signer) and the recipients.
//
// read_header() takes the blocks it recognises out of the SourceText, so
// what is left is the body (the "Căn cứ …" paragraphs stay in the body:
// they are the document's own text and their numbers become citations).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "source_text.h"

namespace sotay {

struct DocumentHeader {
  std::string issuer;                   // "Chính phủ", "Ủy ban nhân dân tỉnh Bắc Ninh"
  std::string number;                   // as written, stray spaces removed: "158/2025/NĐ-CP"
  std::string type;                     // "Nghị định", "Công văn", …
  std::string place;                    // "Hà Nội"
  std::string issued;                   // ISO "2025-06-25", "" when the day or month is blank
  int year = 0;                         // from the date line, else from the number; 0 unknown
  std::string title;                    // trích yếu; a Công văn's "V/v …" summary
  std::string signer;                   // "Phạm Minh Chính"
  std::string signer_position;          // "Thủ tướng"
  std::string signer_authority;         // "TM. Chính phủ", "KT. Chủ tịch"
  std::vector<std::string> recipients;  // Nơi nhận, one per item
  // Fields a person must confirm, one Vietnamese sentence each, naming the
  // field: read by OCR with low confidence, filled in by hand and blank, or
  // guessed from the number's code rather than read.
  std::vector<std::string> to_confirm;
  // Front matter keys that could not be found ("number", "type", …).
  std::vector<std::string> missing;
};

// Reads the header from `text` and removes the blocks it used.
DocumentHeader read_header(SourceText& text);

// The document type a number's code implies ("NĐ-CP" → "Nghị định",
// "QĐ-UBND" → "Quyết định", "QH15" → "Luật"), or "".
std::string type_of_number(std::string_view number);

// Upper-case header text in the case the handbook writes it: "CHÍNH PHỦ" →
// "Chính phủ", "ỦY BAN NHÂN DÂN TỈNH BẮC NINH" → "Ủy ban nhân dân tỉnh Bắc
// Ninh", "BỘ TÀI CHÍNH" → "Bộ Tài chính". Text not in capitals is kept.
std::string header_case(std::string_view text);

}  // namespace sotay
