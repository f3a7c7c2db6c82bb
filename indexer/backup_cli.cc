#include "backup_cli.h"

#include <cstdio>
#include <string>

#include "backup.h"

namespace sotay {

struct BackupCli {
  CLI::App* backup = nullptr;
  CLI::App* restore = nullptr;
  std::string to, verify, archive, root;
  std::string content = "content", inbox = "data/inbox", auth = "data/auth.json",
              audit = "data/audit.log", query_stats = "data/query-stats.json", index = "data/index";
  bool with_index = false, force = false;
};

namespace {

void add_path_options(CLI::App* cmd, BackupCli& c) {
  cmd->add_option("--content", c.content, "Thư mục nội dung")->capture_default_str();
  cmd->add_option("--inbox", c.inbox, "Thư mục bài nộp")->capture_default_str();
  cmd->add_option("--auth", c.auth, "Tệp mã truy cập")->capture_default_str();
  cmd->add_option("--audit", c.audit, "Nhật ký kiểm toán")->capture_default_str();
  cmd->add_option("--query-stats", c.query_stats, "Thống kê tìm kiếm")->capture_default_str();
  cmd->add_option("--index", c.index, "Thư mục chỉ mục (chỉ dùng với --with-index)")
      ->capture_default_str();
  cmd->add_flag("--with-index", c.with_index,
                "Kèm ấn bản hiện hành: backup sao lưu nó, restore khôi phục nó nếu bản sao lưu "
                "có (không bắt buộc: build dựng lại được)");
}

// The paths of the options; with `root`, each default is taken under it
// (content/, data/…), as the server lays them out.
BackupPaths paths(const BackupCli& c) {
  const std::filesystem::path root = c.root;
  const auto at = [&](const std::string& p) { return root.empty() ? p : (root / p).string(); };
  BackupPaths p{at(c.content), at(c.inbox), at(c.auth), at(c.audit), at(c.query_stats), {}};
  if (c.with_index) p.index = at(c.index);
  return p;
}

std::string size_text(std::uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return buf;
}

int run_verify(const std::string& file) {
  const BackupManifest m = verify_backup(file);
  std::printf("%s: bản sao lưu nguyên vẹn, %zu tệp, tạo lúc %s bởi Sổ tay %s\n", file.c_str(),
              m.files.size(), m.created.c_str(), m.sotay_version.c_str());
  return 0;
}

}  // namespace

std::shared_ptr<BackupCli> add_backup_commands(CLI::App& app) {
  auto c = std::make_shared<BackupCli>();
  c->backup = app.add_subcommand(
      "backup", "Sao lưu mọi thứ không dựng lại được (nội dung, lịch sử, mã, bài nộp, nhật ký)");
  auto* to = c->backup->add_option("--to", c->to, "Tệp sao lưu ghi ra (.tar.zst)");
  auto* verify =
      c->backup->add_option("--verify", c->verify, "Chỉ kiểm tra một tệp sao lưu, không ghi gì");
  to->excludes(verify);
  add_path_options(c->backup, *c);
  c->restore = app.add_subcommand("restore", "Khôi phục từ một tệp sao lưu");
  c->restore->add_option("FILE", c->archive, "Tệp sao lưu")->required();
  c->restore->add_option("--to", c->root,
                         "Thư mục gốc khôi phục vào (content/, data/… bên trong nó)");
  c->restore->add_flag("--force", c->force,
                       "Khôi phục cả khi đã có dữ liệu (dữ liệu cũ được giữ bên cạnh)");
  add_path_options(c->restore, *c);
  return c;
}

std::optional<int> run_backup_commands(const BackupCli& c) {
  if (c.backup->parsed()) {
    if (!c.verify.empty()) return run_verify(c.verify);
    if (c.to.empty()) {
      std::fprintf(stderr, "sotay-indexer backup: cần --to TỆP (hoặc --verify TỆP)\n");
      return 1;
    }
    const BackupReport r = write_backup(paths(c), c.to);
    for (const std::string& s : r.skipped) {
      std::fprintf(stderr, "bỏ qua %s: không phải tệp thường (liên kết hoặc tệp đặc biệt)\n",
                   s.c_str());
    }
    std::printf("Đã sao lưu %zu tệp (%s) vào %s (%s)%s%s\n", r.files, size_text(r.bytes).c_str(),
                c.to.c_str(), size_text(r.archive_bytes).c_str(),
                r.edition.empty() ? "" : ", kèm ấn bản ", r.edition.c_str());
    return 0;
  }
  if (!c.restore->parsed()) return std::nullopt;
  const RestoreReport r = restore_backup(c.archive, paths(c), c.force);
  for (const auto& p : r.moved_aside) std::printf("Dữ liệu cũ giữ lại ở %s\n", p.c_str());
  for (const auto& p : r.written) std::printf("Đã khôi phục %s\n", p.c_str());
  if (!r.manifest.current_edition.empty() && !c.with_index) {
    std::printf("Bản sao lưu có ấn bản %s nhưng không khôi phục nó (thêm --with-index nếu cần).\n",
                r.manifest.current_edition.c_str());
  }
  std::printf(
      "Xong: %zu tệp từ bản sao lưu tạo lúc %s. Chạy \"sotay-indexer build\" để xuất "
      "bản sổ tay.\n",
      r.manifest.files.size(), r.manifest.created.c_str());
  return 0;
}

}  // namespace sotay
