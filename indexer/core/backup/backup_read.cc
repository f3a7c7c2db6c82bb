// verify_backup() and restore_backup(): one checked pass over the archive.
#include <archive.h>
#include <archive_entry.h>

#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>

#include "backup.h"
#include "edition.h"
#include "files.h"
#include "hash.h"
#include "utc_time.h"

namespace sotay {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t MAX_SMALL_ENTRY = 64 << 20;  // header and manifest

// Receives the files of an archive as they are read and checked.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual void begin(const std::string& entry, unsigned mode) = 0;
  virtual void write(std::string_view bytes) = 0;
  virtual void end() = 0;
};

class ArchiveReader {
 public:
  // The archive is owned from the start, so a constructor that throws
  // (a file that is no archive) frees it too.
  explicit ArchiveReader(const fs::path& file)
      : owner_(archive_read_new(), archive_read_free), file_(file) {
    if (!a_) throw error("không khởi tạo được libarchive");
    archive_read_support_filter_all(a_);
    archive_read_support_format_tar(a_);
    if (archive_read_open_filename(a_, file.c_str(), 1 << 16) != ARCHIVE_OK) {
      fail("không đọc được: tệp hỏng, bị cắt cụt hoặc không phải bản sao lưu của Sổ tay");
    }
  }
  ArchiveReader(const ArchiveReader&) = delete;
  ArchiveReader& operator=(const ArchiveReader&) = delete;

  // The next entry, or nullptr at the end.
  archive_entry* next() {
    archive_entry* e = nullptr;
    const int r = archive_read_next_header(a_, &e);
    if (r == ARCHIVE_EOF) return nullptr;
    if (r != ARCHIVE_OK) fail("hỏng hoặc bị cắt cụt");
    return e;
  }
  // The next block of the current entry's data; empty at its end.
  std::string_view block() {
    const void* data = nullptr;
    size_t size = 0;
    la_int64_t offset = 0;
    const int r = archive_read_data_block(a_, &data, &size, &offset);
    if (r == ARCHIVE_EOF) return {};
    if (r != ARCHIVE_OK) fail("hỏng hoặc bị cắt cụt");
    return {static_cast<const char*>(data), size};
  }
  std::string small_entry(const std::string& name) {
    std::string out;
    for (std::string_view b = block(); !b.empty(); b = block()) {
      out.append(b);
      if (out.size() > MAX_SMALL_ENTRY) throw error(name + " quá lớn");
    }
    return out;
  }
  std::runtime_error error(const std::string& what) const {
    return std::runtime_error(file_.string() + ": " + what);
  }
  [[noreturn]] void fail(const std::string& what) {
    const char* why = archive_error_string(a_);
    throw error(what + (why ? std::string(" (") + why + ")" : std::string()));
  }

 private:
  std::unique_ptr<archive, int (*)(archive*)> owner_{nullptr, archive_read_free};
  archive* const a_ = owner_.get();
  fs::path file_;
};

struct Seen {
  std::uint64_t size;
  std::string sha256;
};

// One file entry: checked name and type, streamed to `sink`, hashed.
Seen read_file_entry(ArchiveReader& r, archive_entry* e, const std::string& name, Sink* sink) {
  if (const std::string why = unsafe_entry_reason(name); !why.empty()) {
    throw r.error("mục \"" + name + "\" bị từ chối: " + why);
  }
  if (archive_entry_filetype(e) != AE_IFREG || archive_entry_hardlink(e) != nullptr) {
    throw r.error("mục \"" + name + "\" bị từ chối: chỉ nhận tệp thường (không nhận liên kết)");
  }
  if (sink) sink->begin(name, archive_entry_perm(e) & 0777);
  Sha256 sha;
  std::uint64_t size = 0;
  for (std::string_view b = r.block(); !b.empty(); b = r.block()) {
    sha.update(b);
    size += b.size();
    if (sink) sink->write(b);
  }
  if (sink) sink->end();
  return {size, sha.hex()};
}

// Reads all of `file`; every file goes to `sink` (may be null). Returns the
// manifest once everything matched it.
BackupManifest read_backup(const fs::path& file, Sink* sink) {
  ArchiveReader r(file);
  archive_entry* e = r.next();
  if (!e || archive_entry_pathname(e) != std::string(BACKUP_HEADER_ENTRY)) {
    throw r.error("không phải bản sao lưu của Sổ tay (thiếu " + std::string(BACKUP_HEADER_ENTRY) +
                  " ở đầu)");
  }
  try {
    check_backup_header(r.small_entry(BACKUP_HEADER_ENTRY));
  } catch (const std::runtime_error& ex) {
    throw r.error(ex.what());
  }
  std::map<std::string, Seen> seen;
  std::optional<BackupManifest> manifest;
  while ((e = r.next()) != nullptr) {
    const char* raw = archive_entry_pathname_utf8(e);
    const std::string name = raw ? raw : "";
    if (manifest) throw r.error("có mục \"" + name + "\" sau bản kê");
    if (name == BACKUP_MANIFEST_ENTRY) {
      try {
        manifest = BackupManifest::from_json(nlohmann::json::parse(r.small_entry(name)));
      } catch (const std::exception& ex) {
        throw r.error(std::string("bản kê hỏng: ") + ex.what());
      }
      continue;
    }
    if (archive_entry_filetype(e) == AE_IFDIR) continue;
    if (seen.count(name)) throw r.error("mục \"" + name + "\" xuất hiện hai lần");
    seen[name] = read_file_entry(r, e, name, sink);
  }
  if (!manifest) throw r.error("thiếu bản kê (MANIFEST.json): tệp bị cắt cụt?");
  const std::string& edition = manifest->current_edition;
  if (!edition.empty() && (edition.find('/') != std::string::npos ||
                           !unsafe_entry_reason("index/" + edition).empty())) {
    throw r.error("tên ấn bản \"" + edition + "\" trong bản kê không hợp lệ");
  }
  for (const ManifestFile& f : manifest->files) {
    const auto it = seen.find(f.path);
    if (it == seen.end()) throw r.error("thiếu tệp " + f.path + " có trong bản kê");
    if (it->second.size != f.size || it->second.sha256 != f.sha256) {
      throw r.error("tệp " + f.path + " không khớp mã băm trong bản kê (hỏng)");
    }
    seen.erase(it);
  }
  if (!seen.empty()) throw r.error("tệp " + seen.begin()->first + " không có trong bản kê");
  return *manifest;
}

