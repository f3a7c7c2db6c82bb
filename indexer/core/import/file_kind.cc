#include "file_kind.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>

#include "source_text.h"

namespace sotay {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t HEAD_BYTES = 64 * 1024;
constexpr std::string_view UTF8_BOM = "\xEF\xBB\xBF";
constexpr std::string_view OLE2_MAGIC = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
constexpr std::string_view ODT_MIMETYPE = "application/vnd.oasis.opendocument.text";

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

std::string_view skip_bom_and_space(std::string_view s) {
  if (starts_with(s, UTF8_BOM)) s.remove_prefix(UTF8_BOM.size());
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  return s;
}

bool looks_like_html(std::string_view head) {
  std::string_view s = skip_bom_and_space(head);
  if (starts_with_ci(s, "<?xml")) {  // XHTML
    const std::size_t end = s.find("?>");
    if (end == std::string_view::npos) return false;
    s = skip_bom_and_space(s.substr(end + 2));
  }
  for (std::string_view tag : {"<!doctype html", "<html", "<head", "<body"}) {
    if (starts_with_ci(s, tag)) return true;
  }
  return false;
}

// Valid UTF-8, allowing a sequence cut off at the very end of the head.
bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80           ? 1
                            : (c >> 5) == 0x6  ? 2
                            : (c >> 4) == 0xE  ? 3
                            : (c >> 3) == 0x1E ? 4
                                               : 0;
    if (len == 0 || (len == 2 && c < 0xC2) || (len == 4 && c > 0xF4)) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if (i + k >= s.size()) return true;
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

// Text in UTF-8 or some 8-bit encoding (TCVN3, VNI, …): no NUL, and at
// most one byte in fifty a control character that is not whitespace.
bool looks_like_text(std::string_view s) {
  std::size_t controls = 0;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == 0) return false;
    if ((c < 0x20 && !is_space(ch) && c != 0x1A) || c == 0x7F) ++controls;
  }
  return controls * 50 <= s.size();
}

// A stream name as an OLE2 directory entry holds it: UTF-16LE with its
// terminator, its byte length (at 0x40) counting the terminator. Entries
// are 128-byte records and sectors are 512 or 4096 bytes, so every entry
// starts at a multiple of 128 in the file.
bool ole2_entry_at(std::string_view block, std::size_t at, std::string_view name) {
  if (at + 128 > block.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (block[at + 2 * i] != name[i] || block[at + 2 * i + 1] != '\0') return false;
  }
  const auto len = static_cast<unsigned char>(block[at + 0x40]) |
                   (static_cast<unsigned char>(block[at + 0x41]) << 8);
  return static_cast<std::size_t>(len) == 2 * (name.size() + 1);
}

// What the OLE2 directory entries in `block` (starting at a multiple of
// 128 in the file) say: ENCRYPTED_OFFICE, DOC or OTHER (neither seen).
FileKind ole2_kind_in(std::string_view block) {
  bool word = false;
  for (std::size_t at = 0; at + 128 <= block.size(); at += 128) {
    if (ole2_entry_at(block, at, "EncryptedPackage")) return FileKind::ENCRYPTED_OFFICE;
    word = word || ole2_entry_at(block, at, "WordDocument");
  }
  return word ? FileKind::DOC : FileKind::OTHER;
}

FileKind zip_kind_in_head(std::string_view head) {
  // ODF puts an uncompressed "mimetype" entry first; OOXML writers put
  // word/document.xml among the first local headers.
  if (head.size() >= 38 && head.substr(30, 8) == "mimetype" &&
      head.substr(38, ODT_MIMETYPE.size()) == ODT_MIMETYPE) {
    return FileKind::ODT;
  }
  if (head.find("word/document.xml") != std::string_view::npos) return FileKind::DOCX;
  return FileKind::OTHER;
}

}  // namespace

FileKind sniff_kind(std::string_view head) {
  if (skip_bom_and_space(head).empty()) return FileKind::EMPTY;
  if (head.substr(0, 1024).find("%PDF-") != std::string_view::npos) return FileKind::PDF;
  if (starts_with(head, std::string_view("PK\3\4", 4))) return zip_kind_in_head(head);
  if (starts_with(head, OLE2_MAGIC)) return ole2_kind_in(head);
  if (starts_with(head, "\x89PNG\r\n\x1A\n") || starts_with(head, "\xFF\xD8\xFF") ||
      starts_with(head, std::string_view("II*\0", 4)) ||
      starts_with(head, std::string_view("MM\0*", 4))) {
    return FileKind::IMAGE;
  }
  const std::string_view text = starts_with(head, UTF8_BOM) ? head.substr(UTF8_BOM.size()) : head;
  if (starts_with(text, "{\\rtf")) return FileKind::RTF;
  if (looks_like_html(head)) return FileKind::HTML;
  if (!looks_like_text(text)) return FileKind::OTHER;
  if (valid_utf8(text) && (starts_with(text, "---\n") || starts_with(text, "---\r\n"))) {
    return FileKind::MARKDOWN;
  }
  return FileKind::TEXT;  // UTF-8 or some 8-bit encoding (TCVN3, VNI, …)
}

