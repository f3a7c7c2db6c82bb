// read_office_file: DOC through LibreOffice, then pandoc, both as sandboxed
// subprocesses; legacy TCVN3/VNI text decoded in the AST before it is
// walked (pandoc_ast.cc).
#include "pandoc_reader.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <archive.h>
#include <archive_entry.h>

#include "legacy_encoding.h"
#include "subprocess.h"
#include "url.h"

namespace sotay {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr double CONVERTER_SECONDS = 120;
// Pandoc is a GHC program: RLIMIT_AS below ~2 GB stops its runtime from
// starting threads at all, while +RTS -M bounds the heap it really uses.
constexpr const char* PANDOC_HEAP = "-M1024m";
constexpr std::uint64_t PANDOC_OUTPUT = 256ull << 20;
// soffice starts with about 600 MB of address space; 2 GiB leaves room for
// large documents and still stops a runaway.
constexpr std::uint64_t SOFFICE_MEMORY = 2ull << 30;
constexpr std::uint64_t MAX_RTF_BYTES = 200ull << 20;

std::string read_bytes(const fs::path& path, std::uint64_t limit, const std::string& kind) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ImportError("Không đọc được " + kind + " đã gửi.");
  std::string bytes;
  bytes.resize(static_cast<std::size_t>(limit) + 1);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  if (bytes.size() > limit) {
    throw ImportError("Không nhập được " + kind + " lớn hơn " + std::to_string(limit >> 20) +
                      " MB, quá giới hạn nhập.");
  }
  return bytes;
}

void write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw ImportError("Không ghi được tệp tạm để chuyển đổi (đĩa đầy?).");
}

// WordPad and pandoc write a character outside the code page as "\u7841?";
// pandoc 2.17's RTF reader then drops the rest of the word after the "?"
// (jgm/pandoc#8264). The same fallback written "\'3f" reads right; an
// escaped "\\u1?" stays the same text either way.
std::string fix_rtf_unicode_fallback(const std::string& rtf) {
  std::string out;
  out.reserve(rtf.size() + rtf.size() / 8);
  for (std::size_t i = 0; i < rtf.size();) {
    if (rtf.compare(i, 2, "\\u") == 0) {
      std::size_t j = i + 2 + (i + 2 < rtf.size() && rtf[i + 2] == '-' ? 1 : 0);
      const std::size_t digits = j;
      while (j < rtf.size() && std::isdigit(static_cast<unsigned char>(rtf[j]))) ++j;
      std::size_t k = j + (j < rtf.size() && rtf[j] == ' ' ? 1 : 0);
      if (j > digits && k < rtf.size() && rtf[k] == '?') {
        out.append(rtf, i, j - i).append("\\'3f");
        i = k + 1;
        continue;
      }
    }
    out += rtf[i++];
  }
  return out;
}

// Pandoc 2.17's ODT reader loses the rows inside <table:table-header-rows>
// (a table's repeated heading row: "STT | Thủ tục | Thời hạn"). Unwrapped,
// they are read as ordinary rows. Returns `odt` itself when it has none.
fs::path unwrap_odt_header_rows(const fs::path& odt, const fs::path& workdir) {
  constexpr std::string_view OPEN = "<table:table-header-rows>",
                             CLOSE = "</table:table-header-rows>";
  const std::optional<std::string> content =
      read_zip_entry(odt, "content.xml", ZipLimits{}.max_total_bytes);
  if (!content || content->find(OPEN) == std::string::npos) return odt;
  const fs::path out_path = workdir / "pandoc-input.odt";
  std::unique_ptr<archive, decltype(&archive_read_free)> in(archive_read_new(), archive_read_free);
  std::unique_ptr<archive, decltype(&archive_write_free)> out(archive_write_new(),
                                                              archive_write_free);
  archive_read_support_format_zip(in.get());
  archive_write_set_format_zip(out.get());
  if (archive_read_open_filename(in.get(), odt.c_str(), 1 << 16) != ARCHIVE_OK ||
      archive_write_open_filename(out.get(), out_path.c_str()) != ARCHIVE_OK) {
    return odt;
  }
  archive_entry* entry = nullptr;
  std::string data;
  while (archive_read_next_header(in.get(), &entry) == ARCHIVE_OK) {
    data.clear();
    char buffer[1 << 16];
    for (la_ssize_t n; (n = archive_read_data(in.get(), buffer, sizeof buffer)) > 0;)
      data.append(buffer, std::size_t(n));
    if (std::string_view(archive_entry_pathname(entry)) == "content.xml") {
      for (std::string_view tag : {OPEN, CLOSE}) {
        for (auto p = data.find(tag); p != std::string::npos; p = data.find(tag, p))
          data.erase(p, tag.size());
      }
    }
    archive_entry_set_size(entry, static_cast<la_int64_t>(data.size()));
    if (archive_write_header(out.get(), entry) != ARCHIVE_OK ||
        archive_write_data(out.get(), data.data(), data.size()) < 0) {
      return odt;
    }
  }
  return archive_write_close(out.get()) == ARCHIVE_OK ? out_path : odt;
}

