// The fields of a document's own header, as read_header() (header_fields.h)
// finds them: the front matter an imported document gets.
#pragma once

#include <string>
#include <vector>

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

}  // namespace sotay
