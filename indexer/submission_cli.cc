#include "submission_cli.h"

#include <cstdio>
#include <cstdlib>
#include <string>

#include "allowance.h"
#include "auth.h"
#include "content_loader.h"
#include "departments.h"
#include "files.h"
#include "front_matter.h"
#include "publish.h"
#include "text.h"

namespace sotay {

namespace fs = std::filesystem;

struct SubmissionCli {
  CLI::App* token = nullptr;
  CLI::App* token_add = nullptr;
  CLI::App* token_list = nullptr;
  CLI::App* token_revoke = nullptr;
  CLI::App* inbox = nullptr;
  CLI::App* inbox_list = nullptr;
  CLI::App* inbox_show = nullptr;
  CLI::App* inbox_approve = nullptr;
  CLI::App* inbox_reject = nullptr;
  CLI::App* inbox_allow = nullptr;
  CLI::App* inbox_allowances = nullptr;
  bool new_department = false;
  std::string department;
  bool remove = false;
  std::string auth = "data/auth.json";
  std::string name;
  std::string role = ROLE_DEPARTMENT;
  bool fast_hash = false;
  std::string id;
  std::string reason;
  std::string by;
  std::string content = "content", index = "data/index", inbox_dir = "data/inbox",
              audit = "data/audit.log";
};

namespace {

const char* status_vi(const std::string& s) {
  if (s == STATUS_APPROVED) return "đã duyệt";
  if (s == STATUS_REJECTED) return "bị từ chối";
  return "chờ duyệt";
}

Publisher make_publisher(const SubmissionCli& c) {
  PublishOptions o;
  o.content_dir = c.content;
  o.index_root = c.index;
  o.inbox_dir = c.inbox_dir;
  o.audit_file = c.audit;
  return Publisher(o);
}

Principal cli_editor(const SubmissionCli& c) {
  std::string who = c.by;
  if (who.empty()) {
    const char* user = std::getenv("USER");
    who = user && *user ? user : "quản trị";
  }
  return Principal{"cli", who + " (dòng lệnh)", ROLE_EDITOR};
}

// inbox allow / allowances: an editor lets a department take over another
// department's document (allowance.h).
void add_allow_commands(SubmissionCli& c) {
  c.inbox_allow = c.inbox->add_subcommand(
      "allow", "Cho một đơn vị nộp thay văn bản của đơn vị khác (chuyển văn bản sang đơn vị đó)");
  c.inbox_allow->add_option("DOC_ID", c.id, "Id của văn bản")->required();
  c.inbox_allow->add_option("--department", c.department, "Tên đơn vị được phép")->required();
  c.inbox_allow->add_flag("--remove", c.remove, "Thu hồi sự cho phép này");
  c.inbox_allowances =
      c.inbox->add_subcommand("allowances", "Liệt kê các văn bản được phép chuyển đơn vị");
}

// The department of the document `id` in `content` ("" when no file has it).
std::string document_owner(const std::string& content, const std::string& id, bool& found) {
  found = false;
  for (const std::string& path : list_content_files(content)) {
    std::vector<ContentError> ignored;
    const FrontMatter meta =
        parse_content_file(path, read_file(fs::path(content) / path), ignored).meta;
    if (meta.id == id) {
      found = true;
      return to_nfc(meta.department);
    }
  }
  return {};
}

int run_allow(const SubmissionCli& c) {
  const FileLock lock = FileLock::wait(fs::path(c.inbox_dir) / ".lock", 0600);
  const Allowances allowances(c.inbox_dir);
  const std::string dept = to_nfc(trim(c.department));
  if (c.remove) {
    const std::size_t n = allowances.revoke(c.id, dept);
    std::printf("Đã thu hồi %zu sự cho phép cho văn bản %s\n", n, c.id.c_str());
    return n > 0 ? 0 : 1;
  }
  bool found = false;
  const std::string owner = document_owner(c.content, c.id, found);
  if (!found) {
    std::fprintf(stderr, "sotay-indexer: không có văn bản id \"%s\" trong %s\n", c.id.c_str(),
                 c.content.c_str());
    return 1;
  }
  if (owner == dept) {
    std::fprintf(stderr, "Văn bản %s đã thuộc \"%s\": không cần cho phép.\n", c.id.c_str(),
                 owner.c_str());
    return 1;
  }
  allowances.grant({c.id, dept, owner, cli_editor(c).name, {}});
  std::printf(
      "Đã cho phép \"%s\" nộp văn bản %s (hiện thuộc \"%s\"). Sự cho phép còn hiệu lực đến khi "
      "văn bản đổi đơn vị (bài nộp của \"%s\" được duyệt).\n",
      dept.c_str(), c.id.c_str(), owner.c_str(), dept.c_str());
  return 0;
}

// token add for a department no document and no _site.yaml list knows:
// refused (false) unless --new-department.
bool department_name_ok(const SubmissionCli& c) {
  if (c.role != ROLE_DEPARTMENT) return true;
  std::vector<std::string> known;
  try {
    known = known_departments(c.content);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "cảnh báo: không đọc được thư mục nội dung (%s)\n", e.what());
  }
  if (is_known_department(c.name, known)) return true;
  std::string message = "cảnh báo: sổ tay chưa có đơn vị \"" + c.name +
                        "\": không văn bản nào trong " + c.content +
                        " ghi department: như vậy, _site.yaml cũng không liệt kê.";
  const std::vector<std::string> near = nearest_departments(c.name, known);
  for (std::size_t i = 0; i < near.size(); ++i) {
    message += (i == 0 ? " Tên gần giống: \"" : ", \"") + near[i] + "\"";
  }
  if (near.empty() && !known.empty() && known.size() <= 12) {
    for (std::size_t i = 0; i < known.size(); ++i) {
      message += (i == 0 ? " Các đơn vị đã có: \"" : ", \"") + known[i] + "\"";
    }
  }
  if (!near.empty() || !known.empty()) message += ".";
  if (c.new_department) {
    std::fprintf(stderr, "%s Vẫn tạo mã vì có --new-department.\n", message.c_str());
    return true;
  }
  std::fprintf(stderr,
               "%s\nMã của đơn vị chỉ nộp được văn bản có department: đúng bằng tên này. Hãy "
               "chép đúng tên từ một văn bản (hoặc dùng --content nếu thư mục nội dung ở chỗ "
               "khác); nếu đây là đơn vị mới, thêm --new-department. Chưa tạo mã nào.\n",
               message.c_str());
  return false;
}

// token add, list, revoke; nullopt when none was given.
std::optional<int> run_token_commands(const SubmissionCli& c) {
  if (c.token_add->parsed()) {
    if (!department_name_ok(c)) return 1;
    AuthStore store(c.auth);
    const std::string token =
        store.add(c.name, c.role, c.fast_hash ? HashCost::Minimum : HashCost::Interactive);
    std::printf("%s\n", token.c_str());
    std::fprintf(stderr,
                 "Mã %s cho \"%s\" (%s) đã được lưu (chỉ lưu mã băm) trong %s. Mã chỉ in ra "
                 "một lần: hãy trao tận tay.\n",
                 token.substr(0, 8).c_str(), c.name.c_str(), c.role.c_str(), c.auth.c_str());
    return 0;
  }
  if (c.token_list->parsed()) {
    for (const TokenEntry& e : AuthStore(c.auth).list()) {
      std::printf("%s  %-10s  %s  %s%s\n", e.id.c_str(), e.role.c_str(), e.created.c_str(),
                  e.name.c_str(), e.revoked ? "  [đã thu hồi]" : "");
    }
    return 0;
  }
  if (c.token_revoke->parsed()) {
    if (!AuthStore(c.auth).revoke(c.id)) {
      std::fprintf(stderr, "sotay-indexer: không có mã %s trong %s\n", c.id.c_str(),
                   c.auth.c_str());
      return 1;
    }
    std::printf("Đã thu hồi mã %s\n", c.id.c_str());
    return 0;
  }
  return std::nullopt;
}

}  // namespace

