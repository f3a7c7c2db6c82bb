// write_backup(): files into a zstd-compressed tar (libarchive).
#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <stdexcept>

#include "backup.h"
#include "edition.h"
#include "files.h"
#include "hash.h"
#include "utc_time.h"
#include "version.h"

namespace sotay {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t CHUNK = 1 << 16;

// A file to put in the archive.
struct Source {
  fs::path path;
  std::string entry;
  unsigned mode = 0644;
};

class ArchiveWriter {
 public:
  // Owned from the start: a constructor that throws frees it too.
  ArchiveWriter(int fd, const fs::path& shown)
      : owner_(archive_write_new(), archive_write_free), shown_(shown) {
    if (!a_) throw std::runtime_error("không khởi tạo được libarchive");
    archive_write_set_format_pax_restricted(a_);
    archive_write_add_filter_zstd(a_);
    if (archive_write_open_fd(a_, fd) != ARCHIVE_OK) fail("mở");
  }
  ArchiveWriter(const ArchiveWriter&) = delete;
  ArchiveWriter& operator=(const ArchiveWriter&) = delete;

  void begin(const std::string& name, std::uint64_t size, unsigned mode) {
    std::unique_ptr<archive_entry, void (*)(archive_entry*)> e(archive_entry_new(),
                                                               archive_entry_free);
    archive_entry_set_pathname_utf8(e.get(), name.c_str());
    archive_entry_set_size(e.get(), static_cast<la_int64_t>(size));
    archive_entry_set_filetype(e.get(), AE_IFREG);
    archive_entry_set_perm(e.get(), mode & 0777);
    archive_entry_set_mtime(e.get(), ::time(nullptr), 0);
    if (archive_write_header(a_, e.get()) != ARCHIVE_OK) fail("ghi " + name + " vào");
  }
  void write(std::string_view bytes) {
    if (bytes.empty()) return;
    if (archive_write_data(a_, bytes.data(), bytes.size()) < 0) fail("ghi");
  }
  void add(const std::string& name, std::string_view bytes, unsigned mode = 0644) {
    begin(name, bytes.size(), mode);
    write(bytes);
  }
  void close() {
    if (archive_write_close(a_) != ARCHIVE_OK) fail("đóng");
  }

 private:
  [[noreturn]] void fail(const std::string& what) {
    const char* why = archive_error_string(a_);
    throw std::runtime_error("không " + what + " được " + shown_.string() + ": " +
                             (why ? why : std::strerror(archive_errno(a_))));
  }
  std::unique_ptr<archive, int (*)(archive*)> owner_{nullptr, archive_write_free};
  archive* const a_ = owner_.get();
  fs::path shown_;
};

bool skip_name(const std::string& name) {
  // Locks and the temporary files of atomic writes (files.h).
  return name == ".lock" || name.find(".tmp-") != std::string::npos;
}

// The regular files under `dir` as entries "<prefix>/<relative path>", in
// a stable order; nothing when `dir` is absent.
void list_tree(const std::string& prefix, const fs::path& dir, std::vector<Source>& out,
               std::vector<std::string>& skipped) {
  std::error_code ec;
  if (!fs::is_directory(fs::symlink_status(dir, ec))) return;
  std::vector<Source> found;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    const fs::file_status st = it->symlink_status(ec);
    if (fs::is_directory(st) || skip_name(it->path().filename().string())) continue;
    if (!fs::is_regular_file(st)) {
      skipped.push_back(it->path().string());
      continue;
    }
    found.push_back({it->path(), prefix + "/" + fs::relative(it->path(), dir).generic_string(),
                     static_cast<unsigned>(st.permissions()) & 0777});
  }
  if (ec) throw std::runtime_error("không đọc được " + dir.string() + ": " + ec.message());
  std::sort(found.begin(), found.end(),
            [](const Source& a, const Source& b) { return a.entry < b.entry; });
  out.insert(out.end(), found.begin(), found.end());
}

