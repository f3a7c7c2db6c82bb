// The Office zips (DOCX, ODT): limits checked before a converter opens
// one, entries, and the fonts its text uses (file_kind.h).
#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <memory>
#include <new>

#include "file_kind.h"
#include "source_text.h"

namespace sotay {

namespace fs = std::filesystem;

namespace {

// Entries smaller than this are never a bomb worth stopping for, whatever
// their ratio (a few KB of repeated XML whitespace compresses 200:1).
constexpr std::uint64_t RATIO_GRACE_BYTES = 1u << 20;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

// --- libarchive ---

using ArchivePtr = std::unique_ptr<archive, decltype(&archive_read_free)>;

ArchivePtr open_zip(const fs::path& path) {
  ArchivePtr a(archive_read_new(), &archive_read_free);
  if (!a) throw std::bad_alloc();
  archive_read_support_format_zip(a.get());
  if (archive_read_open_filename(a.get(), path.c_str(), 64 * 1024) != ARCHIVE_OK) {
    return {nullptr, &archive_read_free};
  }
  return a;
}

std::string entry_name(archive_entry* entry) {
  const char* name = archive_entry_pathname_utf8(entry);
  if (name == nullptr) name = archive_entry_pathname(entry);
  return name != nullptr ? name : "";
}

// Reads the current entry's data into `sink`, at most `max_bytes` (+1 to
// tell "larger"); false on a read error.
bool read_entry_data(archive* a, std::string& sink, std::uint64_t max_bytes) {
  std::array<char, 64 * 1024> buffer;
  while (true) {
    const la_ssize_t n = archive_read_data(a, buffer.data(), buffer.size());
    if (n < 0) return false;
    if (n == 0) return true;
    sink.append(buffer.data(), static_cast<std::size_t>(n));
    if (sink.size() > max_bytes) return true;
  }
}

std::string format_bytes(std::uint64_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MB";
  if (bytes >= (1u << 10) && bytes % (1u << 10) == 0) return std::to_string(bytes >> 10) + " KB";
  return std::to_string(bytes) + " byte";
}

std::string format_ratio(double ratio) {
  const auto whole = static_cast<long long>(ratio);
  return static_cast<double>(whole) == ratio ? std::to_string(whole) : std::to_string(ratio);
}

// --- the central directory: what the zip declares ---

struct DeclaredEntry {
  std::string name;
  std::uint64_t compressed = 0, uncompressed = 0;
  bool encrypted = false;
};

std::uint64_t le(std::string_view s, std::size_t at, int bytes) {
  std::uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) {
    v = (v << 8) | static_cast<unsigned char>(s[at + static_cast<std::size_t>(i)]);
  }
  return v;
}

std::string read_range(std::ifstream& in, std::uint64_t offset, std::uint64_t size) {
  std::string bytes(size, '\0');
  in.clear();
  in.seekg(static_cast<std::streamoff>(offset));
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  bytes.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  return bytes;
}

// Zip64 sizes of a central header whose 32-bit fields are 0xFFFFFFFF.
void apply_zip64_extra(std::string_view extra, DeclaredEntry& e, bool big_u, bool big_c) {
  for (std::size_t at = 0; at + 4 <= extra.size();) {
    const auto id = le(extra, at, 2), size = le(extra, at + 2, 2);
    std::string_view data = extra.substr(at + 4, size);
    if (id == 1) {
      // Only the fields whose 32-bit value is 0xFFFFFFFF are present, in order.
      std::size_t pos = 0;
      if (big_u && pos + 8 <= data.size()) {
        e.uncompressed = le(data, pos, 8);
        pos += 8;
      }
      if (big_c && pos + 8 <= data.size()) e.compressed = le(data, pos, 8);
      return;
    }
    at += 4 + size;
  }
}

// The entries the central directory lists and their `count` as the end
// record declares it; nullopt when it cannot be read. A directory too large
// to be a document's is not read: its count alone is over the limit.
std::optional<std::vector<DeclaredEntry>> declared_entries(const fs::path& path,
                                                           std::uint64_t& count) {
  std::ifstream in(path, std::ios::binary);
  std::error_code ec;
  const std::uint64_t file_size = fs::file_size(path, ec);
  if (ec || !in) return std::nullopt;
  const std::uint64_t tail_at = file_size > 65557 ? file_size - 65557 : 0;
  const std::string tail = read_range(in, tail_at, file_size - tail_at);
  const std::size_t eocd = tail.rfind(std::string_view("PK\5\6", 4));
  if (eocd == std::string::npos || eocd + 22 > tail.size()) return std::nullopt;
  count = le(tail, eocd + 10, 2);
  std::uint64_t cd_size = le(tail, eocd + 12, 4), cd_at = le(tail, eocd + 16, 4);
  if ((count == 0xFFFF || cd_at == 0xFFFFFFFF) && eocd >= 20 &&
      le(tail, eocd - 20, 4) == 0x07064b50) {
    const std::string z64 = read_range(in, le(tail, eocd - 20 + 8, 8), 56);
    if (z64.size() < 56 || le(z64, 0, 4) != 0x06064b50) return std::nullopt;
    count = le(z64, 32, 8);
    cd_size = le(z64, 40, 8);
    cd_at = le(z64, 48, 8);
  }
  if (cd_at + cd_size > file_size) return std::nullopt;
  std::vector<DeclaredEntry> entries;
  if (count > (1u << 20) || cd_size > (64u << 20)) {
    count = std::max<std::uint64_t>(count, 1u << 20);
    return entries;
  }
  const std::string cd = read_range(in, cd_at, cd_size);
  for (std::size_t at = 0; at + 46 <= cd.size() && le(cd, at, 4) == 0x02014b50;) {
    const std::size_t name_len = le(cd, at + 28, 2), extra_len = le(cd, at + 30, 2);
    DeclaredEntry e{cd.substr(at + 46, name_len), le(cd, at + 20, 4), le(cd, at + 24, 4),
                    (le(cd, at + 8, 2) & 1) != 0};
    apply_zip64_extra(
        std::string_view(cd).substr(std::min(cd.size(), at + 46 + name_len), extra_len), e,
        e.uncompressed == 0xFFFFFFFF, e.compressed == 0xFFFFFFFF);
    entries.push_back(std::move(e));
    at += 46 + name_len + extra_len + le(cd, at + 32, 2);
  }
  return entries;
}

std::string too_many_entries(const ZipLimits& limits) {
  return "tệp nén có hơn " + std::to_string(limits.max_entries) + " mục — giới hạn là " +
         std::to_string(limits.max_entries) + " mục";
}

std::string too_large(const ZipLimits& limits) {
  return "tệp nén giải nén ra hơn " + format_bytes(limits.max_total_bytes) + " — giới hạn là " +
         format_bytes(limits.max_total_bytes);
}

std::string too_dense(const std::string& name, const ZipLimits& limits) {
  return "mục " + name + " trong tệp nén giải nén ra gấp hơn " + format_ratio(limits.max_ratio) +
         " lần kích thước nén — giới hạn là " + format_ratio(limits.max_ratio) + " lần";
}

constexpr const char* PASSWORD = "tệp được đặt mật khẩu";
constexpr const char* BROKEN = "tệp nén bị hỏng, không đọc được";

bool ratio_exceeded(std::uint64_t bytes, std::uint64_t compressed, const ZipLimits& limits) {
  return bytes > RATIO_GRACE_BYTES &&
         static_cast<double>(bytes) > limits.max_ratio * static_cast<double>(compressed);
}

std::optional<std::string> check_declared(const std::vector<DeclaredEntry>& entries,
                                          std::uint64_t count, const ZipLimits& limits) {
  if (count > limits.max_entries || entries.size() > limits.max_entries) {
    return too_many_entries(limits);
  }
  std::uint64_t total = 0;
  for (const DeclaredEntry& e : entries) {
    if (e.encrypted) return PASSWORD;
    total += e.uncompressed;
    if (e.uncompressed > limits.max_total_bytes || total > limits.max_total_bytes) {
      return too_large(limits);
    }
    if (ratio_exceeded(e.uncompressed, e.compressed, limits)) return too_dense(e.name, limits);
  }
  return std::nullopt;
}

// Inflates every entry with a running total, stopping as soon as a limit
// is passed: the declared sizes may lie, the bytes do not.
std::optional<std::string> check_by_reading(const fs::path& path,
                                            const std::vector<DeclaredEntry>& declared,
                                            const ZipLimits& limits) {
  std::map<std::string, std::uint64_t> compressed;
  for (const DeclaredEntry& e : declared) compressed[e.name] = e.compressed;
  ArchivePtr a = open_zip(path);
  if (!a) return BROKEN;
  archive_entry* entry = nullptr;
  std::uint64_t count = 0, total = 0;
  std::array<char, 64 * 1024> buffer;
  int status;
  while ((status = archive_read_next_header(a.get(), &entry)) == ARCHIVE_OK) {
    if (archive_entry_is_encrypted(entry)) return PASSWORD;
    if (++count > limits.max_entries) return too_many_entries(limits);
    const std::string name = entry_name(entry);
    const std::uint64_t packed = compressed.count(name) != 0 ? compressed[name] : 0;
    std::uint64_t bytes = 0;
    la_ssize_t n;
    while ((n = archive_read_data(a.get(), buffer.data(), buffer.size())) > 0) {
      bytes += static_cast<std::uint64_t>(n);
      total += static_cast<std::uint64_t>(n);
      if (total > limits.max_total_bytes) return too_large(limits);
      if (ratio_exceeded(bytes, packed, limits)) return too_dense(name, limits);
    }
    if (n < 0) return BROKEN;
  }
  if (status != ARCHIVE_EOF) return BROKEN;
  return std::nullopt;
}

// --- fonts ---

constexpr std::uint64_t MAX_XML_BYTES = 64ull << 20;

std::string xml_unescape(std::string_view s) {
  static const std::array<std::pair<std::string_view, char>, 5> entities = {
      {{"&apos;", '\''}, {"&quot;", '"'}, {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}}};
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto entity = std::find_if(entities.begin(), entities.end(), [&](const auto& e) {
      return s.substr(i, e.first.size()) == e.first;
    });
    if (s[i] == '&' && entity != entities.end()) {
      out += entity->second;
      i += entity->first.size() - 1;
    } else {
      out += s[i];
    }
  }
  return out;
}

