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

#include "document_header.h"
#include "source_text.h"

namespace sotay {

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