// Streams one file into the archive; files are read whole first unless
// they are edition files (immutable once published, possibly large).
ManifestFile add_file(ArchiveWriter& w, const Source& s) {
  ManifestFile m{s.entry, 0, {}, s.mode};
  Sha256 sha;
  if (s.entry.rfind("index/", 0) != 0) {
    std::string bytes = read_file(s.path);
    if (s.entry == "audit.log") bytes.resize(bytes.rfind('\n') + 1);  // whole lines only
    m.size = bytes.size();
    sha.update(bytes);
    w.add(s.entry, bytes, s.mode);
    m.sha256 = sha.hex();
    return m;
  }
  std::ifstream in(s.path, std::ios::binary);
  if (!in) throw std::runtime_error("không mở được " + s.path.string());
  m.size = fs::file_size(s.path);
  w.begin(s.entry, m.size, s.mode);
  std::string buf(CHUNK, '\0');
  std::uint64_t done = 0;
  while (in.read(buf.data(), CHUNK) || in.gcount() > 0) {
    const std::string_view chunk(buf.data(), static_cast<std::size_t>(in.gcount()));
    done += chunk.size();
    if (done > m.size) break;
    sha.update(chunk);
    w.write(chunk);
  }
  if (done != m.size) throw std::runtime_error(s.path.string() + " đổi kích thước khi sao lưu");
  m.sha256 = sha.hex();
  return m;
}

// Everything to archive; the inbox lock must be held by the caller.
std::vector<Source> list_sources(const BackupPaths& from, BackupManifest& manifest,
                                 std::vector<std::string>& skipped) {
  std::vector<Source> sources;
  for (const BackupPart& part : backup_parts()) {
    const fs::path& path = from.of(part.name);
    if (path.empty()) continue;
    std::error_code ec;
    if (std::string(part.name) == "index") {
      const auto edition = current_edition(path);
      if (!edition || is_in_place_database(path)) {
        throw std::runtime_error(path.string() + ": không có ấn bản hiện hành để sao lưu");
      }
      manifest.current_edition = edition->filename().string();
      list_tree("index/" + manifest.current_edition, *edition, sources, skipped);
    } else if (part.directory) {
      list_tree(part.name, path, sources, skipped);
    } else if (fs::is_regular_file(fs::symlink_status(path, ec))) {
      sources.push_back({path, part.name, 0600});
    }
    if (fs::exists(path, ec)) manifest.parts.push_back(part.name);
  }
  return sources;
}

void write_all(ArchiveWriter& w, const std::vector<Source>& sources, BackupManifest& manifest,
               BackupReport& report) {
  w.add(BACKUP_HEADER_ENTRY, backup_header().dump(2) + "\n");
  for (const Source& s : sources) {
    manifest.files.push_back(add_file(w, s));
    report.bytes += manifest.files.back().size;
  }
  w.add(BACKUP_MANIFEST_ENTRY, manifest.to_json().dump(1) + "\n");
  report.files = manifest.files.size();
}

}  // namespace

const fs::path& BackupPaths::of(const std::string& part) const {
  if (part == "content") return content;
  if (part == "inbox") return inbox;
  if (part == "auth.json") return auth;
  if (part == "audit.log") return audit;
  if (part == "query-stats.json") return query_stats;
  return index;
}

BackupReport write_backup(const BackupPaths& from, const fs::path& to) {
  BackupReport report;
  BackupManifest manifest;
  manifest.created = utc_now(UtcFormat::ISO);
  manifest.sotay_version = sotay_version();
  std::error_code ec;
  std::optional<FileLock> lock;
  if (!from.inbox.empty() && fs::is_directory(from.inbox, ec)) {
    lock.emplace(FileLock::wait(from.inbox / ".lock", 0600));
  }
  const fs::path dir = to.parent_path().empty() ? fs::path(".") : to.parent_path();
  std::string tmpl = (dir / ("." + to.filename().string() + ".tmp-XXXXXX")).string();
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0)
    throw std::runtime_error("không tạo được tệp trong " + dir.string() + ": " +
                             std::strerror(errno));
  const fs::path tmp = tmpl;
  bool open = true;
  try {
    {
      ArchiveWriter w(fd, to);
      write_all(w, list_sources(from, manifest, report.skipped), manifest, report);
      lock.reset();
      w.close();
    }
    if (::fsync(fd) != 0 || ::fchmod(fd, 0600) != 0) {
      throw std::runtime_error("không ghi được " + to.string() + ": " + std::strerror(errno));
    }
    ::close(fd);
    open = false;
    fs::rename(tmp, to);
    sync_directory(dir);
  } catch (...) {
    if (open) ::close(fd);
    fs::remove(tmp, ec);
    throw;
  }
  report.archive_bytes = fs::file_size(to);
  report.edition = manifest.current_edition;
  return report;
}

}  // namespace sotay
