#include "document_import.h"

#include <cctype>

#include "content_loader.h"
#include "files.h"
#include "front_matter.h"
#include "legacy_encoding.h"
#include "ocr.h"
#include "page_layout.h"
#include "pandoc_reader.h"
#include "pdf_reader.h"
#include "relation_proposal.h"
#include "slug.h"
#include "structure.h"
#include "text.h"
#include "text_case.h"

namespace sotay {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A YAML double-quoted scalar: always quoted, so "Số: 1" or "yes" stay text.
std::string yaml_quote(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n' || c == '\r' || c == '\t') {
      out += ' ';
      continue;
    }
    out += c;
  }
  return out + "\"";
}

void yaml_line(std::string& out, std::string_view key, std::string_view value) {
  if (!value.empty()) out.append(key).append(": ").append(yaml_quote(value)).append("\n");
}

void yaml_list(std::string& out, std::string_view key, const std::vector<std::string>& items) {
  if (items.empty()) return;
  out.append(key).append(":\n");
  for (const std::string& i : items) out.append("  - ").append(yaml_quote(i)).append("\n");
}

// Words typed in a legacy font (per word: PDF text layers say the font of each).
void decode_legacy_words(std::vector<SourcePage>& pages, std::string& encoding) {
  for (SourcePage& p : pages) {
    for (SourceWord& w : p.words) {
      const LegacyEncoding e = encoding_of_font(w.font);
      if (e == LegacyEncoding::NONE) continue;
      w.text = decode_legacy(w.text, e, is_tcvn3_capital_font(w.font));
      encoding = legacy_encoding_name(e);
    }
  }
}

SourceText read_pdf(const fs::path& file, const DocumentImportOptions& options,
                    const fs::path& workdir) {
  PdfFacts facts;
  std::vector<SourcePage> pages = read_pdf_words(file, facts, options.max_pages);
  if (facts.has_javascript) {
    throw ImportError(
        "tệp PDF có chứa mã JavaScript; sổ tay không nhận vì bản gốc được tải về máy người đọc. "
        "Hãy in lại thành PDF (Microsoft Print to PDF hoặc máy quét) rồi gửi lại");
  }
  if (facts.has_embedded_files) {
    throw ImportError(
        "tệp PDF có đính kèm tệp khác bên trong; sổ tay không nhận. Hãy gửi riêng từng văn bản");
  }
  std::string encoding;
  if (!only_signature_stamp(pages)) {
    decode_legacy_words(pages, encoding);
    SourceText text = lay_out_pages(pages);
    text.legacy_encoding = encoding;
    return text;
  }
  if (!options.ocr || !ocr_available()) {
    throw ImportError(
        "tệp PDF là bản scan (ảnh chụp, không có lớp chữ ngoài con dấu chữ ký số) và máy này chưa "
        "cài chương trình nhận dạng chữ (tesseract-ocr-vie); hãy nhờ quản trị cài đặt, hoặc gửi "
        "bản Word của văn bản");
  }
  OcrOptions ocr;
  ocr.jobs = options.ocr_jobs;
  ocr.progress = options.progress;
  SourceText text = lay_out_pages(ocr_pdf(file, facts.pages, workdir, ocr));
  text.ocr = true;
  return text;
}

// A plain text file, maybe saved in TCVN3 or VNI: paragraphs at blank lines.
SourceText read_plain_text(const fs::path& file) {
  std::string bytes = read_file(file);
  SourceText text;
  if (find_invalid_utf8(bytes)) {
    const LegacyGuess g = guess_legacy_encoding(decode_legacy_bytes(bytes, LegacyEncoding::NONE));
    if (g.encoding == LegacyEncoding::NONE) {
      throw ImportError(
          "tệp văn bản không phải UTF-8 và không nhận ra bảng mã (TCVN3, VNI); hãy mở bằng Word "
          "và lưu lại dạng .docx");
    }
    bytes = decode_legacy_bytes(bytes, g.encoding);
    text.legacy_encoding = legacy_encoding_name(g.encoding);
  } else if (const LegacyGuess g = guess_legacy_encoding(bytes);
             g.encoding != LegacyEncoding::NONE) {
    bytes = decode_legacy(bytes, g.encoding);
    text.legacy_encoding = legacy_encoding_name(g.encoding);
  }
  // Text saved from a word processor has one paragraph per line.
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    std::size_t end = bytes.find('\n', pos);
    if (end == std::string::npos) end = bytes.size();
    const std::string_view line = trim(std::string_view(bytes).substr(pos, end - pos));
    if (!line.empty()) {
      SourceBlock b;
      b.text = to_nfc(line);
      b.centered = mostly_capitals(line) && line.size() < 120;
      text.blocks.push_back(std::move(b));
    }
    pos = end + 1;
  }
  return text;
}

}  // namespace

