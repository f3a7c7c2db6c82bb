// Rolling back restores the content the edition was built from
// (workflow/rollback.h): the next approval does not republish the newer
// text, a rollback that cannot be done changes nothing, originals come back
// from the edition, and the audit log records who did it.
#include <doctest/doctest.h>

#include <map>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "edition.h"
#include "files.h"
#include "hash.h"
#include "index_contract.h"
#include "rollback.h"
#include "submission_support.h"

using namespace sotay;
using namespace sotay::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string THE_THUC = "van-phong/the-thuc";

std::string current_id(const fs::path& index) { return current_edition(index)->filename(); }

// The document `id` as the current edition holds it (doc:<id>), or null.
json served(const fs::path& index, const std::string& id) {
  const Xapian::Database db(current_edition(index)->string());
  return json::parse(db.get_metadata(std::string(contract::META_DOC_PREFIX) + id), nullptr, false);
}

// Every file under `dir` with its bytes, and where `current` points.
std::map<std::string, std::string> snapshot(const fs::path& dir, const fs::path& index) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) out[e.path().lexically_relative(dir).string()] = read_file(e.path());
  }
  out["<current>"] = current_id(index);
  return out;
}

struct Actors {
  Principal office, editor;
  explicit Actors(const Workflow& w)
      : office{w.office.substr(0, 8), OFFICE, ROLE_DEPARTMENT},
        editor{w.editor.substr(0, 8), "Biên tập viên A", ROLE_EDITOR} {}
};

// Submits `text` as the office and approves it; the new edition's id.
std::string approve(Publisher& p, const Actors& a, const std::string& text) {
  const SubmitResult r = p.submit(a.office, text);
  REQUIRE(r.submission);
  const ApproveResult done = p.approve(r.submission->id, a.editor);
  REQUIRE(done.published);
  return done.edition_id;
}

}  // namespace

TEST_CASE("rollback restores the content of the edition, the next approval keeps it") {
  Workflow w(30, false);
  Publisher p(w.publish_options());
  const Actors a(w);
  const std::string v1 = read_file(w.content / (THE_THUC + ".md"));
  const std::string e1 = current_id(w.index);
  const std::string e2 = approve(
      p, a, office_doc(THE_THUC, "Bản thứ hai có từ phienbanhai.", "original: the-thuc.txt\n"));
  REQUIRE(served(w.index, THE_THUC)["title"] == "Quy chế làm việc");

  const RollbackResult r = p.rollback(e1, a.editor);
  CHECK(r.edition == e1);
  CHECK(r.previous == e2);
  CHECK(r.restored == std::vector<std::string>{THE_THUC + ".md"});
  CHECK(r.moved.empty());
  CHECK(current_id(w.index) == e1);
  CHECK(read_file(w.content / (THE_THUC + ".md")) == v1);
  // The replaced version (v2) is kept in the history.
  bool kept = false;
  for (const auto& e : fs::directory_iterator(w.content / ".history" / THE_THUC)) {
    kept = kept || contains(read_file(e.path()), "phienbanhai");
  }
  CHECK(kept);

  // An unrelated approval: a new edition, v1 still served, v2 nowhere.
  const std::string e3 =
      approve(p, a, office_doc("van-phong/khong-lien-quan", "Văn bản không liên quan."));
  CHECK(e3 != e1);
  CHECK(current_id(w.index) == e3);
  CHECK(served(w.index, THE_THUC)["title"] == "Thể thức văn bản hành chính");
  CHECK(served(w.index, "van-phong/khong-lien-quan").is_object());
  const Xapian::Database db(current_edition(w.index)->string());
  CHECK(db.get_termfreq("phienbanhai") == 0);
  CHECK(read_file(w.content / (THE_THUC + ".md")) == v1);
}

