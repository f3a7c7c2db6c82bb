// The text rules behind page_layout.h, one line at a time: tone marks typed
// as separate characters, bullet glyphs, the digital-signature stamp, the
// Gazette's running header and page numbers, document type lines and list
// markers. Pure functions on UTF-8; the import library's own helpers
// (pdf_reader.cc and page_layout.cc share them).
#pragma once

#include <string>
#include <string_view>

namespace sotay {

// Joins combining marks typed as separate characters after whitespace
// ("Nghi ̣đinh ̣" → "Nghị định", "du ̣ng" → "dụng"), then NFC. A tone mark
// goes on the vowel Vietnamese spelling puts it on (the vowel with a hat or
// horn, else the last vowel before a final consonant, else the first of
// two vowels: "hòa", "của", "ngoài"); the word after the mark is joined to
// the word before only when the two make one syllable ("du" + "ng").
std::string repair_separate_tone_marks(std::string_view text);

// Bullet glyphs in a line of text: a Private Use Area character (U+E000–
// U+F8FF, Symbol and Wingdings fonts), "•", "▪", "➢", … at the start of the
// line (or any first word when `symbol_font_first` says it was set in a
// symbol font) becomes "-"; a Private Use Area character elsewhere is a
// check box and becomes "□".
std::string map_bullet_glyphs(std::string_view line, bool symbol_font_first = false);

// True for a font whose glyphs are pictures (Symbol, Wingdings, Webdings, ZapfDingbats).
bool is_symbol_font(std::string_view font);

// A line of a digital-signature stamp as Vietnamese signing software prints
// it: "Ký bởi: …", "Người ký: …", "Thời gian ký: …", "Ngày ký: …", "Cơ quan:
// …", "Email: …", "Chức vụ: …"; or a line holding only e-mail addresses,
// dates, times and a time zone ("ttcbth@quangngai.gov.vn", "16.04.2020
// 07:37:07 +07:00"). Callers decide by size and place whether a "Cơ quan:"
// line is a stamp or the document's own text.
bool is_signature_stamp_line(std::string_view line);
// Only the second kind: e-mail addresses, dates, times, time zones.
bool is_stamp_detail_line(std::string_view line);

// The Gazette's running header: "CÔNG BÁO/Số 977 + 978/Ngày 25-7-2025",
// with or without the page number before or after it.
bool is_gazette_running_header(std::string_view line);
// A page number on its own: "12", "- 12 -", "Trang 12", "12/40".
bool is_page_number(std::string_view line);
// A decorative rule typed as text: "_____", "-----", "……" (3 or more).
bool is_rule_line(std::string_view line);
// The Gazette section a document is filed under on its first page: "VĂN
// BẢN QUY PHẠM PHÁP LUẬT", "VĂN BẢN PHÁP LUẬT KHÁC", "VĂN BẢN HỢP NHẤT - …".
bool is_gazette_section_line(std::string_view line);

// A document type line alone: "NGHỊ ĐỊNH", "THÔNG TƯ", "QUYẾT ĐỊNH", "LUẬT",
// "CÔNG VĂN", … (a footnote number after it allowed: "THÔNG TƯ1").
bool is_document_type_line(std::string_view line);
// Has letters and none of them lower case.
bool is_upper_case(std::string_view text);
// The Quốc hiệu: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (CỘNG HOÀ too).
bool has_quoc_hieu(std::string_view line);

// The start of a structural unit: "Điều 5.", "Chương II", "Mục 1", "Phần
// thứ nhất", "Phụ lục", a Roman-numbered section "II.".
bool starts_structural_unit(std::string_view line);
// The list marker a line starts with, as written and followed by a space:
// "1.", "1.2.", "3)", "a)", "đ)", "-", "+" (dashes and bullets give "-");
// "" when none.
std::string list_marker_of(std::string_view line);

}  // namespace sotay
