#include "publish.h"

#include <algorithm>
#include <map>

#include <xapian.h>

#include "allowance.h"
#include "content_loader.h"
#include "files.h"
#include "front_matter.h"
#include "hash.h"
#include "html_blocks.h"
#include "slug.h"
#include "text.h"
#include "utc_time.h"

namespace sotay {

namespace fs = std::filesystem;

namespace {

constexpr const char* UNPUBLISHED = ".unpublished";

// <inbox>/.lock: approvals by the server and the CLI take turns.
FileLock inbox_lock(const fs::path& inbox_dir) { return FileLock::wait(inbox_dir / ".lock", 0600); }

// The submission, which must still be pending: SubmissionNotFound or
// SubmissionConflict (decided already, by whom and when) otherwise.
std::optional<Submission> pending_submission(Inbox& inbox, const std::string& id) {
  std::optional<Submission> s = inbox.get(id);
  if (!s) throw SubmissionNotFound("không có bài nộp \"" + id + "\"");
  if (s->status != STATUS_PENDING) {
    throw SubmissionConflict("bài nộp " + s->id + " đã được " +
                             (s->status == STATUS_APPROVED ? "duyệt" : "từ chối") + " bởi " +
                             s->decided_by + " lúc " + s->decided_at);
  }
  return s;
}

std::string last_part(const std::string& id) {
  const std::size_t slash = id.rfind('/');
  return slash == std::string::npos ? id : id.substr(slash + 1);
}

// Where a document goes: the file that already holds its id (replacing it),
// or <the department's folder>/<last part of the id>.md. A department's
// folder is a folder most of whose documents are the department's (the one
// with most of them), else the slug of its name: a department that took
// over one document of another's folder does not move its new documents
// there. Never anything the client sends as a path. `owner` receives the
// department of the document already there (ownership, allowance.h), "" for
// a new one.
std::string target_path(const fs::path& content_dir, const FrontMatter& meta, std::string& conflict,
                        std::string* owner = nullptr) {
  const std::string dept = to_nfc(meta.department);
  std::vector<std::pair<std::string, std::string>> ids;  // path, id
  // folder -> (documents of this department, documents in all)
  std::map<std::string, std::pair<std::size_t, std::size_t>> folders;
  std::string found;
  for_each_front_matter(content_dir, [&](const std::string& path, const FrontMatter& other) {
    if (other.id == meta.id) {
      found = path;
      if (owner) *owner = to_nfc(other.department);
      return false;
    }
    ids.emplace_back(path, other.id);
    const std::size_t slash = path.find('/');
    if (slash == std::string::npos) return true;
    auto& [own, all] = folders[path.substr(0, slash)];
    ++all;
    if (to_nfc(other.department) == dept) ++own;
    return true;
  });
  if (!found.empty()) return found;
  std::string dept_dir;
  std::size_t best = 0;
  for (const auto& [folder, counts] : folders) {
    if (2 * counts.first > counts.second && counts.first > best) {
      best = counts.first;
      dept_dir = folder;
    }
  }
  if (dept_dir.empty()) dept_dir = slugify(dept);
  if (dept_dir.empty()) dept_dir = "khac";
  const std::string path = dept_dir + "/" + last_part(meta.id) + ".md";
  for (const auto& [p, id] : ids) {
    if (p == path) {
      conflict =
          "tệp content/" + path + " đã thuộc văn bản khác (id \"" + id + "\"); hãy đặt id khác";
    }
  }
  return path;
}

std::string decided_by(const Principal& p) { return p.name + " (" + p.token_id + ")"; }

// A department's submission that would take over another department's
// document, without an editor's allowance: why it is refused, else "".
std::string takeover_refusal(const Principal& who, const FrontMatter& meta,
                             const std::string& owner, const fs::path& inbox_dir) {
  if (who.editor() || owner.empty() || owner == to_nfc(meta.department)) return {};
  if (Allowances(inbox_dir).allows(meta.id, meta.department, owner)) return {};
  return "văn bản \"" + meta.id + "\" thuộc " + owner +
         "; chỉ đơn vị đó hoặc biên tập viên được sửa. Nếu văn bản cần chuyển sang " +
         meta.department + ", hãy đề nghị biên tập viên cho phép (sotay-indexer inbox allow " +
         meta.id + " --department \"" + meta.department + "\")";
}

// Checks the original carried with a submission to `path`: its name must
// not be taken by a file beside it that is not this document's own original.
bool check_carried_original(const fs::path& content_dir, const std::string& path,
                            std::string_view markdown, const CarriedOriginal& original,
                            Document& doc, std::vector<ContentError>& errors) {
  if (!attach_carried_original(path, markdown, original.bytes, doc, errors)) return false;
  const fs::path beside = (content_dir / path).parent_path() / doc.meta.original;
  std::error_code ec;
  if (!fs::exists(beside, ec)) return true;
  std::string own;
  try {
    std::vector<ContentError> ignored;
    own = parse_content_file(path, read_file(content_dir / path), ignored).meta.original;
  } catch (const std::exception&) {
    // No published document at `path`: the file belongs to another one.
  }
  if (own == doc.meta.original) return true;
  errors.push_back({path, 1,
                    "thư mục đã có tệp \"" + doc.meta.original +
                        "\" của văn bản khác: hãy đặt tên khác cho bản gốc (trường \"original\")"});
  return false;
}

// Writes the original carried by `s` beside its content file, keeping a
// replaced, different original in the history first.
void write_carried_original(const Inbox& inbox, const fs::path& content_dir, const Submission& s,
                            const std::string& stamp) {
  const std::string bytes = inbox.original(s.id);
  if (sha256_hex(bytes) != s.original_hash) {
    throw std::runtime_error("bản gốc của bài nộp " + s.id + " không khớp mã băm đã ghi");
  }
  const fs::path target = (content_dir / s.path).parent_path() / s.original;
  std::error_code ec;
  if (fs::exists(target, ec)) {
    const std::string before = read_file(target);
    if (before != bytes) {
      write_file_atomic(content_dir / ".history" / s.doc_id / (stamp + "-" + s.original), before,
                        0644);
    }
  }
  write_file_atomic(target, bytes, 0644);
}

// The original file of a submission: the one carried with it, or, when
// none is, the one `original:` names that is already beside the content
// file (a revised text of an imported document) — else the build would
// leave the approved document out.
bool check_original(const fs::path& content_dir, const std::string& path, std::string_view stored,
                    const CarriedOriginal* original, Document& doc,
                    std::vector<ContentError>& errors) {
  if (original && doc.meta.original.empty()) {
    errors.push_back({path, 1,
                      "có tệp bản gốc gửi kèm nhưng văn bản không khai báo trường \"original\" "
                      "(tên tệp bản gốc, ví dụ \"original: quyet-dinh-12.pdf\")"});
    return false;
  }
  if (doc.meta.original.empty()) return true;
  return original ? check_carried_original(content_dir, path, stored, *original, doc, errors)
                  : attach_original(content_dir, path, stored, doc, errors);
}

}  // namespace

Publisher::Publisher(PublishOptions options)
    : options_(std::move(options)), inbox_(options_.inbox_dir), audit_(options_.audit_file) {}

void Publisher::step(const char* name) const {
  if (options_.step_hook) options_.step_hook(name);
}

SubmitResult Publisher::submit(const Principal& who, std::string_view markdown,
                               const CarriedOriginal* original) {
  SubmitResult r;
  // The front matter first, with no path: an absent id stays empty.
  ParsedFile parsed = parse_content_file("", markdown, r.errors);
  if (!r.errors.empty()) return r;
  // Pasted HTML: tables become Markdown tables and scripts go, in the file
  // stored (what the editor reviews is what gets published); the rest of
  // the raw HTML is warned. The front matter stays byte for byte.
  CleanedBody cleaned = clean_pasted_html(parsed.body, parsed.body_line);
  r.warnings = std::move(cleaned.warnings);
  const std::string stored =
      cleaned.changed
          ? std::string(markdown.substr(0, markdown.size() - parsed.body.size())) + cleaned.markdown
          : std::string(markdown);
  if (parsed.meta.id.empty()) {
    r.errors.push_back({"", 1,
                        "bài nộp phải khai báo trường \"id\" (ví dụ \"id: van-phong/ten-van-ban\")"
                        ": tên tệp được lấy từ id"});
    return r;
  }
  if (!who.editor() && to_nfc(parsed.meta.department) != to_nfc(who.name)) {
    r.forbidden = true;
    r.message = "mã truy cập của đơn vị \"" + who.name +
                "\" chỉ được nộp văn bản của chính đơn vị đó, không phải \"" +
                parsed.meta.department + "\"";
    return r;
  }
  std::string conflict;
  std::string owner;
  const std::string path = target_path(options_.content_dir, parsed.meta, conflict, &owner);
  if (!conflict.empty()) {
    r.errors.push_back({path, 1, conflict});
    return r;
  }
  r.message = takeover_refusal(who, parsed.meta, owner, options_.inbox_dir);
  if (!r.message.empty()) {
    r.forbidden = true;
    return r;
  }
  // Exactly the indexer's validation, at the path the file will have.
  auto doc = load_document(path, stored, r.errors);
  if (!doc || !r.errors.empty()) return r;
  if (!check_original(options_.content_dir, path, stored, original, *doc, r.errors)) return r;

  Submission s;
  s.doc_id = doc->meta.id;
  s.path = path;
  s.title = doc->meta.title;
  s.department = doc->meta.department;
  s.submitter = who.token_id;
  s.submitter_name = who.name;
  for (const ContentError& w : r.warnings) {
    s.warnings.push_back("dòng " + std::to_string(w.line) + ": " + w.message);
  }
  std::error_code ec;
  s.replaces = fs::exists(options_.content_dir / path, ec);
  if (!owner.empty() && owner != to_nfc(s.department)) s.previous_department = owner;
  if (original) {
    s.original = doc->meta.original;
    s.original_source = original->source_name;
  }
  r.submission = inbox_.add(std::move(s), stored, original ? original->bytes : std::string());
  audit_.record("submission", who.token_id, who.name,
                {{"submission", r.submission->id},
                 {"document", r.submission->doc_id},
                 {"path", r.submission->path},
                 {"hash", r.submission->hash}});
  return r;
}

std::string Publisher::propose_id(const std::string& department, const std::string& title) {
  std::string slug = slugify(title);
  if (slug.size() > 60) {
    const std::size_t dash = slug.rfind('-', 60);
    slug.resize(dash == std::string::npos ? 60 : dash);
  }
  if (slug.empty()) slug = "van-ban";
  FrontMatter probe;
  probe.department = department;
  probe.id = slug;
  std::string conflict;
  std::string folder = target_path(options_.content_dir, probe, conflict);
  folder = folder.substr(0, folder.rfind('/'));
  std::vector<std::string> pending;
  for (const Submission& s : inbox_.list()) {
    if (s.status == STATUS_PENDING) pending.push_back(s.doc_id);
  }
  for (int n = 1;; ++n) {
    const std::string id = folder + "/" + slug + (n == 1 ? "" : "-" + std::to_string(n));
    probe.id = id;
    conflict.clear();
    const std::string path = target_path(options_.content_dir, probe, conflict);
    std::error_code ec;
    const bool taken = path != id + ".md" || !conflict.empty() ||
                       fs::exists(options_.content_dir / path, ec) ||
                       std::find(pending.begin(), pending.end(), id) != pending.end();
    if (!taken || n >= 50) return id;
  }
}

std::string Publisher::published_text(const Submission& s) const {
  std::error_code ec;
  const fs::path p = options_.content_dir / s.path;
  if (!fs::exists(p, ec)) return {};
  return read_file(p);
}

ApproveResult Publisher::approve(const std::string& submission_id, const Principal& editor) {
  std::lock_guard guard(mutex_);
  const FileLock lock = inbox_lock(options_.inbox_dir);
  std::optional<Submission> s = pending_submission(inbox_, submission_id);
  const std::string markdown = inbox_.markdown(s->id);
  if (sha256_hex(markdown) != s->hash) {
    throw std::runtime_error("tệp của bài nộp " + s->id + " không khớp mã băm đã ghi");
  }
  write_file_atomic(options_.inbox_dir / UNPUBLISHED, s->id + "\n", 0600);
  step("history");
  const fs::path target = options_.content_dir / s->path;
  const std::string before = published_text(*s);
  const std::string stamp = utc_now(UtcFormat::COMPACT) + "-" + s->submitter;
  std::error_code ec;
  if (fs::exists(target, ec) && before != markdown) {
    write_file_atomic(options_.content_dir / ".history" / s->doc_id / (stamp + ".md"), before,
                      0644);
  }
  step("content");
  // The original first: the content file naming it is whole only after it.
  if (!s->original.empty()) write_carried_original(inbox_, options_.content_dir, *s, stamp);
  write_file_atomic(target, markdown, 0644);
  if (!s->previous_department.empty()) Allowances(options_.inbox_dir).revoke(s->doc_id);
  step("status");
  s->status = STATUS_APPROVED;
  s->decided_by = decided_by(editor);
  s->decided_at = utc_now(UtcFormat::ISO);
  inbox_.update(*s);
  audit_.record("approval", editor.token_id, editor.name,
                {{"submission", s->id},
                 {"document", s->doc_id},
                 {"path", s->path},
                 {"hash", s->hash},
                 {"previous_hash", before.empty() ? std::string() : sha256_hex(before)}});
  step("build");
  ApproveResult result{*s, false, {}, {}};
  result.publish_error = publish(editor, result.edition_id);
  result.published = result.publish_error.empty();
  return result;
}

Submission Publisher::reject(const std::string& submission_id, const Principal& editor,
                             const std::string& reason) {
  if (trim(reason).empty()) throw std::invalid_argument("cần ghi lý do từ chối");
  std::lock_guard guard(mutex_);
  const FileLock lock = inbox_lock(options_.inbox_dir);
  std::optional<Submission> s = pending_submission(inbox_, submission_id);
  s->status = STATUS_REJECTED;
  s->reason = std::string(trim(reason));
  s->decided_by = decided_by(editor);
  s->decided_at = utc_now(UtcFormat::ISO);
  inbox_.update(*s);
  audit_.record(
      "rejection", editor.token_id, editor.name,
      {{"submission", s->id}, {"document", s->doc_id}, {"hash", s->hash}, {"reason", s->reason}});
  return *s;
}

std::vector<Submission> Publisher::reconcile() {
  std::lock_guard guard(mutex_);
  const FileLock lock = inbox_lock(options_.inbox_dir);
  const Principal system{"", "khôi phục sau sự cố", ROLE_EDITOR};
  std::vector<Submission> done;
  for (Submission& s : inbox_.list()) {
    if (s.status != STATUS_PENDING) continue;
    const fs::path target = options_.content_dir / s.path;
    std::error_code ec;
    if (!fs::exists(target, ec) || sha256_hex(read_file(target)) != s.hash) continue;
    s.status = STATUS_APPROVED;
    s.decided_by = decided_by(system);
    s.decided_at = utc_now(UtcFormat::ISO);
    inbox_.update(s);
    audit_.record("approval", system.token_id, system.name,
                  {{"submission", s.id},
                   {"document", s.doc_id},
                   {"path", s.path},
                   {"hash", s.hash},
                   {"recovered", true}});
    done.push_back(s);
  }
  std::error_code ec;
  if (fs::exists(options_.inbox_dir / UNPUBLISHED, ec)) {
    std::string edition;
    publish(system, edition);
  }
  return done;
}

std::string Publisher::publish(const Principal& who, std::string& edition_id) {
  BuildOptions build;
  build.content_dir = options_.content_dir;
  build.index_root = options_.index_root;
  build.keep_editions = options_.keep_editions;
  BuildReport report;
  try {
    report = build_edition(build);
  } catch (const std::exception& e) {
    return e.what();
  } catch (const Xapian::Error& e) {
    return e.get_description();
  }
  if (!report.published) return "ấn bản mới không được xuất bản";
  edition_id = report.edition_id;
  audit_.record("publication", who.token_id, who.name,
                {{"edition", report.edition_id},
                 {"documents", report.documents},
                 {"reindexed", report.reindexed},
                 {"incremental", report.incremental},
                 {"seconds", report.seconds}});
  std::error_code ec;
  fs::remove(options_.inbox_dir / UNPUBLISHED, ec);
  sync_directory(options_.inbox_dir);
  return {};
}

}  // namespace sotay
