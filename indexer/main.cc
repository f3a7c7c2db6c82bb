// sotay-indexer: builds editions of the handbook from content/.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include <xapian.h>

#include "backup_cli.h"
#include "content_check.h"
#include "edition_admin.h"
#include "import_cli.h"
#include "index_writer.h"
#include "markdown.h"
#include "phapdien_import.h"
#include "rollback.h"
#include "submission_cli.h"

namespace {

// "[12/40] 30 tệp/s, còn 1 s" on a terminal, overwritten in place; when
// not a terminal, one plain line every 10 seconds (long builds only).
class Progress {
 public:
  explicit Progress(bool tty) : tty_(tty), start_(std::chrono::steady_clock::now()) {}
  void operator()(std::size_t done, std::size_t total) {
    const auto now = std::chrono::steady_clock::now();
    const double secs = std::chrono::duration<double>(now - start_).count();
    const double rate = secs > 0 ? static_cast<double>(done) / secs : 0;
    const double left = rate > 0 ? static_cast<double>(total - done) / rate : 0;
    if (!tty_) {
      if (now - last_line_ < std::chrono::seconds(10) || done == total) return;
      last_line_ = now;
      std::fprintf(stderr, "đã đọc %zu/%zu tệp, %.0f tệp/s, còn khoảng %.0f s\n", done, total, rate,
                   left);
      return;
    }
    if (done != total && now - last_line_ < std::chrono::milliseconds(100)) return;
    last_line_ = now;
    std::fprintf(stderr, "\r[%zu/%zu] %.0f tệp/s, còn %.0f s   ", done, total, rate, left);
    if (done == total) std::fputs("\nđang ghi chỉ mục…\n", stderr);
  }

 private:
  bool tty_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_line_ = start_;
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
    if (report.quick) {
      std::printf("Xuất bản nhanh: lập chỉ mục lại %zu văn bản, giữ nguyên %zu\n", report.reindexed,
                  report.documents - report.reindexed);
    } else if (report.incremental) {
      std::printf("Xây dựng tăng dần: lập chỉ mục lại %zu văn bản, giữ nguyên %zu\n",
                  report.reindexed, report.documents - report.reindexed);
    } else {
      std::printf("Xây dựng toàn bộ (%s)\n", report.full_reason.c_str());
    }
  } else {
    std::printf("Không xuất bản: %zu tệp lỗi (--strict); ấn bản hiện hành được giữ nguyên\n",
                report.errors.size());
  }
  return report.errors.empty() && report.published ? 0 : 1;
}

int run_editions(const std::string& index) {
  const auto editions = sotay::describe_editions(index);
  if (editions.empty()) {
    std::printf("Chưa có ấn bản nào trong %s\n", index.c_str());
    return 0;
  }
  // Padded by hand: printf counts bytes, not letters.
  std::printf("  ấn bản                         xây dựng lúc          văn bản    mục\n");
  for (const sotay::EditionInfo& e : editions) {
    std::printf("%s %-30s %-20s %8zu %6zu%s%s\n", e.current ? "*" : " ", e.id.c_str(),
                e.built.c_str(), e.documents, e.sections,
                e.problem.empty() ? "" : "  lỗi: ", e.problem.c_str());
  }
  return 0;
}