std::shared_ptr<SubmissionCli> add_submission_commands(CLI::App& app) {
  auto c = std::make_shared<SubmissionCli>();
  c->token = app.add_subcommand("token", "Mã truy cập cho đơn vị và biên tập viên");
  c->token->require_subcommand(1);
  c->token_add = c->token->add_subcommand("add", "Tạo mã mới (in ra một lần duy nhất)");
  c->token_add
      ->add_option("NAME", c->name, "Tên đơn vị đúng như trường department, hoặc tên biên tập viên")
      ->required();
  c->token_add->add_option("--role", c->role, "department hoặc editor")
      ->capture_default_str()
      ->check(CLI::IsMember({ROLE_DEPARTMENT, ROLE_EDITOR}));
  c->token_add->add_flag("--fast-hash", c->fast_hash,
                         "Băm với chi phí tối thiểu (chỉ dùng khi kiểm thử)");
  c->token_add
      ->add_option("--content", c->content,
                   "Thư mục nội dung: tên đơn vị phải có trong trường department của một văn bản")
      ->capture_default_str();
  c->token_add->add_flag("--new-department", c->new_department,
                         "Tạo mã cho một đơn vị chưa có văn bản nào trong sổ tay");
  c->token_list = c->token->add_subcommand("list", "Liệt kê các mã (không lộ mã)");
  c->token_revoke = c->token->add_subcommand("revoke", "Thu hồi một mã theo số hiệu");
  c->token_revoke->add_option("ID", c->id, "Số hiệu mã (8 ký tự đầu)")->required();
  for (CLI::App* sub : {c->token_add, c->token_list, c->token_revoke}) {
    sub->add_option("--auth", c->auth, "Tệp mã truy cập")->capture_default_str();
  }

  c->inbox = app.add_subcommand("inbox", "Bài nộp chờ duyệt: xem, duyệt, từ chối");
  c->inbox->require_subcommand(1);
  c->inbox_list = c->inbox->add_subcommand("list", "Liệt kê bài nộp");
  c->inbox_show = c->inbox->add_subcommand("show", "In một bài nộp");
  c->inbox_approve = c->inbox->add_subcommand("approve", "Duyệt và xuất bản");
  c->inbox_reject = c->inbox->add_subcommand("reject", "Từ chối, kèm lý do");
  for (CLI::App* sub : {c->inbox_show, c->inbox_approve, c->inbox_reject}) {
    sub->add_option("ID", c->id, "Mã bài nộp")->required();
  }
  c->inbox_reject->add_option("--reason", c->reason, "Lý do đơn vị sẽ thấy")->required();
  add_allow_commands(*c);
  for (CLI::App* sub : {c->inbox_list, c->inbox_show, c->inbox_approve, c->inbox_reject,
                        c->inbox_allow, c->inbox_allowances}) {
    sub->add_option("--inbox", c->inbox_dir, "Thư mục bài nộp")->capture_default_str();
    sub->add_option("--content", c->content, "Thư mục nội dung")->capture_default_str();
    sub->add_option("--index", c->index, "Thư mục chỉ mục")->capture_default_str();
    sub->add_option("--audit", c->audit, "Nhật ký kiểm toán")->capture_default_str();
    sub->add_option("--by", c->by, "Tên người duyệt ghi vào nhật ký (mặc định: $USER)");
  }
  return c;
}

