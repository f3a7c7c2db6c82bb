#include "import_cli.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "document_import.h"
#include "files.h"
#include "slug.h"
#include "source_text.h"
#include "subprocess.h"

namespace sotay {

namespace fs = std::filesystem;
using nlohmann::json;

struct ImportCli {
  CLI::App* import = nullptr;
  CLI::App* convert = nullptr;
  std::vector<std::string> inputs;
  std::string content = "content", folder;
  DocumentImportOptions options;
  bool dry_run = false, json_out = false, no_ocr = false;
};

namespace {

void add_document_options(CLI::App* cmd, ImportCli& c) {
  cmd->add_option("--department", c.options.department, "Đơn vị sở hữu văn bản (department)")
      ->required();
  cmd->add_option("--field", c.options.field, "Lĩnh vực (field)");
  cmd->add_option("--tag", c.options.tags, "Từ khóa (tags), có thể lặp lại");
  cmd->add_option("--max-pages", c.options.max_pages, "Số trang tối đa của một tệp PDF")
      ->capture_default_str()
      ->check(CLI::Range(1, 5000));
  cmd->add_flag("--no-ocr", c.no_ocr, "Không nhận dạng chữ bản scan (từ chối thay vì đọc)");
}

// Every importable file of the inputs, folders walked in name order.
std::vector<fs::path> expand_inputs(const std::vector<std::string>& inputs,
                                    std::vector<std::string>& problems) {
  std::vector<fs::path> files;
  for (const std::string& in : inputs) {
    std::error_code ec;
    if (fs::is_directory(in, ec)) {
      std::vector<fs::path> found;
      for (const auto& e : fs::recursive_directory_iterator(in, ec)) {
        if (e.is_regular_file() && importable_extension(e.path())) found.push_back(e.path());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(in, ec)) {
      files.emplace_back(in);
    } else {
      problems.push_back(in + ": không có tệp hoặc thư mục này");
    }
  }
  return files;
}

// "<slug>.md" and "<slug>.<ext>" both free in `dir`: slug, slug-2, slug-3, …
std::string free_slug(const fs::path& dir, const std::string& slug, const std::string& ext) {
  for (int n = 1;; ++n) {
    const std::string s = n == 1 ? slug : slug + "-" + std::to_string(n);
    if (!fs::exists(dir / (s + ".md")) && !fs::exists(dir / (s + "." + ext))) return s;
  }
}

// Writes the original first, then the content file naming it: a crash in
// between leaves an unused original, never a document without its original.
std::string write_document(const ImportCli& c, const fs::path& file, ImportedDocument& d) {
  const std::string folder = c.folder.empty() ? slugify(c.options.department) : c.folder;
  const fs::path dir = fs::path(c.content) / (folder.empty() ? "khac" : folder);
  const std::string slug = free_slug(dir, d.slug, d.original_extension);
  if (slug != d.slug) {
    const std::string from = "original: \"" + d.slug + "." + d.original_extension + "\"";
    const std::string to = "original: \"" + slug + "." + d.original_extension + "\"";
    d.content.replace(d.content.find(from), from.size(), to);
    d.slug = slug;
  }
  write_file_atomic(dir / (slug + "." + d.original_extension), read_file(file));
  write_file_atomic(dir / (slug + ".md"), d.content);
  return (dir / (slug + ".md")).string();
}

void print_result(const fs::path& file, const ImportedDocument& d, const std::string& path) {
  const DocumentHeader& h = d.header;
  std::printf("✓ %s → %s\n", file.c_str(), path.empty() ? "(thử, không ghi)" : path.c_str());
  std::printf("    %s%s%s · %s%s · %s\n", h.type.empty() ? "(chưa rõ loại)" : h.type.c_str(),
              h.number.empty() ? "" : " ", h.number.c_str(),
              h.issuer.empty() ? "(chưa rõ cơ quan ban hành)" : h.issuer.c_str(),
              h.issued.empty() ? "" : (", ngày " + h.issued).c_str(), kind_name(d.kind).c_str());
  std::printf("    Tiêu đề: %s\n", h.title.empty() ? "(không tìm thấy)" : h.title.c_str());
  if (!h.signer.empty()) {
    std::printf("    Người ký: %s%s%s\n", h.signer.c_str(), h.signer_position.empty() ? "" : ", ",
                h.signer_position.c_str());
  }
  for (const std::string& s : h.to_confirm) std::printf("    ! Cần xác nhận — %s\n", s.c_str());
  for (const std::string& s : d.warnings) std::printf("    ! %s\n", s.c_str());
  for (const std::string& s : d.relations_proposed) {
    std::printf("    ? Quan hệ đề xuất — %s\n", s.c_str());
  }
}

int run_import(const ImportCli& c) {
  std::vector<std::string> problems;
  const std::vector<fs::path> files = expand_inputs(c.inputs, problems);
  DocumentImportOptions options = c.options;
  options.ocr = !c.no_ocr;
  const bool tty = isatty(STDERR_FILENO) != 0 && !c.json_out;
  json results = json::array();
  std::size_t failed = problems.size();
  for (std::size_t i = 0; i < files.size(); ++i) {
    const fs::path& file = files[i];
    options.progress = [&](int done, int total) {
      if (tty) {
        std::fprintf(stderr, "\r[%zu/%zu] %s: nhận dạng chữ trang %d/%d   ", i + 1, files.size(),
                     file.filename().c_str(), done, total);
        if (done == total) std::fputs("\n", stderr);
      }
    };
    json r = {{"file", file.string()}};
    try {
      JobDirectory job;
      ImportedDocument d = import_document(file, options, job.path());
      const std::string path = c.dry_run ? "" : write_document(c, file, d);
      r.update(d.to_json());
      r["ok"] = true;
      r["path"] = path;
      if (!c.json_out) print_result(file, d, path);
    } catch (const ImportError& e) {
      ++failed;
      r["ok"] = false;
      r["error"] = e.what();
      if (!c.json_out) std::printf("✗ %s: %s\n", file.c_str(), e.what());
    }
    results.push_back(std::move(r));
  }
  for (const std::string& p : problems) {
    if (!c.json_out) std::printf("✗ %s\n", p.c_str());
    results.push_back({{"ok", false}, {"error", p}});
  }
  if (c.json_out) {
    std::printf("%s\n", results.dump(2).c_str());
  } else {
    std::printf("%zu tệp nhập được, %zu tệp lỗi%s\n", results.size() - failed, failed,
                c.dry_run ? " (thử: không ghi tệp nào)" : "");
  }
  return failed == 0 ? 0 : 1;
}

// One file to JSON on stdout, for the server: {"ok", "document"|"error"}.
int run_convert(const ImportCli& c) {
  DocumentImportOptions options = c.options;
  options.ocr = !c.no_ocr;
  json out;
  try {
    JobDirectory job;
    out = {{"ok", true},
           {"document", import_document(c.inputs.at(0), options, job.path()).to_json()}};
  } catch (const ImportError& e) {
    out = {{"ok", false}, {"error", e.what()}};
  }
  std::printf("%s\n", out.dump().c_str());
  return out["ok"].get<bool>() ? 0 : 1;
}

}  // namespace

std::shared_ptr<ImportCli> add_import_commands(CLI::App& app) {
  auto c = std::make_shared<ImportCli>();
  c->import = app.add_subcommand(
      "import", "Nhập văn bản thật (PDF, bản scan, Word, .odt, .rtf, .txt) thành tệp nội dung");
  c->import->add_option("FILES", c->inputs, "Tệp hoặc thư mục")->required();
  c->import->add_option("--content", c->content, "Thư mục nội dung")->capture_default_str();
  c->import->add_option("--folder", c->folder,
                        "Thư mục con trong content/ (mặc định: tên đơn vị viết không dấu)");
  c->import->add_flag("--dry-run", c->dry_run, "Chỉ đọc và báo kết quả, không ghi tệp");
  c->import->add_flag("--json", c->json_out, "Kết quả dạng JSON");
  add_document_options(c->import, *c);
  c->convert = app.add_subcommand(
      "convert", "Chuyển một tệp thành văn bản, in JSON (máy chủ dùng cho trang nộp văn bản)");
  c->convert->add_option("FILE", c->inputs, "Tệp cần chuyển")->required()->expected(1);
  add_document_options(c->convert, *c);
  return c;
}

std::optional<int> run_import_commands(const ImportCli& cli) {
  if (cli.import->parsed()) return run_import(cli);
  if (cli.convert->parsed()) return run_convert(cli);
  return std::nullopt;
}

}  // namespace sotay