FileKind file_kind_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ImportError("không mở được tệp");
  std::string head(HEAD_BYTES, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  if (starts_with(head, OLE2_MAGIC)) {
    // The directory may be anywhere: look at every 128-byte record.
    FileKind kind = ole2_kind_in(head);
    std::string block(HEAD_BYTES, '\0');
    while (kind != FileKind::ENCRYPTED_OFFICE && in) {
      in.read(block.data(), static_cast<std::streamsize>(block.size()));
      const FileKind more =
          ole2_kind_in(std::string_view(block.data(), static_cast<std::size_t>(in.gcount())));
      if (more != FileKind::OTHER) kind = more;
    }
    return kind;
  }
  if (!starts_with(head, std::string_view("PK\3\4", 4))) return sniff_kind(head);
  const std::vector<std::string> names = zip_entry_names(path);
  const auto has = [&](std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  if (has("word/document.xml")) return FileKind::DOCX;
  if (has("mimetype")) {
    std::string type = read_zip_entry(path, "mimetype", 200).value_or("");
    while (!type.empty() && is_space(type.back())) type.pop_back();
    if (type == ODT_MIMETYPE) return FileKind::ODT;
  }
  return FileKind::OTHER;
}

FileKind kind_of_extension(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static const std::map<std::string, FileKind, std::less<>> kinds = {
      {".pdf", FileKind::PDF},           {".docx", FileKind::DOCX}, {".odt", FileKind::ODT},
      {".rtf", FileKind::RTF},           {".doc", FileKind::DOC},   {".md", FileKind::MARKDOWN},
      {".markdown", FileKind::MARKDOWN}, {".txt", FileKind::TEXT},  {".html", FileKind::HTML},
      {".htm", FileKind::HTML},          {".png", FileKind::IMAGE}, {".jpg", FileKind::IMAGE},
      {".jpeg", FileKind::IMAGE},        {".tif", FileKind::IMAGE}, {".tiff", FileKind::IMAGE}};
  const auto it = kinds.find(ext);
  return it != kinds.end() ? it->second : FileKind::OTHER;
}

std::string kind_name(FileKind kind) {
  switch (kind) {
    case FileKind::EMPTY:
      return "tệp trống";
    case FileKind::PDF:
      return "tệp PDF";
    case FileKind::DOCX:
      return "tệp Word (.docx)";
    case FileKind::ODT:
      return "tệp OpenDocument (.odt)";
    case FileKind::RTF:
      return "tệp RTF";
    case FileKind::DOC:
      return "tệp Word cũ (.doc)";
    case FileKind::ENCRYPTED_OFFICE:
      return "tệp Office có mật khẩu";
    case FileKind::MARKDOWN:
      return "tệp Markdown";
    case FileKind::TEXT:
      return "tệp văn bản";
    case FileKind::HTML:
      return "trang HTML";
    case FileKind::IMAGE:
      return "ảnh";
    case FileKind::OTHER:
      break;
  }
  return "tệp không rõ loại";
}

std::string kind_extension(FileKind kind, std::string_view head) {
  switch (kind) {
    case FileKind::PDF:
      return "pdf";
    case FileKind::DOCX:
      return "docx";
    case FileKind::ODT:
      return "odt";
    case FileKind::RTF:
      return "rtf";
    case FileKind::DOC:
      return "doc";
    case FileKind::ENCRYPTED_OFFICE:
      return "docx";
    case FileKind::MARKDOWN:
      return "md";
    case FileKind::TEXT:
      return "txt";
    case FileKind::HTML:
      return "html";
    case FileKind::IMAGE:
      if (starts_with(head, "\xFF\xD8\xFF")) return "jpg";
      if (starts_with(head, std::string_view("II*\0", 4)) ||
          starts_with(head, std::string_view("MM\0*", 4))) {
        return "tif";
      }
      return "png";
    case FileKind::EMPTY:
    case FileKind::OTHER:
      break;
  }
  return "";
}

}  // namespace sotay