std::optional<int> run_submission_commands(const SubmissionCli& c) {
  if (const auto code = run_token_commands(c)) return code;
  if (c.inbox_allow->parsed()) return run_allow(c);
  if (c.inbox_allowances->parsed()) {
    for (const Allowance& a : Allowances(c.inbox_dir).list()) {
      std::printf("%s  \"%s\" được nộp thay \"%s\" (cho phép bởi %s lúc %s)\n", a.document.c_str(),
                  a.department.c_str(), a.owner.c_str(), a.by.c_str(), a.time.c_str());
    }
    return 0;
  }
  if (!c.inbox->parsed()) return std::nullopt;
  Publisher publisher = make_publisher(c);
  if (c.inbox_list->parsed()) {
    for (const Submission& s : publisher.reconcile()) {
      std::printf("(khôi phục: %s đã nằm trong content/, ghi nhận là đã duyệt)\n", s.id.c_str());
    }
    for (const Submission& s : publisher.inbox().list()) {
      std::printf("%s  %-10s  %s  %s  (%s)%s%s\n", s.id.c_str(), status_vi(s.status),
                  s.doc_id.c_str(), s.title.c_str(), s.submitter_name.c_str(),
                  s.reason.empty() ? "" : ": ", s.reason.c_str());
    }
    return 0;
  }
  if (c.inbox_show->parsed()) {
    const auto s = publisher.inbox().get(c.id);
    if (!s) throw SubmissionNotFound("không có bài nộp \"" + c.id + "\"");
    std::printf("%s\n", s->to_json().dump(2).c_str());
    std::printf("%s", publisher.inbox().markdown(s->id).c_str());
    return 0;
  }
  if (c.inbox_approve->parsed()) {
    const ApproveResult r = publisher.approve(c.id, cli_editor(c));
    std::printf("Đã duyệt %s: content/%s\n", r.submission.id.c_str(), r.submission.path.c_str());
    if (!r.published) {
      std::fprintf(stderr, "chưa xuất bản được (%s); lần build sau sẽ xuất bản\n",
                   r.publish_error.c_str());
      return 1;
    }
    std::printf("Ấn bản %s\n", r.edition_id.c_str());
    return 0;
  }
  if (c.inbox_reject->parsed()) {
    const Submission s = publisher.reject(c.id, cli_editor(c), c.reason);
    std::printf("Đã từ chối %s: %s\n", s.id.c_str(), s.reason.c_str());
    return 0;
  }
  return std::nullopt;
}

}  // namespace sotay
