// What a submitted file really is, from its bytes, not its name; and the
// checks an Office zip must pass before a converter may open it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sotay {

enum class FileKind {
  EMPTY,             // no bytes (or only whitespace)
  PDF,               // %PDF-
  DOCX,              // zip with word/document.xml
  ODT,               // zip with mimetype application/vnd.oasis.opendocument.text
  RTF,               // {\rtf
  DOC,               // OLE2 compound file with a WordDocument stream
  ENCRYPTED_OFFICE,  // OLE2 with an EncryptedPackage stream (password DOCX/XLSX)
  MARKDOWN,          // UTF-8 text starting with front matter "---"
  TEXT,              // other text (UTF-8 or a legacy 8-bit encoding)
  HTML,              // <!DOCTYPE html, <html, … (a ".pdf" saved from a web page)
  IMAGE,             // PNG, JPEG, TIFF (a photographed page: OCR)
  OTHER              // anything else (other zips, executables, …)
};

// The kind from the first bytes of a file (at least 8 KiB when available).
// %PDF- anywhere in the first 1024 bytes is a PDF (as readers accept it).
// A zip is DOCX/ODT only when its head shows word/document.xml or the ODF
// mimetype, else OTHER; an OLE2 head is DOC/ENCRYPTED_OFFICE only when its
// directory is in the head: file_kind_of looks at the whole file. Text is
// TEXT when valid UTF-8 (a sequence cut at the end of the head allowed) or
// 8-bit without NUL and nearly no control characters; MARKDOWN when it
// starts with "---" and a line break (after an optional BOM). UTF-16 text
// is OTHER.
FileKind sniff_kind(std::string_view head);
// The kind of the file at `path`, looking inside zips (entries) and OLE2
// files (every directory record). Throws ImportError when the file cannot
// be opened or is a zip libarchive cannot read ("tệp nén bị hỏng…").
FileKind file_kind_of(const std::filesystem::path& path);
// The kind a file name's extension claims (".pdf" → PDF; unknown → OTHER).
FileKind kind_of_extension(const std::filesystem::path& path);
// Vietnamese name for messages: "tệp PDF", "tệp Word (.docx)", "trang HTML",
// "ảnh", "tệp trống", "tệp không rõ loại", …
std::string kind_name(FileKind kind);
// The usual extension without the dot: "pdf", "docx", "odt", "rtf", "doc",
// "md", "txt", "html"; IMAGE: "jpg"/"tif" from the head's magic, else "png";
// ENCRYPTED_OFFICE: "docx"; "" for OTHER/EMPTY.
std::string kind_extension(FileKind kind, std::string_view head = {});

// The functions below are implemented in office_zip.cc.

struct ZipLimits {
  std::uint64_t max_entries = 10000;
  std::uint64_t max_total_bytes = 200ull << 20;  // sum of uncompressed sizes
  double max_ratio = 100;  // uncompressed / compressed, per entry beyond its first 1 MiB
};

// Checks a DOCX/ODT zip against `limits` from its central directory and by
// inflating every entry with a running total that stops at the first limit
// passed (a declared size may lie; a bomb is never inflated whole): nullopt
// when it is fine, else the Vietnamese reason naming the limit ("tệp nén
// giải nén ra hơn 200 MB — giới hạn là 200 MB", "tệp được đặt mật khẩu",
// "tệp nén bị hỏng, không đọc được").
std::optional<std::string> check_office_zip(const std::filesystem::path& path,
                                            const ZipLimits& limits = {});

// One entry of a zip, at most `max_bytes` (nullopt when absent or larger).
// Throws ImportError when the zip cannot be read or the entry is encrypted.
std::optional<std::string> read_zip_entry(const std::filesystem::path& path, std::string_view name,
                                          std::uint64_t max_bytes);

// The entries' names in the zip's order; throws ImportError when it cannot
// be read.
std::vector<std::string> zip_entry_names(const std::filesystem::path& path);

// Font names a DOCX's text runs and styles use (w:rFonts ascii/hAnsi/cs/
// eastAsia in word/document.xml, then word/styles.xml; fontTable.xml only
// lists fonts, it is not use), or an ODT's (style:font-name* mapped through
// the style:font-face declarations to their family, fo:font-family and
// svg:font-family, in the style:text-properties of content.xml, then
// styles.xml), unquoted, each once, in first-use order. Other kinds: none.
// Throws ImportError as read_zip_entry does.
std::vector<std::string> office_fonts(const std::filesystem::path& path, FileKind kind);

}  // namespace sotay