namespace {

SourceText read_source(const fs::path& file, FileKind kind, const DocumentImportOptions& options,
                       const fs::path& workdir) {
  switch (kind) {
    case FileKind::PDF:
      return read_pdf(file, options, workdir);
    case FileKind::DOCX:
    case FileKind::ODT:
    case FileKind::RTF:
    case FileKind::DOC:
      return read_office_file(file, kind, workdir);
    case FileKind::IMAGE: {
      if (!options.ocr || !ocr_available()) {
        throw ImportError(
            "tệp là ảnh chụp và máy này chưa cài chương trình nhận dạng chữ "
            "(tesseract-ocr-vie)");
      }
      OcrOptions ocr;
      ocr.progress = options.progress;
      SourceText text = lay_out_pages(ocr_image(file, workdir, ocr));
      text.ocr = true;
      return text;
    }
    case FileKind::TEXT:
      return read_plain_text(file);
    case FileKind::EMPTY:
      throw ImportError("tệp trống (không có nội dung)");
    case FileKind::ENCRYPTED_OFFICE:
      throw ImportError(
          "tệp Word được đặt mật khẩu; hãy mở bằng Word, gỡ mật khẩu (Tệp › Thông "
          "tin › Bảo vệ tài liệu) rồi gửi lại");
    case FileKind::HTML:
      throw ImportError(
          "tệp thực ra là một trang web (HTML), không phải văn bản; có lẽ đã tải "
          "nhầm trang web thay cho tệp. Hãy tải lại tệp PDF hoặc Word gốc");
    case FileKind::MARKDOWN:
      throw ImportError(
          "tệp đã là Markdown của sổ tay; hãy gửi trực tiếp ở trang /nop hoặc chép "
          "vào thư mục content/");
    case FileKind::OTHER:
      break;
  }
  throw ImportError(
      "không nhận ra loại tệp; sổ tay nhận PDF, Word (.docx, .doc), OpenDocument "
      "(.odt), RTF, ảnh chụp (PNG, JPEG, TIFF) và văn bản (.txt)");
}

std::string compose(const ImportedDocument& d, const DocumentImportOptions& o) {
  const DocumentHeader& h = d.header;
  std::string fm = "---\n";
  fm += "# Nhập từ \"" + d.source_name + "\" (" + kind_name(d.kind) +
        (d.pages ? ", " + std::to_string(d.pages) + " trang" : "") +
        (d.ocr ? ", nhận dạng chữ OCR" : "") +
        (d.legacy_encoding.empty() ? "" : ", bảng mã " + d.legacy_encoding) + ")\n";
  for (const std::string& c : h.to_confirm) fm += "# Cần xác nhận — " + c + "\n";
  yaml_line(fm, "title", h.title.empty() ? fs::path(d.source_name).stem().string() : h.title);
  yaml_line(fm, "department", o.department);
  yaml_line(fm, "field", o.field);
  yaml_line(fm, "type", h.type);
  yaml_line(fm, "number", h.number);
  yaml_line(fm, "issuer", h.issuer);
  yaml_line(fm, "issued", h.issued);
  yaml_line(fm, "place", h.place);
  yaml_line(fm, "signer", h.signer);
  yaml_line(fm, "signer_position", h.signer_position);
  yaml_line(fm, "signer_authority", h.signer_authority);
  yaml_list(fm, "recipients", h.recipients);
  yaml_list(fm, "tags", o.tags);
  yaml_line(fm, "original", d.slug + "." + d.original_extension);
  return fm + "---\n\n";
}

// A file a reader understands by its own format (not plain text).
bool is_document_kind(FileKind kind) {
  return kind == FileKind::PDF || kind == FileKind::DOCX || kind == FileKind::ODT ||
         kind == FileKind::RTF || kind == FileKind::DOC || kind == FileKind::IMAGE;
}

std::string slug_for(const DocumentHeader& h, const fs::path& file) {
  std::string base = !h.number.empty() ? h.type + " " + h.number : h.title;
  std::string slug = slugify(base);
  if (slug.empty()) slug = slugify(file.stem().string());
  if (slug.size() > 60)
    slug.resize(slug.rfind('-', 60) == std::string::npos ? 60 : slug.rfind('-', 60));
  return slug.empty() ? "van-ban" : slug;
}

}  // namespace

bool importable_extension(const fs::path& file) {
  const FileKind kind = kind_of_extension(file);
  return is_document_kind(kind) || kind == FileKind::TEXT;
}