// A font-family value without its CSS quotes and surrounding spaces.
std::string font_name(std::string_view raw) {
  std::string name = xml_unescape(raw);
  const auto trim = [](char c) { return is_space(c) || c == '\'' || c == '"'; };
  while (!name.empty() && trim(name.back())) name.pop_back();
  std::size_t start = 0;
  while (start < name.size() && trim(name[start])) ++start;
  return name.substr(start);
}

void add_font(std::vector<std::string>& fonts, std::string name) {
  if (!name.empty() && std::find(fonts.begin(), fonts.end(), name) == fonts.end()) {
    fonts.push_back(std::move(name));
  }
}

// The value of attribute `name` inside `tag` ("<w:rFonts w:ascii=\"…\" …"), if any.
std::optional<std::string_view> attribute(std::string_view tag, std::string_view name) {
  for (std::size_t at = tag.find(name); at != std::string_view::npos; at = tag.find(name, at + 1)) {
    const bool starts = at > 0 && is_space(tag[at - 1]);
    std::size_t p = at + name.size();
    while (p < tag.size() && is_space(tag[p])) ++p;
    if (!starts || p >= tag.size() || tag[p] != '=') continue;
    ++p;
    while (p < tag.size() && is_space(tag[p])) ++p;
    if (p >= tag.size() || (tag[p] != '"' && tag[p] != '\'')) continue;
    const std::size_t end = tag.find(tag[p], p + 1);
    if (end == std::string_view::npos) return std::nullopt;
    return tag.substr(p + 1, end - p - 1);
  }
  return std::nullopt;
}

