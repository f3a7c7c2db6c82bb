#include "rollback.h"

#include <algorithm>
#include <fstream>
#include <mutex>
#include <set>
#include <string_view>

#include <xapian.h>

#include "content_loader.h"
#include "edition.h"
#include "edition_admin.h"
#include "files.h"
#include "front_matter.h"
#include "hash.h"
#include "incremental_build.h"
#include "index_contract.h"
#include "utc_time.h"

namespace sotay {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A path under content/ that stays under it.
bool safe_relative(const std::string& path) {
  const fs::path p = fs::path(path).lexically_normal();
  return !path.empty() && p.is_relative() && *p.begin() != ".." && p.generic_string() == path;
}

std::optional<std::string> read_if_exists(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return std::nullopt;
  return read_file(file);
}

// The hash a build records for a file whose bytes hash to `own`, with the
// SHA-256 of its attached files folded in, in order, as attach_original() and
// attach_procedure_forms() do: the original's, then the card forms'.
bool source_matches(const std::string& own, const std::vector<std::string>& attached,
                    const std::string& want) {
  std::string hash = own;
  for (const std::string& sha : attached) hash = content_hash(hash + sha);
  return hash == want;
}

// The document id of a content file, else its path without ".md": the
// .history/<id>/ directory its old versions go to.
std::string history_id(const std::string& path, const std::string& bytes) {
  std::vector<ContentError> ignored;
  const std::string id = parse_content_file(path, bytes, ignored).meta.id;
  if (!id.empty() && safe_relative(id)) return id;
  return path.size() > 3 ? path.substr(0, path.size() - 3) : path;
}

// The .md files under content/.history with their hashes, read once.
class History {
 public:
  explicit History(fs::path content_dir) : content_dir_(std::move(content_dir)) {}

  // The newest file of .history/<id>/, else of any other .history
  // directory, whose source hash is `want`; nullopt when there is none.
  std::optional<std::string> find(const std::string& id, const std::vector<std::string>& attached,
                                  const std::string& want) {
    scan();
    const std::string own_dir = ".history/" + id + "/";
    for (const bool own : {true, false}) {
      for (const auto& [path, hash] : files_) {
        const bool in_own =
            path.rfind(own_dir, 0) == 0 && path.find('/', own_dir.size()) == std::string::npos;
        if (in_own == own && source_matches(hash, attached, want)) return path;
      }
    }
    return std::nullopt;
  }

 private:
  void scan() {
    if (scanned_) return;
    scanned_ = true;
    std::error_code ec;
    const fs::path root = content_dir_ / ".history";
    if (!fs::is_directory(root, ec)) return;
    for (auto it = fs::recursive_directory_iterator(root, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file() || it->path().extension() != ".md") continue;
      files_.emplace_back(it->path().lexically_relative(content_dir_).generic_string(),
                          content_hash(read_file(it->path())));
    }
    // Newest first: the names start with the time.
    std::sort(files_.begin(), files_.end(), [](const auto& a, const auto& b) {
      return fs::path(a.first).filename() > fs::path(b.first).filename();
    });
  }