ImportedDocument import_document(const fs::path& file, const DocumentImportOptions& options,
                                 const fs::path& workdir) {
  if (trim(options.department).empty()) throw ImportError("thiếu tên đơn vị (department)");
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec) throw ImportError("không đọc được tệp");
  if (size > options.max_bytes) {
    throw ImportError("tệp lớn " + std::to_string(size >> 20) + " MB, giới hạn là " +
                      std::to_string(options.max_bytes >> 20) + " MB");
  }
  ImportedDocument d;
  d.source_name = file.filename().string();
  d.kind = file_kind_of(file);
  const FileKind claimed = kind_of_extension(file);
  if (is_document_kind(claimed) && (d.kind == FileKind::TEXT || d.kind == FileKind::OTHER)) {
    // A ".docx" that holds plain text or unknown bytes is damaged or renamed.
    throw ImportError("tệp mang đuôi của " + kind_name(claimed) + " nhưng nội dung không phải " +
                      kind_name(claimed) +
                      " (tệp bị hỏng, tải về chưa hết, hoặc bị đổi tên); hãy lấy lại tệp gốc");
  }
  if (claimed != d.kind && claimed != FileKind::OTHER && is_document_kind(d.kind)) {
    d.warnings.push_back("tệp mang đuôi của " + kind_name(claimed) + " nhưng thực ra là " +
                         kind_name(d.kind) + "; đã đọc theo đúng loại thật");
  }
  SourceText text = read_source(file, d.kind, options, workdir);
  d.pages = text.pages;
  d.ocr = text.ocr;
  d.legacy_encoding = text.legacy_encoding;
  d.warnings.insert(d.warnings.end(), text.warnings.begin(), text.warnings.end());
  d.header = read_header(text);
  const std::string body = body_markdown(text);
  if (trim(body).empty()) {
    throw ImportError(d.ocr ? "nhận dạng chữ không đọc được nội dung nào (ảnh quá mờ?)"
                            : "tệp không có nội dung chữ nào đọc được");
  }
  d.slug = slug_for(d.header, file);
  d.original_extension = kind_extension(d.kind);
  if (d.kind == FileKind::IMAGE) {
    std::string ext = file.extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    d.original_extension = is_original_name("x" + ext) ? ext.substr(1) : "png";
  }
  const RelationProposal proposal = propose_relations(body, d.header.number);
  d.relations_proposed = proposal.notes;
  d.content = with_proposal(compose(d, options) + body, proposal.comment);
  // What we write must load exactly as the build loads it.
  std::vector<ContentError> errors;
  if (!load_document(d.slug + ".md", d.content, errors)) {
    std::string why;
    for (const ContentError& e : errors) why += "; " + e.to_string();
    throw ImportError("lỗi khi tạo văn bản từ tệp" + why);
  }
  return d;
}

json ImportedDocument::to_json() const {
  const DocumentHeader& h = header;
  return {{"source_name", source_name},
          {"kind", kind_extension(kind)},
          {"kind_name", kind_name(kind)},
          {"slug", slug},
          {"original_extension", original_extension},
          {"content", content},
          {"fields",
           {{"title", h.title},
            {"type", h.type},
            {"number", h.number},
            {"issuer", h.issuer},
            {"issued", h.issued},
            {"year", h.year},
            {"place", h.place},
            {"signer", h.signer},
            {"signer_position", h.signer_position},
            {"signer_authority", h.signer_authority},
            {"recipients", h.recipients}}},
          {"to_confirm", h.to_confirm},
          {"missing", h.missing},
          {"warnings", warnings},
          {"pages", pages},
          {"ocr", ocr},
          {"legacy_encoding", legacy_encoding},
          {"relations_proposed", relations_proposed}};
}

ImportedDocument ImportedDocument::from_json(const json& j) {
  ImportedDocument d;
  d.source_name = j.at("source_name").get<std::string>();
  d.slug = j.at("slug").get<std::string>();
  d.original_extension = j.at("original_extension").get<std::string>();
  d.content = j.at("content").get<std::string>();
  const json& f = j.at("fields");
  DocumentHeader& h = d.header;
  for (const auto& [key, field] : {std::pair<const char*, std::string*>{"title", &h.title},
                                   {"type", &h.type},
                                   {"number", &h.number},
                                   {"issuer", &h.issuer},
                                   {"issued", &h.issued},
                                   {"place", &h.place},
                                   {"signer", &h.signer},
                                   {"signer_position", &h.signer_position},
                                   {"signer_authority", &h.signer_authority}}) {
    *field = f.at(key).get<std::string>();
  }
  h.year = f.at("year").get<int>();
  h.recipients = f.at("recipients").get<std::vector<std::string>>();
  h.to_confirm = j.at("to_confirm").get<std::vector<std::string>>();
  h.missing = j.at("missing").get<std::vector<std::string>>();
  d.warnings = j.at("warnings").get<std::vector<std::string>>();
  d.pages = j.at("pages").get<int>();
  d.ocr = j.at("ocr").get<bool>();
  d.legacy_encoding = j.at("legacy_encoding").get<std::string>();
  d.relations_proposed =
      j.value("relations_proposed", json::array()).get<std::vector<std::string>>();
  return d;
}

}  // namespace sotay