// Calls `visit` with each start tag named `element` (without "<" and ">").
template <typename Visit>
void each_tag(std::string_view xml, std::string_view element, Visit visit) {
  const std::string open = "<" + std::string(element);
  for (std::size_t at = xml.find(open); at != std::string_view::npos; at = xml.find(open, at + 1)) {
    const std::size_t after = at + open.size();
    const bool whole_name =
        after < xml.size() && (is_space(xml[after]) || xml[after] == '/' || xml[after] == '>');
    if (!whole_name) continue;  // <w:rFontsX …> is another element
    const std::size_t end = xml.find('>', after);
    if (end == std::string_view::npos) return;
    visit(xml.substr(after, end - after));
  }
}

void docx_fonts(std::string_view xml, std::vector<std::string>& fonts) {
  each_tag(xml, "w:rFonts", [&](std::string_view tag) {
    for (std::string_view name : {"w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"}) {
      if (const auto value = attribute(tag, name)) add_font(fonts, font_name(*value));
    }
  });
}

// style:font-face declarations: the name styles use → the family it means.
void collect_font_faces(std::string_view xml, std::map<std::string, std::string>& faces) {
  each_tag(xml, "style:font-face", [&](std::string_view tag) {
    const auto name = attribute(tag, "style:name");
    const auto family = attribute(tag, "svg:font-family");
    if (name && family) faces.emplace(xml_unescape(*name), font_name(*family));
  });
}