TEST_CASE("an approval a rollback undid is marked on the submission, and unmarked going forward") {
  Workflow w(30, false);
  Publisher p(w.publish_options());
  const Actors a(w);
  const std::string e1 = current_id(w.index);
  approve(p, a, office_doc(THE_THUC, "Bản thứ hai có từ phienbanhai."));
  const std::string e2 = approve(p, a, office_doc("van-phong/them-sau", "Văn bản thêm sau."));
  // An older approval of another document, not touched by the rollback.
  const auto find = [&](const std::string& doc) {
    for (const Submission& s : p.inbox().list()) {
      if (s.doc_id == doc) return s;
    }
    FAIL("no submission for " << doc);
    return Submission{};
  };
  CHECK(submission_status_label(find(THE_THUC)) == "đã duyệt");

  p.rollback(e1, a.editor);
  for (const std::string& doc : {THE_THUC, std::string("van-phong/them-sau")}) {
    CAPTURE(doc);
    const Submission s = find(doc);
    CHECK(s.status == STATUS_APPROVED);
    CHECK(s.rolled_back_to == e1);
    CHECK_FALSE(s.rolled_back_at.empty());
    CHECK(submission_status_label(s) == "đã duyệt, đã gỡ khi quay về ấn bản trước");
    CHECK(submission_json(s).value("rolled_back_to", "") == e1);
  }

  // Forward again to e2: both versions are back, the marks go.
  p.rollback(e2, a.editor);
  for (const std::string& doc : {THE_THUC, std::string("van-phong/them-sau")}) {
    CAPTURE(doc);
    CHECK(find(doc).rolled_back_to.empty());
    CHECK(submission_status_label(find(doc)) == "đã duyệt");
  }
}

TEST_CASE("rollback: documents added later move to .history, \"\" is the edition before") {
  Workflow w(30, false);
  Publisher p(w.publish_options());
  const Actors a(w);
  const std::string e1 = current_id(w.index);
  approve(p, a, office_doc("van-phong/them-sau", "Văn bản thêm sau."));
  const RollbackResult r = p.rollback("", a.editor);
  CHECK(r.edition == e1);
  CHECK(r.restored.empty());
  CHECK(r.moved == std::vector<std::string>{"van-phong/them-sau.md"});
  CHECK_FALSE(fs::exists(w.content / "van-phong/them-sau.md"));
  REQUIRE(fs::is_directory(w.content / ".history/van-phong/them-sau"));
  const auto moved = fs::directory_iterator(w.content / ".history/van-phong/them-sau");
  CHECK(contains(read_file(moved->path()), "Văn bản thêm sau."));
  CHECK(contains(moved->path().filename().string(), "-quay-ve-" + a.editor.token_id));
}

TEST_CASE("rollback restores the original file from the edition") {
  Workflow w(30, false);
  Publisher p(w.publish_options());
  const Actors a(w);
  const fs::path original = w.content / "van-phong/the-thuc.txt";
  const std::string original_v1 = read_file(original);
  const std::string e1 = current_id(w.index);
  // A later version with another original file (as an upload would bring).
  write_file(original, "BẢN GỐC MỚI\n");
  approve(p, a, office_doc(THE_THUC, "Bản có bản gốc mới.", "original: the-thuc.txt\n"));
  // The original is nowhere in content/ or .history: only the edition has it.
  const RollbackResult r = p.rollback(e1, a.editor);
  CHECK(r.originals == std::vector<std::string>{"van-phong/the-thuc.txt"});
  CHECK(read_file(original) == original_v1);
  bool kept = false;
  for (const auto& e : fs::directory_iterator(w.content / ".history" / THE_THUC)) {
    kept = kept || read_file(e.path()) == "BẢN GỐC MỚI\n";
  }
  CHECK(kept);
  // The next build keeps the document with its original.
  approve(p, a, office_doc("van-phong/khong-lien-quan", "Văn bản không liên quan."));
  CHECK(served(w.index, THE_THUC)["original"]["name"] == "the-thuc.txt");
}