void add_font(std::vector<std::string>& fonts, std::string name) {
  while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.pop_back();
  const auto first = name.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return;
  name.erase(0, first);
  if (std::find(fonts.begin(), fonts.end(), name) == fonts.end()) fonts.push_back(name);
}

// The names in an RTF font table: "{\fonttbl{\f0\froman .VnTime;}…}"
// (nested groups such as {\*\panose …} and control words are skipped).
std::vector<std::string> rtf_fonts(std::string_view rtf) {
  std::vector<std::string> fonts;
  const std::size_t table = rtf.find("{\\fonttbl");
  if (table == std::string_view::npos) return fonts;
  int depth = 0;
  std::string name;
  for (std::size_t i = table; i < rtf.size() && i < table + (1u << 20); ++i) {
    const char ch = rtf[i];
    if (ch == '{' || ch == '}') {
      depth += ch == '{' ? 1 : -1;
      if (depth == 0) break;
      if (depth < 3) name.clear();
    } else if (ch == '\\') {
      const bool word = i + 1 < rtf.size() && std::isalpha(static_cast<unsigned char>(rtf[i + 1]));
      if (word) {
        ++i;
        while (i + 1 < rtf.size() &&
               (std::isalnum(static_cast<unsigned char>(rtf[i + 1])) || rtf[i + 1] == '-')) {
          ++i;
        }
        if (i + 1 < rtf.size() && rtf[i + 1] == ' ') ++i;
      } else {
        i += i + 1 < rtf.size() && rtf[i + 1] == '\'' ? 3 : 1;
      }
    } else if (depth < 3 && ch == ';') {
      add_font(fonts, std::exchange(name, std::string()));
    } else if (depth < 3 && ch != '\r' && ch != '\n') {
      name += ch;
    }
  }
  return fonts;
}

// Every text string of the AST (Str, and Code/Math/CodeBlock text), found
// without recursion: a hostile document may nest deeply.
template <class Visit>
void for_each_text(json& blocks, Visit visit) {
  std::vector<json*> stack{&blocks};
  while (!stack.empty()) {
    json& node = *stack.back();
    stack.pop_back();
    if (node.is_array()) {
      for (json& child : node) stack.push_back(&child);
    } else if (node.is_object() && node.contains("t") && node.contains("c")) {
      json& c = node["c"];
      const json& t = node["t"];
      if (t == "Str" && c.is_string()) {
        visit(c);
      } else if ((t == "Code" || t == "Math" || t == "CodeBlock") && c.is_array() &&
                 c.size() == 2 && c[1].is_string()) {
        visit(c[1]);
      } else {
        stack.push_back(&c);
      }
    }
  }
}

// Decodes the AST's text when a legacy font is declared and the text
// agrees (a font name alone is not enough: Word keeps ".VnTime" on text
// converted to Unicode since); returns the encoding's name ("" when nothing
// was decoded). Pandoc keeps no font per run, so the whole text is decoded.
std::string decode_legacy_fonts(json& ast, const std::vector<std::string>& fonts,
                                std::vector<std::string>& warnings) {
  std::set<LegacyEncoding> declared;
  std::string capital_font, legacy_font;
  for (const std::string& font : fonts) {
    const LegacyEncoding encoding = encoding_of_font(font);
    if (encoding == LegacyEncoding::NONE) continue;
    declared.insert(encoding);
    if (legacy_font.empty()) legacy_font = font;
    if (is_tcvn3_capital_font(font) && capital_font.empty()) capital_font = font;
  }
  if (!ast.contains("blocks")) return "";
  std::string text;
  for_each_text(ast["blocks"], [&](const json& s) { text += s.get<std::string>() + " "; });
  const LegacyEncoding guess = guess_legacy_encoding(text).encoding;
  if (guess == LegacyEncoding::NONE || declared.count(guess) == 0) {
    const std::string convert =
        " nên không chuyển mã; nếu chữ bị lỗi dấu, hãy chuyển văn bản sang Unicode (ví dụ bằng "
        "Unikey) rồi gửi lại.";
    if (!declared.empty()) {
      warnings.push_back("Văn bản khai báo phông chữ cũ " + legacy_font +
                         " nhưng phần chữ không giống chữ gõ bằng bảng mã của phông đó" + convert);
    } else if (guess != LegacyEncoding::NONE) {
      warnings.push_back(std::string("Chữ trong văn bản có vẻ được gõ bằng bảng mã ") +
                         legacy_encoding_name(guess) + " nhưng phông chữ không cho biết" + convert);
    }
    return "";
  }
  for_each_text(ast["blocks"],
                [&](json& s) { s = decode_legacy(s.get<std::string>(), guess, false); });
  if (!capital_font.empty() && guess == LegacyEncoding::TCVN3) {
    warnings.push_back("Văn bản dùng phông chữ hoa " + capital_font +
                       ": không biết được đoạn nào dùng phông này, nên chữ in hoa ở đó có thể "
                       "thành chữ thường — cần kiểm tra lại các tiêu đề.");
  }
  return legacy_encoding_name(guess);
}