  fs::path content_dir_;
  std::vector<std::pair<std::string, std::string>> files_;  // path under content/, hash
  bool scanned_ = false;
};

// A file attached to a document: its original, or a card's form (bieu_mau
// › tep); the edition stores the bytes of both under their SHA-256.
struct AttachedRef {
  std::string name;
  std::string sha256;
  std::string what;  // "bản gốc", "biểu mẫu"
};

struct OriginalRef {
  std::vector<AttachedRef> files;     // the original, then each card form
  std::vector<std::string> attached;  // sha256 of the original, then of each card form
};

// The original and the forms a document of the edition had (doc:<id>
// metadata), and the hashes of the files its source hash folds in.
OriginalRef original_of(const Xapian::Database& db, const std::string& id) {
  const json doc =
      json::parse(db.get_metadata(std::string(contract::META_DOC_PREFIX) + id), nullptr, false);
  if (!doc.is_object()) return {};
  OriginalRef ref;
  if (doc.contains("original") && doc["original"].is_object()) {
    ref.files.push_back(
        {doc["original"].value("name", ""), doc["original"].value("sha256", ""), "bản gốc"});
    ref.attached.push_back(ref.files.back().sha256);
  }
  const json cards = doc.value("procedures", json::array());
  for (const json& card : cards.is_array() ? cards : json::array()) {
    for (const json& form : card.value("bieu_mau", json::array())) {
      if (!form.contains("sha256")) continue;
      ref.files.push_back({form.value("tep", ""), form.value("sha256", ""), "biểu mẫu"});
      ref.attached.push_back(ref.files.back().sha256);
    }
  }
  return ref;
}

// An attached file of the document at `path`, from content/ or the edition.
void plan_attached(const Xapian::Database& db, const PublishOptions& o, const std::string& path,
                   const std::string& id, const AttachedRef& file, RollbackPlan& plan) {
  const std::string rel = (fs::path(path).parent_path() / file.name).generic_string();
  if (!safe_relative(rel) || file.name.find('/') != std::string::npos) {
    plan.problems.push_back("content/" + path + ": tên " + file.what + " \"" + file.name +
                            "\" không hợp lệ");
    return;
  }
  const std::optional<std::string> now = read_if_exists(o.content_dir / rel);
  if (now && sha256_hex(*now) == file.sha256) return;
  std::string bytes = db.get_metadata(std::string(contract::META_ORIGINAL_PREFIX) + file.sha256);
  if (bytes.empty() || sha256_hex(bytes) != file.sha256) {
    plan.problems.push_back("content/" + rel + " (" + file.what + " của văn bản \"" + id +
                            "\"): ấn bản " + plan.edition + " không còn lưu tệp này và content/ " +
                            "không có nó");
    return;
  }
  plan.originals.push_back({rel, std::move(bytes), "ấn bản " + plan.edition, now, id});
}

// A document file of the edition: from content/ as it is, or from .history.
void plan_file(const Xapian::Database& db, const PublishOptions& o, const std::string& path,
               const SourceFile& f, History& history, RollbackPlan& plan) {
  if (!safe_relative(path)) {
    plan.problems.push_back("ấn bản " + plan.edition + " ghi đường dẫn không hợp lệ \"" + path +
                            "\"");
    return;
  }
  const OriginalRef orig = original_of(db, f.id);
  const std::optional<std::string> now = read_if_exists(o.content_dir / path);
  if (!now || !source_matches(content_hash(*now), orig.attached, f.hash)) {
    const std::optional<std::string> found = history.find(f.id, orig.attached, f.hash);
    if (!found) {
      plan.problems.push_back("content/" + path + " (văn bản \"" + f.id +
                              "\"): không tìm thấy nội dung đã dùng cho ấn bản " + plan.edition +
                              " trong content/ hay content/.history/");
    } else {
      plan.restore.push_back({path, read_file(o.content_dir / *found), *found, now,
                              now ? history_id(path, *now) : f.id});
    }
  }
  for (const AttachedRef& file : orig.files) plan_attached(db, o, path, f.id, file, plan);
}

// The settings files (content/_*), for the message when they changed.
std::string settings_files(const fs::path& content_dir) {
  std::string out;
  std::error_code ec;
  for (const auto& top : fs::directory_iterator(content_dir, ec)) {
    const std::string name = top.path().filename().string();
    if (name.empty() || name[0] != '_') continue;
    out += (out.empty() ? "content/" : ", content/") + name + (top.is_directory() ? "/" : "");
  }
  return out.empty() ? "content/_*" : out;
}

// A replaced or moved file's copy: content/.history/<id>/<stamp>.md, with
// a number added when the name is taken.
fs::path history_copy(const fs::path& content_dir, const std::string& id, const std::string& stamp,
                      const std::string& name) {
  const fs::path dir = content_dir / ".history" / id;
  fs::path p = dir / (stamp + name);
  std::error_code ec;
  for (int n = 2; fs::exists(p, ec); ++n) p = dir / (stamp + "-" + std::to_string(n) + name);
  return p;
}

RollbackResult apply_plan(const PublishOptions& o, const RollbackPlan& plan,
                          const std::string& stamp) {
  RollbackResult r{plan.edition, plan.previous, {}, {}, {}};
  // First every copy into .history, so nothing is lost whatever follows.
  for (const auto* files : {&plan.restore, &plan.originals}) {
    for (const RollbackFile& f : *files) {
      if (!f.replaced) continue;
      const std::string ext = fs::path(f.path).extension().string();
      const std::string name =
          files == &plan.originals ? "-" + fs::path(f.path).filename().string() : ext;
      write_file_atomic(history_copy(o.content_dir, f.history_id, stamp, name), *f.replaced, 0644);
    }
  }
  for (const RollbackFile& f : plan.move) {
    write_file_atomic(history_copy(o.content_dir, f.history_id, stamp, ".md"), f.bytes, 0644);
  }
  for (const RollbackFile& f : plan.originals) {
    write_file_atomic(o.content_dir / f.path, f.bytes, 0644);
    r.originals.push_back(f.path);
  }
  for (const RollbackFile& f : plan.restore) {
    write_file_atomic(o.content_dir / f.path, f.bytes, 0644);
    r.restored.push_back(f.path);
  }
  for (const RollbackFile& f : plan.move) {
    const fs::path file = o.content_dir / f.path;
    fs::remove(file);
    sync_directory(file.parent_path());
    r.moved.push_back(f.path);
  }
  return r;
}

}  // namespace

