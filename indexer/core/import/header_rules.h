// The rules header_fields.cc and signature_block.cc share to recognise the
// lines of a document's header (internal to the import library): type and
// position tables, number and date lines, confirmation notes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "document_header.h"
#include "source_text.h"

namespace sotay::header_rules {

std::string_view strip_end_punct(std::string_view s);
bool starts_with(std::string_view s, std::string_view prefix);
// "_______", "-----", "***", or empty.
bool is_rule_line(std::string_view text);
// The type a folded caps line names exactly ("nghi dinh" → "Nghị định"), or "".
std::string type_of_line(std::string_view folded);
// The folded line starts with a type and a space ("luat an toan …").
bool starts_with_type(std::string_view folded);
double lowest_confidence(const std::vector<SourceLine>& lines);
// Adds "<field>: … độ tin cậy N %" to h.to_confirm when below 80.
void confirm_if_unsure(DocumentHeader& h, double confidence, std::string_view field,
                       std::string_view value);
// "Số: 12/QĐ-UBND", "Luật số: …", "Nghị quyết số: …" — not "Sở Tư pháp".
bool is_number_line(std::string_view folded);
bool is_national_motto(std::string_view folded);
// "11 /TB-UBND" → "11/TB-UBND".
std::string tighten_number(std::string_view text);
// The number on a "Số: …" line; `blank` when the symbol is there without it.
std::string number_on_line(std::string_view line, bool& blank);
// Place, issued and year from "Hà Nội, ngày 25 tháng 6 năm 2025" into `h`.
bool read_date_line(std::string_view line, DocumentHeader& h);
// The signer's position at the end of a folded caps line ("thu tuong"), or "".
std::string_view position_suffix(std::string_view folded);
// The folded line starts with a position and a space ("chu tich uy ban …").
bool starts_with_position(std::string_view folded);
// "TM. …", "KT. …", "Q. …", "TL. …", "TUQ. …".
bool is_authority_line(std::string_view folded);

// signature_block.cc: the signature block after the last article (from
// `from`), with "Nơi nhận" if it stands there; marks the blocks it used.
void read_signature(const SourceText& text, std::size_t from, DocumentHeader& h,
                    std::vector<bool>& used);

}  // namespace sotay::header_rules
