// sotay-indexer: builds editions of the handbook from content/.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <string>

#include <CLI/CLI.hpp>

#include "index_writer.h"
#include "markdown.h"
#include "phapdien_import.h"

namespace {

// "[ 12/40]  30 tệp/s" on a terminal, overwritten in place.
class Progress {
 public:
  explicit Progress(bool tty) : tty_(tty), start_(std::chrono::steady_clock::now()) {}
  void operator()(std::size_t done, std::size_t total) {
    if (!tty_) return;
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double rate = secs > 0 ? static_cast<double>(done) / secs : 0;
    const double left = rate > 0 ? static_cast<double>(total - done) / rate : 0;
    std::fprintf(stderr, "\r[%zu/%zu] %.0f tệp/s, còn %.0f s   ", done, total, rate, left);
    if (done == total) std::fputc('\n', stderr);
  }

 private:
  bool tty_;
  std::chrono::steady_clock::time_point start_;
};

int run_build(const sotay::BuildOptions& options) {
  const sotay::BuildReport report = sotay::build_edition(options);
  for (const sotay::ContentError& e : report.errors) {
    std::fprintf(stderr, "%s\n", e.to_string().c_str());
  }
  if (report.published) {
    std::printf("Ấn bản %s: %zu văn bản, %zu mục, %zu tệp lỗi bị bỏ qua, %.2f giây\n",
                report.edition_id.c_str(), report.documents, report.sections, report.errors.size(),
                report.seconds);
  } else {
    std::printf("Không xuất bản: %zu tệp lỗi (--strict); ấn bản hiện hành được giữ nguyên\n",
                report.errors.size());
  }
  return report.errors.empty() && report.published ? 0 : 1;
}

int run_import(const sotay::ImportOptions& options) {
  const sotay::ImportReport r = sotay::import_phapdien(options);
  for (const sotay::ImportSkip& s : r.skipped) {
    std::fprintf(stderr, "%s:%zu: bỏ qua %s: %s\n", options.input.c_str(), s.line, s.id.c_str(),
                 s.reason.c_str());
  }
  std::printf(
      "Đã đọc %zu điều, ghi %zu tệp (%zu chỉ có ghi chú nguồn), bỏ qua %zu lỗi, %zu ngoài "
      "--ids, %zu id không tìm thấy\n",
      r.read, r.written, r.empty_text, r.skipped.size(), r.filtered, r.ids_not_found);
  return r.skipped.empty() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Sổ tay: xây dựng chỉ mục sổ tay hướng dẫn công vụ"};
  app.require_subcommand(1);

  sotay::BuildOptions build;
  std::string content = build.content_dir.string();
  std::string index = build.index_root.string();
  CLI::App* cmd_build = app.add_subcommand("build", "Xây dựng và xuất bản một ấn bản từ content/");
  cmd_build->add_option("--content", content, "Thư mục nội dung")->capture_default_str();
  cmd_build->add_option("--index", index, "Thư mục chỉ mục")->capture_default_str();
  cmd_build->add_option("--keep", build.keep_editions, "Số ấn bản giữ lại")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  cmd_build->add_flag("--strict", build.strict, "Không xuất bản nếu có tệp lỗi");

  sotay::ImportOptions import;
  std::string input, output, ids;
  CLI::App* cmd_import = app.add_subcommand(
      "import-phapdien", "Nhập Bộ pháp điển (corpus.jsonl.gz) thành tệp nội dung");
  cmd_import->add_option("--input", input, "Tệp corpus.jsonl.gz")->required();
  cmd_import->add_option("--output", output, "Thư mục nội dung ghi vào")->required();
  cmd_import->add_option("--limit", import.limit, "Dừng sau N tệp (0: tất cả)");
  cmd_import->add_option("--ids", ids, "Chỉ nhập các id liệt kê (mỗi dòng một id)");

  CLI11_PARSE(app, argc, argv);
  try {
    sotay::init_markdown();
    if (cmd_build->parsed()) {
      build.content_dir = content;
      build.index_root = index;
      Progress progress(isatty(STDERR_FILENO) != 0);
      build.progress = [&progress](std::size_t done, std::size_t total) { progress(done, total); };
      return run_build(build);
    }
    if (cmd_import->parsed()) {
      import.input = input;
      import.output = output;
      import.ids_file = ids;
      return run_import(import);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sotay-indexer: %s\n", e.what());
    return 2;
  }
  return 0;
}