std::string RollbackPlan::refusal() const {
  if (problems.empty()) return {};
  std::string out = "Không thể quay về ấn bản " + edition + ":";
  for (const std::string& p : problems) out += "\n- " + p;
  return out + "\nChưa có gì bị thay đổi: content/ và ấn bản hiện hành vẫn như cũ.";
}

RollbackPlan plan_rollback(const PublishOptions& o, const std::string& edition) {
  RollbackPlan plan;
  const auto current = current_edition(o.index_root);
  plan.previous = current ? current->filename().string() : "";
  plan.edition = rollback_target(o.index_root, edition);
  try {
    const Xapian::Database db((o.index_root / "editions" / plan.edition).string());
    const auto sources = Sources::from_json(db.get_metadata(std::string(contract::META_SOURCES)));
    if (!sources) {
      plan.problems.push_back("ấn bản " + plan.edition +
                              " không lưu danh sách tệp nguồn (xây dựng bằng phiên bản cũ của "
                              "sotay-indexer): không biết phải khôi phục tệp nào");
      return plan;
    }
    if (collect_sources(o.content_dir, {}).settings != sources->settings) {
      plan.problems.push_back(
          "tệp thiết lập (" + settings_files(o.content_dir) + ") đã thay đổi sau khi ấn bản " +
          plan.edition +
          " được xây dựng: ấn bản đó không khớp với thiết lập hiện nay. Hãy đưa các tệp "
          "thiết lập về như lúc đó (xem bản sao lưu), hoặc chọn một ấn bản mới hơn");
    }
    History history(o.content_dir);
    for (const auto& [path, f] : sources->files) plan_file(db, o, path, f, history, plan);
    for (const std::string& path : list_content_files(o.content_dir)) {
      if (sources->files.count(path)) continue;
      std::string bytes = read_file(o.content_dir / path);
      const std::string id = history_id(path, bytes);
      plan.move.push_back({path, bytes, "", std::move(bytes), id});
    }
  } catch (const Xapian::Error& e) {
    throw std::runtime_error("ấn bản " + plan.edition + " không đọc được: " + e.get_description());
  }
  return plan;
}

namespace {

// True when content/ holds exactly the version `s` submitted.
bool in_effect(const fs::path& content_dir, const Submission& s) {
  std::error_code ec;
  const fs::path p = content_dir / s.path;
  return fs::is_regular_file(p, ec) && sha256_hex(read_file(p)) == s.hash;
}

// The approved submissions whose version is in content/ now, among those
// writing one of `paths`.
std::vector<Submission> approvals_in_effect(const Inbox& inbox, const fs::path& content_dir,
                                            const std::set<std::string>& paths) {
  std::vector<Submission> out;
  for (Submission& s : inbox.list()) {
    if (s.status == STATUS_APPROVED && paths.count(s.path) && in_effect(content_dir, s)) {
      out.push_back(std::move(s));
    }
  }
  return out;
}

}  // namespace