// Extracts each part beside its target, under a hidden name.
class StagingSink : public Sink {
 public:
  StagingSink(const BackupPaths& to, const std::string& stamp) : to_(to), stamp_(stamp) {}
  ~StagingSink() override { discard(); }

  void begin(const std::string& entry, unsigned mode) override {
    const BackupPart* part = part_of(entry);
    const fs::path& target = to_.of(part->name);
    if (target.empty()) {
      out_.reset();
      return;
    }
    const fs::path stage = staging(part->name, target);
    const fs::path path =
        part->directory ? stage / fs::path(entry.substr(std::strlen(part->name) + 1)) : stage;
    fs::create_directories(path.parent_path());
    out_ = std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc);
    if (!*out_) throw std::runtime_error("không ghi được " + path.string());
    fs::permissions(path, static_cast<fs::perms>(mode ? mode : 0600));
    path_ = path;
  }
  void write(std::string_view bytes) override {
    if (out_ && !out_->write(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
      throw std::runtime_error("không ghi được " + path_.string() + " (đĩa đầy?)");
    }
  }
  void end() override {
    if (out_) {
      out_->flush();
      if (!*out_) throw std::runtime_error("không ghi được " + path_.string() + " (đĩa đầy?)");
      out_.reset();
    }
  }
  // The staged path of every part present in the archive (`parts`),
  // creating the empty directories of parts without files.
  std::map<std::string, fs::path> staged(const std::vector<std::string>& parts) {
    for (const std::string& p : parts) {
      const fs::path& target = to_.of(p);
      if (target.empty() || staged_.count(p)) continue;
      const BackupPart* part = part_named(p);
      if (part && part->directory) fs::create_directories(staging(p, target));
    }
    return staged_;
  }
  void keep() { staged_.clear(); }

 private:
  fs::path staging(const std::string& part, const fs::path& target) {
    auto it = staged_.find(part);
    if (it != staged_.end()) return it->second;
    fs::path parent = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    fs::create_directories(parent);
    const fs::path p = parent / ("." + target.filename().string() + ".restoring-" + stamp_);
    std::error_code ec;
    fs::remove_all(p, ec);
    return staged_.emplace(part, p).first->second;
  }
  void discard() {
    std::error_code ec;
    for (const auto& [part, path] : staged_) fs::remove_all(path, ec);
  }

  const BackupPaths& to_;
  std::string stamp_;
  std::map<std::string, fs::path> staged_;
  std::unique_ptr<std::ofstream> out_;
  fs::path path_;
};

bool occupied(const fs::path& p) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(p, ec))) return false;
  if (fs::is_directory(p, ec)) return !fs::is_empty(p, ec);
  return true;
}

}  // namespace

BackupManifest verify_backup(const fs::path& archive) { return read_backup(archive, nullptr); }

RestoreReport restore_backup(const fs::path& archive, const BackupPaths& to, bool force) {
  RestoreReport report;
  // Refuse before reading anything when data would be overwritten.
  std::vector<std::string> busy;
  for (const BackupPart& part : backup_parts()) {
    const fs::path& target = to.of(part.name);
    if (!target.empty() && occupied(target)) busy.push_back(target.string());
  }
  if (!busy.empty() && !force) {
    std::string list;
    for (const std::string& b : busy) list += "\n  " + b;
    throw std::runtime_error(
        "đã có dữ liệu, không ghi đè (dùng --force để giữ bản cũ bên cạnh "
        "và khôi phục):" +
        list);
  }
  const std::string stamp = utc_now(UtcFormat::COMPACT);
  StagingSink sink(to, stamp);
  report.manifest = read_backup(archive, &sink);
  for (const auto& [part, staged] : sink.staged(report.manifest.parts)) {
    fs::path target = to.of(part), from = staged;
    if (part == "index") {
      fs::create_directories(target / "editions");
      target = target / "editions" / report.manifest.current_edition;
      from = staged / report.manifest.current_edition;
    }
    if (occupied(target) || fs::exists(fs::symlink_status(target))) {
      const fs::path aside = target.string() + ".truoc-khoi-phuc-" + stamp;
      fs::rename(target, aside);
      report.moved_aside.push_back(aside);
    }
    fs::rename(from, target);
    if (from != staged) fs::remove_all(staged);
    sync_directory(target.parent_path().empty() ? fs::path(".") : target.parent_path());
    report.written.push_back(target);
    if (part == "index") switch_current(to.index, target);
  }
  sink.keep();
  return report;
}

}  // namespace sotay