// LibreOffice headless with its own profile under `workdir`; the copy
// gives the output a name we know.
fs::path doc_to_docx(const fs::path& file, const fs::path& workdir) {
  const std::string kind = kind_name(FileKind::DOC);
  const fs::path input = workdir / "lo-input.doc", out_dir = workdir / "lo-out";
  std::error_code error;
  fs::create_directories(out_dir, error);
  fs::copy_file(file, input, fs::copy_options::overwrite_existing, error);
  if (error) throw ImportError("Không chép được " + kind + " để chuyển đổi.");
  SubprocessLimits limits;
  limits.seconds = CONVERTER_SECONDS;
  limits.memory_bytes = SOFFICE_MEMORY;
  limits.output_bytes = 1ull << 20;
  const std::string profile = (workdir / "lo-profile").string();
  const SubprocessResult result =
      run_subprocess({"soffice", "--headless", "--norestore",
                      "-env:UserInstallation=file://" + percent_encode(profile, Encode::Path),
                      "--convert-to", "docx", "--outdir", out_dir.string(), input.string()},
                     limits, workdir);
  if (result.not_found) {
    throw ImportError("Máy chủ chưa cài LibreOffice nên chưa nhập được " + kind +
                      "; hãy lưu văn bản thành .docx rồi gửi lại.");
  }
  if (!result.ok()) {
    throw ImportError("LibreOffice không chuyển được " + kind +
                      " sang .docx: " + result.describe(limits) + ".");
  }
  const fs::path docx = out_dir / "lo-input.docx";
  if (!fs::is_regular_file(docx)) {
    throw ImportError("LibreOffice không chuyển được " + kind +
                      " sang .docx (tệp hỏng hoặc được đặt mật khẩu).");
  }
  return docx;
}

json run_pandoc(const fs::path& input, FileKind kind, const fs::path& workdir) {
  const std::string format = kind == FileKind::ODT ? "odt" : kind == FileKind::RTF ? "rtf" : "docx";
  SubprocessLimits limits;
  limits.seconds = CONVERTER_SECONDS;
  limits.memory_bytes = 0;
  limits.output_bytes = PANDOC_OUTPUT;
  const SubprocessResult result = run_subprocess({"pandoc", "--sandbox", "-f", format, "-t", "json",
                                                  input.string(), "+RTS", PANDOC_HEAP, "-RTS"},
                                                 limits, workdir);
  if (result.not_found) {
    throw ImportError("Máy chủ chưa cài pandoc nên chưa nhập được " + kind_name(kind) +
                      "; hãy báo người quản trị.");
  }
  if (result.err.find("Heap exhausted") != std::string::npos) {
    throw ImportError("pandoc dừng vì vượt giới hạn bộ nhớ 1024 MB khi đọc " + kind_name(kind) +
                      "; hãy chia văn bản thành các tệp nhỏ hơn.");
  }
  if (!result.ok()) {
    throw ImportError("Không đọc được " + kind_name(kind) + ": " + result.describe(limits) + ".");
  }
  json ast = json::parse(result.out, nullptr, false);
  if (ast.is_discarded()) {
    throw ImportError("Kết quả của pandoc không đúng dạng JSON, không đọc được nội dung.");
  }
  return ast;
}

}  // namespace

SourceText read_office_file(const fs::path& file, FileKind kind, const fs::path& workdir) {
  if (kind != FileKind::DOCX && kind != FileKind::ODT && kind != FileKind::RTF &&
      kind != FileKind::DOC) {
    throw ImportError("Không nhập được " + kind_name(kind) +
                      " bằng pandoc: chỉ nhận văn bản Word, ODT hay RTF.");
  }
  const fs::path dir = fs::absolute(workdir);
  fs::path input = fs::absolute(file);
  if (kind == FileKind::DOC) {
    input = doc_to_docx(input, dir);
    kind = FileKind::DOCX;
  }
  std::vector<std::string> fonts;
  if (kind == FileKind::RTF) {
    const std::string rtf = read_bytes(input, MAX_RTF_BYTES, kind_name(kind));
    fonts = rtf_fonts(rtf);
    input = dir / "pandoc-input.rtf";
    write_bytes(input, fix_rtf_unicode_fallback(rtf));
  } else {
    if (const auto why = check_office_zip(input)) {
      throw ImportError("Không mở được " + kind_name(kind) + ": " + *why + ".");
    }
    fonts = office_fonts(input, kind);
    if (kind == FileKind::ODT) input = unwrap_odt_header_rows(input, dir);
  }
  json ast = run_pandoc(input, kind, dir);
  std::vector<std::string> warnings;
  const std::string legacy = decode_legacy_fonts(ast, fonts, warnings);
  SourceText text = source_from_pandoc(ast);
  text.fonts = std::move(fonts);
  text.legacy_encoding = legacy;
  text.warnings.insert(text.warnings.begin(), warnings.begin(), warnings.end());
  return text;
}

}  // namespace sotay