void Publisher::mark_rolled_back(const RollbackPlan& plan,
                                 const std::vector<Submission>& live_before) {
  const std::string now = utc_now(UtcFormat::ISO);
  for (Submission s : live_before) {
    if (in_effect(options_.content_dir, s)) continue;
    s.rolled_back_to = plan.edition;
    s.rolled_back_at = now;
    inbox_.update(s);
  }
  // Going forward again brings back versions an earlier rollback took out.
  for (Submission& s : inbox_.list()) {
    if (s.rolled_back_to.empty() || !in_effect(options_.content_dir, s)) continue;
    s.rolled_back_to.clear();
    s.rolled_back_at.clear();
    inbox_.update(s);
  }
}

RollbackResult Publisher::rollback(const std::string& edition, const Principal& who) {
  std::lock_guard guard(mutex_);
  const FileLock lock = FileLock::wait(options_.inbox_dir / ".lock", 0600);
  const IndexLock index_lock(options_.index_root);
  const RollbackPlan plan = plan_rollback(options_, edition);
  if (!plan.ok()) throw RollbackRefused(plan);
  std::set<std::string> touched;
  for (const RollbackFile& f : plan.restore) touched.insert(f.path);
  for (const RollbackFile& f : plan.move) touched.insert(f.path);
  const std::vector<Submission> live = approvals_in_effect(inbox_, options_.content_dir, touched);
  RollbackResult r =
      apply_plan(options_, plan, utc_now(UtcFormat::COMPACT) + "-quay-ve-" + who.token_id);
  switch_to_edition(options_.index_root, plan.edition);
  mark_rolled_back(plan, live);
  // content/ is what the served edition was built from: no build is owed.
  std::error_code ec;
  fs::remove(options_.inbox_dir / ".unpublished", ec);
  audit_.record("rollback", who.token_id, who.name,
                {{"edition", r.edition},
                 {"previous_edition", r.previous},
                 {"restored", r.restored},
                 {"moved", r.moved},
                 {"originals", r.originals}});
  return r;
}

std::optional<json> last_rollback(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  in.seekg(0, std::ios::end);
  std::streamoff end = in.tellg();
  std::string carry;  // the start of a line cut by the previous chunk
  constexpr std::streamoff CHUNK = 1 << 16;
  while (end > 0) {
    const std::streamoff start = std::max<std::streamoff>(0, end - CHUNK);
    std::string buf(static_cast<std::size_t>(end - start), '\0');
    in.seekg(start);
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    buf += carry;
    // Whole lines only: before `first` may be part of an earlier line.
    const std::size_t nl = start == 0 ? 0 : buf.find('\n');
    if (nl == std::string::npos) {
      carry = std::move(buf);
      end = start;
      continue;
    }
    const std::size_t first = start == 0 ? 0 : nl + 1;
    std::size_t stop = buf.size();
    while (stop > first) {
      const std::size_t at = buf.rfind('\n', stop - 1);
      const std::size_t begin = at == std::string::npos || at < first ? first : at + 1;
      const std::string_view line(buf.data() + begin, stop - begin);
      if (line.find("\"event\":\"rollback\"") != std::string_view::npos) {
        json j = json::parse(line, nullptr, false);
        if (j.is_object() && j.value("event", "") == "rollback") return j;
      }
      stop = begin == first ? first : begin - 1;
    }
    carry = buf.substr(0, first);
    end = start;
  }
  return std::nullopt;
}

std::map<std::string, std::vector<std::string>> edition_documents(const fs::path& file,
                                                                  std::size_t tail) {
  std::map<std::string, std::vector<std::string>> out;
  std::ifstream in(file, std::ios::binary);
  if (!in) return out;
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  const std::streamoff start =
      std::max<std::streamoff>(0, size - static_cast<std::streamoff>(tail));
  in.seekg(start);
  std::string line;
  if (start > 0) std::getline(in, line);  // a partial line
  std::vector<std::string> approved;
  while (std::getline(in, line)) {
    const json j = json::parse(line, nullptr, false);
    if (!j.is_object()) continue;
    const std::string event = j.value("event", "");
    if (event == "approval") {
      approved.push_back(j.value("document", ""));
    } else if (event == "publication") {
      out[j.value("edition", "")] = std::move(approved);
      approved.clear();
    }
  }
  return out;
}

}  // namespace sotay