TEST_CASE("rollback restores a procedure card's form file from the edition") {
  Workflow w(30, false);
  Publisher p(w.publish_options());
  const Actors a(w);
  const std::string card =
      "type: Thủ tục hành chính\n"
      "thu_tuc:\n"
      "  ten: Cấp bản sao trích lục\n"
      "  co_quan_thuc_hien: UBND phường\n"
      "  thoi_han_giai_quyet: Trong ngày\n"
      "  phi_le_phi: [{ten: Cấp bản sao, muc: 8.000 đồng/bản}]\n"
      "  ho_so: [{ten: Tờ khai, ban: chính}]\n"
      "  ket_qua: Bản sao trích lục\n"
      "  bieu_mau:\n"
      "    - ten: Tờ khai\n"
      "      tep: to-khai.docx\n";
  const fs::path form = w.content / "van-phong/to-khai.docx";
  write_file(form, "PK tờ khai cũ");
  const std::string e1 = approve(p, a, office_doc("van-phong/trich-luc", "Thủ tục.", card));
  // A later version with another form file; the old bytes are only in the edition.
  write_file(form, "PK tờ khai mới");
  approve(p, a, office_doc("van-phong/trich-luc", "Thủ tục, bản sửa.", card));
  const RollbackResult r = p.rollback(e1, a.editor);
  CHECK(r.originals == std::vector<std::string>{"van-phong/to-khai.docx"});
  CHECK(read_file(form) == "PK tờ khai cũ");
  bool kept = false;
  for (const auto& e : fs::directory_iterator(w.content / ".history/van-phong/trich-luc")) {
    kept = kept || read_file(e.path()) == "PK tờ khai mới";
  }
  CHECK(kept);
  // The next build finds the content as the edition had it: nothing to refuse.
  approve(p, a, office_doc("van-phong/khong-lien-quan", "Văn bản không liên quan."));
  CHECK(served(w.index, "van-phong/trich-luc")["procedures"][0]["bieu_mau"][0]["sha256"] ==
        sha256_hex("PK tờ khai cũ"));
}

TEST_CASE("rollback refuses, changing nothing, when a source is missing or settings changed") {
  Workflow w(30, false);
  Publisher p(w.publish_options());
  const Actors a(w);
  const std::string e1 = current_id(w.index);
  approve(p, a, office_doc(THE_THUC, "Bản thứ hai.", "original: the-thuc.txt\n"));
  SUBCASE("the version of the edition is nowhere") {
    fs::remove_all(w.content / ".history");
    const auto before = snapshot(w.content, w.index);
    const std::string audit_before = read_file(w.audit);
    try {
      p.rollback(e1, a.editor);
      FAIL("the rollback was not refused");
    } catch (const RollbackRefused& e) {
      const std::string why = e.what();
      CAPTURE(why);
      CHECK(contains(why, "content/" + THE_THUC + ".md"));
      CHECK(contains(why, "không tìm thấy"));
      CHECK(contains(why, "Chưa có gì bị thay đổi"));
      REQUIRE(e.problems.size() == 1);
    }
    CHECK(snapshot(w.content, w.index) == before);
    CHECK(read_file(w.audit) == audit_before);
  }
  SUBCASE("the settings changed since") {
    write_file(w.content / "_dictionary/abbreviations.txt", "VP = văn phòng\n");
    const auto before = snapshot(w.content, w.index);
    const RollbackPlan plan = plan_rollback(w.publish_options(), e1);
    CHECK_FALSE(plan.ok());
    CHECK_THROWS_AS(p.rollback(e1, a.editor), RollbackRefused);
    CHECK(contains(plan.refusal(), "content/_dictionary/"));
    CHECK(contains(plan.refusal(), "thiết lập"));
    CHECK(snapshot(w.content, w.index) == before);
  }
  SUBCASE("no such edition") {
    CHECK_THROWS_WITH_AS(p.rollback("20200101T000000.000Z-00000000", a.editor),
                         doctest::Contains("không có ấn bản"), std::runtime_error);
  }
}