// Fonts that ODT styles apply (font-face declarations are not use: skipped).
void odt_fonts(std::string_view xml, const std::map<std::string, std::string>& faces,
               std::vector<std::string>& fonts) {
  each_tag(xml, "style:text-properties", [&](std::string_view tag) {
    for (std::string_view attr :
         {"style:font-name", "style:font-name-asian", "style:font-name-complex"}) {
      const auto value = attribute(tag, attr);
      if (!value) continue;
      const auto face = faces.find(xml_unescape(*value));
      add_font(fonts, face != faces.end() ? face->second : font_name(*value));
    }
    for (std::string_view attr : {"fo:font-family", "svg:font-family", "style:font-family-asian",
                                  "style:font-family-complex"}) {
      if (const auto value = attribute(tag, attr)) add_font(fonts, font_name(*value));
    }
  });
}

}  // namespace

std::vector<std::string> zip_entry_names(const fs::path& path) {
  ArchivePtr a = open_zip(path);
  if (!a) throw ImportError(BROKEN);
  std::vector<std::string> names;
  archive_entry* entry = nullptr;
  int status;
  while ((status = archive_read_next_header(a.get(), &entry)) == ARCHIVE_OK) {
    names.push_back(entry_name(entry));
  }
  if (status != ARCHIVE_EOF) throw ImportError(BROKEN);
  return names;
}

std::optional<std::string> read_zip_entry(const fs::path& path, std::string_view name,
                                          std::uint64_t max_bytes) {
  ArchivePtr a = open_zip(path);
  if (!a) throw ImportError(BROKEN);
  archive_entry* entry = nullptr;
  int status;
  while ((status = archive_read_next_header(a.get(), &entry)) == ARCHIVE_OK) {
    if (entry_name(entry) != name) continue;
    if (archive_entry_is_encrypted(entry)) throw ImportError(PASSWORD);
    std::string data;
    if (!read_entry_data(a.get(), data, max_bytes)) throw ImportError(BROKEN);
    if (data.size() > max_bytes) return std::nullopt;
    return data;
  }
  if (status != ARCHIVE_EOF) throw ImportError(BROKEN);
  return std::nullopt;
}

std::optional<std::string> check_office_zip(const fs::path& path, const ZipLimits& limits) {
  std::uint64_t count = 0;
  const std::optional<std::vector<DeclaredEntry>> declared = declared_entries(path, count);
  if (!declared) return BROKEN;
  if (std::optional<std::string> problem = check_declared(*declared, count, limits)) return problem;
  return check_by_reading(path, *declared, limits);
}

std::vector<std::string> office_fonts(const fs::path& path, FileKind kind) {
  std::vector<std::string> fonts;
  if (kind == FileKind::DOCX) {
    // fontTable.xml lists fonts the file knows, not fonts its text uses.
    for (std::string_view part : {"word/document.xml", "word/styles.xml"}) {
      const std::optional<std::string> xml = read_zip_entry(path, part, MAX_XML_BYTES);
      if (xml) docx_fonts(*xml, fonts);
    }
  } else if (kind == FileKind::ODT) {
    std::map<std::string, std::string> faces;
    std::vector<std::optional<std::string>> parts;
    for (std::string_view part : {"content.xml", "styles.xml"}) {
      parts.push_back(read_zip_entry(path, part, MAX_XML_BYTES));
      if (parts.back()) collect_font_faces(*parts.back(), faces);
    }
    for (const std::optional<std::string>& xml : parts) {
      if (xml) odt_fonts(*xml, faces, fonts);
    }
  }
  return fonts;
}

}  // namespace sotay