// Exit status: 0 clean, 1 errors, 3 warnings only (2: the check could not run).
int run_check(const std::string& content, bool as_json) {
  const sotay::CheckReport report = sotay::check_content(content);
  if (as_json) {
    std::printf("%s\n", report.to_json().dump(2).c_str());
  } else {
    for (const sotay::CheckProblem& p : report.problems) {
      std::printf("%s\n", p.to_string().c_str());
    }
    std::fprintf(stderr, "%zu tệp: %zu lỗi, %zu cảnh báo\n", report.files, report.errors(),
                 report.warnings());
  }
  if (report.errors() > 0) return 1;
  return report.warnings() > 0 ? 3 : 0;
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

// The command line: every subcommand and the values its options fill.
struct Cli {
  sotay::BuildOptions build;
  std::string content = build.content_dir.string();
  std::string index = build.index_root.string();
  std::string rollback_to;
  bool rollback_index_only = false;
  sotay::PublishOptions rollback;  // content, inbox, audit
  std::string rollback_by;
  bool check_json = false;
  sotay::ImportOptions import;
  std::string input, output, ids;
  CLI::App* cmd_build = nullptr;
  CLI::App* cmd_editions = nullptr;
  CLI::App* cmd_rollback = nullptr;
  CLI::App* cmd_check = nullptr;
  CLI::App* cmd_import = nullptr;
  std::shared_ptr<sotay::SubmissionCli> submission;  // token, inbox
  std::shared_ptr<sotay::BackupCli> backup;          // backup, restore
  std::shared_ptr<sotay::ImportCli> documents;       // import, convert
};

// rollback: the edition and the content it was built from (rollback.h), or
// with --index-only the edition alone (a read node without content/).
void add_rollback_command(CLI::App& app, Cli& c) {
  c.cmd_rollback = app.add_subcommand(
      "rollback",
      "Quay về một ấn bản (mặc định: ấn bản trước ấn bản hiện hành), khôi phục cả content/ như "
      "lúc xây dựng ấn bản đó");
  c.cmd_rollback->add_option("EDITION", c.rollback_to, "Mã ấn bản (xem sotay-indexer editions)");
  c.cmd_rollback->add_option("--index", c.index, "Thư mục chỉ mục")->capture_default_str();
  c.cmd_rollback->add_option("--content", c.content, "Thư mục nội dung")->capture_default_str();
  c.rollback.inbox_dir = "data/inbox";
  c.rollback.audit_file = "data/audit.log";
  c.cmd_rollback->add_option("--inbox", c.rollback.inbox_dir, "Thư mục bài nộp (khóa .lock)")
      ->capture_default_str();
  c.cmd_rollback->add_option("--audit", c.rollback.audit_file, "Nhật ký kiểm toán")
      ->capture_default_str();
  c.cmd_rollback->add_option("--by", c.rollback_by, "Tên người thực hiện ghi vào nhật ký");
  c.cmd_rollback->add_flag("--index-only", c.rollback_index_only,
                           "Chỉ chuyển chỉ mục, không khôi phục content/ (máy chỉ đọc)");
}

int run_rollback(Cli& c) {
  if (c.rollback_index_only) {
    const std::string id = sotay::rollback_edition(c.index, c.rollback_to);
    std::printf("Ấn bản hiện hành: %s\n", id.c_str());
    std::fprintf(stderr,
                 "cảnh báo: --index-only chỉ chuyển chỉ mục, content/ không được khôi phục. Nếu "
                 "đây là máy biên tập, lần xây dựng sau (lần duyệt bài sau) sẽ xuất bản lại nội "
                 "dung mới hơn trong content/: hãy chạy lại lệnh này không có --index-only.\n");
    return 0;
  }
  c.rollback.content_dir = c.content;
  c.rollback.index_root = c.index;
  std::string who = c.rollback_by;
  if (who.empty()) {
    const char* user = std::getenv("USER");
    who = user && *user ? user : "quản trị";
  }
  sotay::Publisher publisher(c.rollback);
  sotay::RollbackResult r;
  try {
    r = publisher.rollback(c.rollback_to, {"cli", who + " (dòng lệnh)", sotay::ROLE_EDITOR});
  } catch (const sotay::RollbackRefused& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  for (const std::string& p : r.restored) std::printf("khôi phục content/%s\n", p.c_str());
  for (const std::string& p : r.originals) std::printf("khôi phục bản gốc content/%s\n", p.c_str());
  for (const std::string& p : r.moved) {
    std::printf("chuyển content/%s vào content/.history/ (văn bản thêm sau ấn bản này)\n",
                p.c_str());
  }
  std::printf("Ấn bản hiện hành: %s (trước đó: %s)\n", r.edition.c_str(), r.previous.c_str());
  return 0;
}

// build, editions, rollback, check: the editions of the handbook.
void add_edition_commands(CLI::App& app, Cli& c) {
  c.cmd_build = app.add_subcommand("build", "Xây dựng và xuất bản một ấn bản từ content/");
  c.cmd_build->add_option("--content", c.content, "Thư mục nội dung")->capture_default_str();
  c.cmd_build->add_option("--index", c.index, "Thư mục chỉ mục")->capture_default_str();
  c.cmd_build->add_option("--keep", c.build.keep_editions, "Số ấn bản giữ lại")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  c.cmd_build->add_flag("--strict", c.build.strict, "Không xuất bản nếu có tệp lỗi");
  c.cmd_build->add_flag("--full", c.build.full,
                        "Lập chỉ mục lại mọi văn bản (mặc định: chỉ tệp thêm, sửa, xóa)");
  c.cmd_build
      ->add_option("--jobs", c.build.jobs, "Số luồng đọc và lập chỉ mục (0: mỗi lõi một luồng)")
      ->capture_default_str()
      ->check(CLI::Range(0, 256));

  c.cmd_editions = app.add_subcommand("editions", "Liệt kê các ấn bản (* là hiện hành)");
  c.cmd_editions->add_option("--index", c.index, "Thư mục chỉ mục")->capture_default_str();

  add_rollback_command(app, c);

  c.cmd_check = app.add_subcommand(
      "check", "Kiểm tra nội dung mà không xây dựng (thoát 0: sạch, 1: có lỗi, 3: chỉ cảnh báo)");
  c.cmd_check->add_option("--content", c.content, "Thư mục nội dung")->capture_default_str();
  c.cmd_check->add_flag("--json", c.check_json, "Kết quả dạng JSON");
}

// import-phapdien: outside material in. (The PDF of the handbook is
// `sotay-server export-pdf`: it serves the edition to Chromium.)
void add_exchange_commands(CLI::App& app, Cli& c) {
  c.cmd_import = app.add_subcommand("import-phapdien",
                                    "Nhập Bộ pháp điển (corpus.jsonl.gz) thành tệp nội dung");
  c.cmd_import->add_option("--input", c.input, "Tệp corpus.jsonl.gz")->required();
  c.cmd_import->add_option("--output", c.output, "Thư mục nội dung ghi vào")->required();
  c.cmd_import->add_option("--limit", c.import.limit, "Dừng sau N tệp (0: tất cả)");
  c.cmd_import->add_option("--ids", c.ids, "Chỉ nhập các id liệt kê (mỗi dòng một id)");
}

// Runs the parsed subcommand; its exit status.
int run_command(Cli& c) {
  sotay::init_markdown();
  if (const auto code = sotay::run_submission_commands(*c.submission)) return *code;
  if (const auto code = sotay::run_backup_commands(*c.backup)) return *code;
  if (const auto code = sotay::run_import_commands(*c.documents)) return *code;
  if (c.cmd_build->parsed()) {
    c.build.content_dir = c.content;
    c.build.index_root = c.index;
    Progress progress(isatty(STDERR_FILENO) != 0);
    c.build.progress = [&progress](std::size_t done, std::size_t total) { progress(done, total); };
    return run_build(c.build);
  }
  if (c.cmd_editions->parsed()) return run_editions(c.index);
  if (c.cmd_rollback->parsed()) return run_rollback(c);
  if (c.cmd_check->parsed()) return run_check(c.content, c.check_json);
  if (c.cmd_import->parsed()) {
    c.import.input = c.input;
    c.import.output = c.output;
    c.import.ids_file = c.ids;
    return run_import(c.import);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Sổ tay: xây dựng chỉ mục sổ tay hướng dẫn công vụ"};
  app.require_subcommand(1);
  Cli cli;
  add_edition_commands(app, cli);
  add_exchange_commands(app, cli);
  cli.submission = sotay::add_submission_commands(app);
  cli.backup = sotay::add_backup_commands(app);
  cli.documents = sotay::add_import_commands(app);
  CLI11_PARSE(app, argc, argv);
  try {
    return run_command(cli);
  } catch (const std::exception& e) {
    const bool full = std::string(e.what()).find("No space left") != std::string::npos;
    std::fprintf(stderr, "sotay-indexer: %s%s\n", full ? "hết dung lượng đĩa: " : "", e.what());
    return 2;
  } catch (const Xapian::Error& e) {
    const std::string what = e.get_description();
    const bool full = what.find("No space left") != std::string::npos;
    std::fprintf(stderr, "sotay-indexer: %s: %s; ấn bản hiện hành được giữ nguyên\n",
                 full ? "hết dung lượng đĩa" : "lỗi chỉ mục", what.c_str());
    return 2;
  }
}