TEST_CASE("rollback is written to the audit log, last_rollback reads it back") {
  Workflow w(30, false);
  Publisher p(w.publish_options());
  const Actors a(w);
  CHECK_FALSE(last_rollback(w.audit));
  const std::string e1 = current_id(w.index);
  const std::string e2 = approve(p, a, office_doc(THE_THUC, "Bản thứ hai."));
  p.rollback(e1, a.editor);
  // Later events do not hide it.
  approve(p, a, office_doc("van-phong/khong-lien-quan", "Văn bản không liên quan."));
  const auto last = last_rollback(w.audit);
  REQUIRE(last);
  CHECK((*last)["event"] == "rollback");
  CHECK((*last)["by"]["name"] == "Biên tập viên A");
  CHECK((*last)["by"]["token"] == a.editor.token_id);
  CHECK((*last)["edition"] == e1);
  CHECK((*last)["previous_edition"] == e2);
  CHECK((*last)["restored"] == json::array({THE_THUC + ".md"}));
  CHECK((*last).contains("time"));
  // What each edition published, for the review page.
  const auto published = edition_documents(w.audit);
  CHECK(published.at(e2) == std::vector<std::string>{THE_THUC});
  CHECK(published.count(e1) == 0);  // built by the test, not by an approval
  // A long log: the last event is found from the end, across chunks.
  for (int i = 0; i < 3000; ++i) {
    append_line_durable(w.audit,
                        json{{"event", "publication"}, {"pad", std::string(40, 'x')}}.dump());
  }
  CHECK((*last_rollback(w.audit))["edition"] == e1);
}

TEST_CASE("sotay-indexer rollback restores content, --index-only warns and does not") {
  Workflow w(30, false);
  Publisher p(w.publish_options());
  const Actors a(w);
  const std::string v1 = read_file(w.content / (THE_THUC + ".md"));
  const std::string e1 = current_id(w.index);
  const std::string e2 = approve(p, a, office_doc(THE_THUC, "Bản thứ hai."));
  const std::string dirs = " --index '" + w.index.string() + "' --content '" + w.content.string() +
                           "' --inbox '" + w.inbox.string() + "' --audit '" + w.audit.string() +
                           "'";
  std::string out;
  CHECK(run_command(std::string(SOTAY_INDEXER_BIN) + " rollback --index-only --index '" +
                        w.index.string() + "'",
                    out) == 0);
  CAPTURE(out);
  CHECK(contains(out, "--index-only"));
  CHECK(current_id(w.index) == e1);
  CHECK(read_file(w.content / (THE_THUC + ".md")) != v1);  // content/ untouched
  CHECK(run_command(std::string(SOTAY_INDEXER_BIN) + " rollback " + e2 + " --index-only --index '" +
                        w.index.string() + "'",
                    out) == 0);
  CHECK(run_command(std::string(SOTAY_INDEXER_BIN) + " rollback" + dirs + " --by 'Trần Văn B'",
                    out) == 0);
  CHECK(contains(out, "khôi phục content/" + THE_THUC + ".md"));
  CHECK(current_id(w.index) == e1);
  CHECK(read_file(w.content / (THE_THUC + ".md")) == v1);
  CHECK((*last_rollback(w.audit))["by"]["name"] == "Trần Văn B (dòng lệnh)");
  // Refused: exit 1 with the reason, nothing changed.
  fs::remove_all(w.content / ".history");
  const auto before = snapshot(w.content, w.index);
  CHECK(run_command(std::string(SOTAY_INDEXER_BIN) + " rollback " + e2 + dirs, out) == 1);
  CHECK(contains(out, "Không thể quay về ấn bản " + e2));
  CHECK(contains(out, "content/" + THE_THUC + ".md"));
  CHECK(snapshot(w.content, w.index) == before);
}
