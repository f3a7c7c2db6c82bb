// Procedure cards (thu_tuc:): amounts, validation with lines and fields,
// cards as sections, search landing on the card row, the card on the page.
#include <doctest/doctest.h>

#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "amount.h"
#include "content_loader.h"
#include "edition.h"
#include "front_matter.h"
#include "front_matter_writer.h"
#include "searcher.h"
#include "test_support.h"

using namespace sotay;
using namespace sotay::test;
using nlohmann::json;

namespace {

// A valid one-card file; the tests below break one line of it.
const std::string VALID =
    "---\n"                                            // 1
    "title: Chứng thực chữ ký\n"                       // 2
    "department: Trung tâm Phục vụ hành chính công\n"  // 3
    "type: Thủ tục hành chính\n"                       // 4
    "thu_tuc:\n"                                       // 5
    "  ten: Chứng thực chữ ký\n"                       // 6
    "  co_quan_thuc_hien: UBND phường\n"               // 7
    "  thoi_han_giai_quyet: Trong ngày\n"              // 8
    "  phi_le_phi:\n"                                  // 9
    "    - ten: Chứng thực chữ ký\n"                   // 10
    "      muc: 10.000 đồng/trường hợp\n"              // 11
    "  ho_so:\n"                                       // 12
    "    - ten: Giấy tờ tùy thân\n"                    // 13
    "      ban: chính\n"                               // 14
    "      so_luong: 1\n"                              // 15
    "  can_cu: [Nghị định 23/2015/NĐ-CP]\n"            // 16
    "  ket_qua: Giấy tờ được chứng thực chữ ký\n"      // 17
    "---\n"
    "Người yêu cầu ký trước mặt người thực hiện chứng thực.\n";

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

std::vector<ContentError> errors_of(const std::string& bytes) {
  std::vector<ContentError> errors;
  parse_content_file("tu-phap/chu-ky.md", bytes, errors);
  return errors;
}

}  // namespace

TEST_CASE("fee amounts: what is an amount and what is refused") {
  struct Row {
    const char* text;
    bool ok;
    bool free;
    std::uint64_t dong;
    const char* per;
  };
  const Row rows[] = {
      {"2.000 đồng/trang", true, false, 2000, "trang"},
      {"200.000 đồng/bản", true, false, 200000, "bản"},
      {"50.000 đồng", true, false, 50000, ""},
      {"500 đồng", true, false, 500, ""},
      {"1.000.000 đồng/hợp đồng, giao dịch", true, false, 1000000, "hợp đồng, giao dịch"},
      {"50.000 dong", true, false, 50000, ""},
      {"Miễn phí", true, true, 0, ""},
      {"miễn", true, true, 0, ""},
      {"Không", true, true, 0, ""},
      {"mien phi", true, true, 0, ""},
      {"2000 đồng", false, false, 0, ""},
      {"2,000 đồng", false, false, 0, ""},
      {"2.00 đồng", false, false, 0, ""},
      {"2.000", false, false, 0, ""},
      {"50.000đ", false, false, 0, ""},
      {"50.000 VNĐ", false, false, 0, ""},
      {"hai nghìn đồng", false, false, 0, ""},
      {"0 đồng", false, false, 0, ""},
      {"2.000 đồng/", false, false, 0, ""},
      {"2.000 đồng một trang", false, false, 0, ""},
      {"theo quy định", false, false, 0, ""},
      {"", false, false, 0, ""},
  };
  for (const Row& r : rows) {
    CAPTURE(r.text);
    const auto a = parse_amount(r.text);
    REQUIRE(a.has_value() == r.ok);
    if (!a) continue;
    CHECK(a->free == r.free);
    CHECK(a->dong == r.dong);
    CHECK(a->per == r.per);
  }
  CHECK(amount_advice("2000 đồng/trang").find("\"2.000 đồng/trang\"") != std::string::npos);
  CHECK(amount_advice("50.000đ").find("\"50.000 đồng\"") != std::string::npos);
  CHECK(amount_advice("theo quy định").find("Miễn phí") != std::string::npos);
}

TEST_CASE("a valid procedure card: every field read") {
  std::vector<ContentError> errors;
  const ParsedFile f = parse_content_file("tu-phap/chu-ky.md", VALID, errors);
  REQUIRE(errors.empty());
  REQUIRE(f.meta.procedures.size() == 1);
  const ProcedureCard& c = f.meta.procedures[0];
  CHECK(c.name == "Chứng thực chữ ký");
  CHECK(c.code.empty());  // ma_thu_tuc is optional
  CHECK(c.agency == "UBND phường");
  CHECK(c.time_limit == "Trong ngày");
  REQUIRE(c.fees.size() == 1);
  CHECK(c.fees[0].amount == "10.000 đồng/trường hợp");
  REQUIRE(c.dossier.size() == 1);
  CHECK(c.dossier[0].copy == "chính");
  CHECK(c.dossier[0].count == 1);
  CHECK(c.legal_basis == std::vector<std::string>{"Nghị định 23/2015/NĐ-CP"});
  CHECK(c.result == "Giấy tờ được chứng thực chữ ký");
  CHECK(c.line == 6);
}

TEST_CASE("a document edited through the form keeps its cards (written back, read the same)") {
  std::vector<ContentError> errors;
  const std::string with_all =
      replace(VALID, "  ket_qua:",
              "  ma_thu_tuc: \"1.0001\"\n  han_thuc_hien: \"Trong 30 ngày: kể từ ngày ký\"\n"
              "  bieu_mau: [{ten: Tờ khai, tep: to-khai.docx}, Mẫu khác]\n"
              "  trinh_tu: [Nộp hồ sơ, Nhận kết quả]\n  ket_qua:");
  const ParsedFile first = parse_content_file("tu-phap/chu-ky.md", with_all, errors);
  REQUIRE(errors.empty());
  const ComposedFile again = compose_content_file(first.meta, first.body);
  const ParsedFile second = parse_content_file("tu-phap/chu-ky.md", again.text, errors);
  for (const ContentError& e : errors) MESSAGE(e.to_string());
  REQUIRE(errors.empty());
  REQUIRE(second.meta.procedures.size() == 1);
  const ProcedureCard& a = first.meta.procedures[0];
  const ProcedureCard& b = second.meta.procedures[0];
  CHECK(b.name == a.name);
  CHECK(b.code == "1.0001");
  CHECK(b.deadline == "Trong 30 ngày: kể từ ngày ký");
  CHECK(b.fees[0].amount == a.fees[0].amount);
  CHECK(b.dossier[0].count == 1);
  CHECK(b.dossier[0].copy == "chính");
  REQUIRE(b.forms.size() == 2);
  CHECK(b.forms[0].file == "to-khai.docx");
  CHECK(b.forms[1].name == "Mẫu khác");
  CHECK(b.legal_basis == a.legal_basis);
  CHECK(b.steps == a.steps);
  CHECK(b.result == a.result);
}

TEST_CASE("bad procedure cards: a message at the line, naming the field") {
  struct Row {
    std::string bytes;
    int line;
    const char* field;
    const char* says;
  };
  const Row rows[] = {
      {replace(VALID, "10.000 đồng/trường hợp", "mười nghìn đồng"), 11,
       "thu_tuc › phi_le_phi › muc", "không phải là số tiền"},
      {replace(VALID, "10.000 đồng/trường hợp", "10000 đồng/trường hợp"), 11,
       "thu_tuc › phi_le_phi › muc", "\"10.000 đồng/trường hợp\""},
      {replace(VALID, "  thoi_han_giai_quyet: Trong ngày\n", ""), 6,
       "thu_tuc › thoi_han_giai_quyet", "thiếu trường bắt buộc"},
      {replace(VALID, "  ket_qua: Giấy tờ được chứng thực chữ ký\n", ""), 6, "thu_tuc › ket_qua",
       "thiếu trường bắt buộc"},
      {replace(VALID, "      muc: 10.000 đồng/trường hợp\n", ""), 10, "thu_tuc › phi_le_phi › muc",
       "thiếu trường bắt buộc"},
      {replace(VALID,
               "  ho_so:\n    - ten: Giấy tờ tùy thân\n      ban: chính\n      so_luong: 1\n", ""),
       6, "thu_tuc › ho_so", "thiếu trường bắt buộc"},
      {replace(VALID, "  ket_qua:", "  le_phi: 5.000 đồng\n  ket_qua:"), 17, "le_phi",
       "khóa không được hỗ trợ"},
      {replace(VALID, "      ban: chính\n", "      ban: photo\n"), 14, "thu_tuc › ho_so › ban",
       "\"photo\" không hợp lệ"},
      {replace(VALID, "      so_luong: 1\n", "      so_luong: hai\n"), 15,
       "thu_tuc › ho_so › so_luong", "không phải là số lượng"},
      {replace(VALID, "[Nghị định 23/2015/NĐ-CP]", "[Nghị định về chứng thực]"), 16,
       "thu_tuc › can_cu", "không có số hiệu văn bản"},
      {replace(VALID, "  ket_qua:",
               "  bieu_mau:\n    - ten: Tờ khai\n      tep: ../to-khai.pdf\n"
               "  ket_qua:"),
       19, "thu_tuc › bieu_mau › tep", "tên tệp không hợp lệ"},
      {replace(VALID, "  phi_le_phi:\n", "  phi_le_phi: 10.000 đồng\n  ghi_chu_phi:\n"), 9,
       "thu_tuc › phi_le_phi", "phải là một danh sách"},
      {replace(VALID, "thu_tuc:\n", "thu_tuc: có\nx_cu:\n"), 5, "thu_tuc", "thẻ thủ tục"},
  };
  for (const Row& r : rows) {
    CAPTURE(r.bytes);
    const std::vector<ContentError> errors = errors_of(r.bytes);
    REQUIRE(!errors.empty());
    bool found = false;
    for (const ContentError& e : errors) {
      if (e.line == r.line && e.message.find(r.field) != std::string::npos &&
          e.message.find(r.says) != std::string::npos) {
        found = true;
      }
    }
    if (!found) {
      for (const ContentError& e : errors) MESSAGE(e.to_string());
    }
    CHECK(found);
  }
  // A document of type "Thủ tục hành chính" must have its card.
  const std::string cardless =
      "---\ntitle: T\ndepartment: D\ntype: Thủ tục hành chính\n---\nNội dung.\n";
  const auto errors = errors_of(cardless);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message.find("thu_tuc") != std::string::npos);
}

TEST_CASE("a list of cards: each card is a section with its own anchor, one field per line") {
  const std::string two =
      replace(replace(VALID, "thu_tuc:\n  ten: Chứng thực chữ ký\n",
                      "thu_tuc:\n- ten: Chứng thực chữ ký\n"),
              "  ket_qua: Giấy tờ được chứng thực chữ ký\n",
              "  ket_qua: Giấy tờ được chứng thực chữ ký\n"
              "- ten: Chứng thực bản sao từ bản chính\n"
              "  co_quan_thuc_hien: UBND phường\n"
              "  thoi_han_giai_quyet: Trong ngày\n"
              "  phi_le_phi: [{ten: Trang thứ nhất và thứ hai, muc: 2.000 đồng/trang}]\n"
              "  ho_so: [{ten: Bản chính, ban: chính}]\n"
              "  ket_qua: Bản sao được chứng thực\n");
  std::vector<ContentError> errors;
  const auto doc = load_document("tu-phap/chu-ky.md", two, errors);
  for (const ContentError& e : errors) MESSAGE(e.to_string());
  REQUIRE(doc);
  REQUIRE(doc->meta.procedures.size() == 2);
  // The lead section, then per card its rows and its fees.
  REQUIRE(doc->sections.size() == 5);
  CHECK(doc->sections[1].anchor == "thu-tuc-chung-thuc-chu-ky");
  CHECK(doc->sections[1].title == "Thủ tục: Chứng thực chữ ký");
  CHECK(doc->sections[2].anchor == "thu-tuc-chung-thuc-chu-ky-phi");
  CHECK(doc->sections[2].level == 3);
  CHECK(doc->sections[3].anchor == "thu-tuc-chung-thuc-ban-sao-tu-ban-chinh");
  CHECK(doc->sections[3].line == 18);
  CHECK(doc->sections[3].text.find("Hồ sơ 1: Bản chính (bản chính)\n") != std::string::npos);
  CHECK(doc->sections[3].text.find("2.000") == std::string::npos);
  CHECK(doc->sections[4].text == "Trang thứ nhất và thứ hai: 2.000 đồng/trang\n");
}

TEST_CASE("a form file a card names must be beside the content file") {
  TempDir tmp;
  const auto content = tmp.path() / "content";
  const std::string with_form = replace(VALID, "  ket_qua:",
                                        "  bieu_mau:\n    - ten: Tờ khai\n      tep: to-khai.docx\n"
                                        "  ket_qua:");
  write_file(content / "tu-phap/chu-ky.md", with_form);
  LoadedContent loaded = load_all_documents(content);
  REQUIRE(loaded.errors.size() == 1);
  CHECK(loaded.errors[0].line == 19);
  CHECK(loaded.errors[0].message.find("to-khai.docx") != std::string::npos);
  CHECK(loaded.docs.empty());  // nothing published wrong
  write_file(content / "tu-phap/to-khai.docx", "PK");
  loaded = load_all_documents(content);
  CHECK(loaded.errors.empty());
  CHECK(loaded.docs.size() == 1);
}

namespace {

// An edition of the handbook's own content/.
struct Bundled {
  TempDir tmp;
  Bundled() {
    const BuildReport report =
        build(std::filesystem::path(SOTAY_SOURCE_DIR) / "content", tmp.path() / "index");
    REQUIRE(report.errors.empty());
  }
  DocumentHit top(const std::string& q) {
    Searcher s(Xapian::Database(current_edition(tmp.path() / "index")->string()));
    SearchRequest r;
    r.query = q;
    r.group = true;
    const SearchResult result = s.search(r);
    REQUIRE(!result.documents.empty());
    return result.documents.front();
  }
};

}  // namespace

namespace {

// The section `anchor` of `doc_id` among the ungrouped hits for `q`.
std::optional<SectionHit> section_hit(Bundled& b, const std::string& q, const std::string& anchor) {
  Searcher s(Xapian::Database(current_edition(b.tmp.path() / "index")->string()));
  SearchRequest r;
  r.query = q;
  r.limit = 20;
  for (const SectionHit& h : s.search(r).hits) {
    if (h.anchor == anchor) return h;
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("a card's fees are a section of their own: the snippet shows that card's fee rows") {
  Bundled b;
  const auto fee = section_hit(b, "phí chứng thực", "thu-tuc-chung-thuc-ban-sao-tu-ban-chinh-phi");
  REQUIRE(fee);
  CHECK(fee->id == "trung-tam-phuc-vu-hanh-chinh-cong/chung-thuc-ban-sao");
  CHECK(fee->section_title == "Thủ tục: Chứng thực bản sao từ bản chính › Phí, lệ phí");
  CAPTURE(fee->snippet_html);
  CHECK(fee->snippet_html.find("2.000 đồng/trang") != std::string::npos);
  CHECK(fee->snippet_html.find("10.000") == std::string::npos);  // the signature's fee
  CHECK(fee->snippet_html.find("50.000") == std::string::npos);  // the contract's fee
  const auto birth = section_hit(b, "thời hạn đăng ký khai sinh", "thu-tuc-dang-ky-khai-sinh");
  REQUIRE(birth);
  CAPTURE(birth->snippet_html);
  CHECK(birth->snippet_html.find("<mark>Thời</mark> <mark>hạn</mark>") != std::string::npos);
}

// A fee question lands on the chứng thực document's fee rows: its best
// section is a fee section (the body's fee table, which lists every
// chứng thực fee, or a card's own fee rows) and its snippet shows the
// matching row, never a neighbouring row's amount.
TEST_CASE("fee questions land on the matching fee row, never a neighbouring fee") {
  Bundled b;
  struct Row {
    const char* query;
    const char* fee;        // in the snippet of the best section
    const char* neighbour;  // another row's amount: never in it
  };
  const Row rows[] = {
      {"phí chứng thực", "2.000 đồng/trang", "25.000"},
      {"phi chung thuc", "2.000 đồng/trang", "25.000"},
      {"lệ phí chứng thực chữ ký", "10.000 đồng/trường hợp", "50.000"},
      {"le phi chung thuc chu ky", "10.000 đồng/trường hợp", "50.000"},
      {"phí chứng thực hợp đồng", "Mức thu: 50.000", "25.000"},
  };
  const std::set<std::string> fee_sections = {"phi-chung-thuc",
                                              "thu-tuc-chung-thuc-ban-sao-tu-ban-chinh-phi",
                                              "thu-tuc-chung-thuc-chu-ky-phi"};
  for (const Row& row : rows) {
    const std::string query = row.query;
    CAPTURE(query);
    const DocumentHit top = b.top(query);
    CHECK(top.best.id == "trung-tam-phuc-vu-hanh-chinh-cong/chung-thuc-ban-sao");
    CAPTURE(top.best.anchor);
    CHECK(fee_sections.count(top.best.anchor) == 1);
    CAPTURE(top.best.snippet_html);
    CHECK(top.best.snippet_html.find(row.fee) != std::string::npos);
    CHECK(top.best.snippet_html.find(row.neighbour) == std::string::npos);
  }
  // Both cards' own fee rows are among the first hits of the general question.
  for (const char* anchor :
       {"thu-tuc-chung-thuc-ban-sao-tu-ban-chinh-phi", "thu-tuc-chung-thuc-chu-ky-phi"}) {
    CAPTURE(anchor);
    const auto fee = section_hit(b, "phí chứng thực", anchor);
    REQUIRE(fee);
  }
}

TEST_CASE("the document page shows its procedure cards") {
  Bundled b;
  TestServer server(b.tmp.path() / "index");
  auto c = server.client();
  auto res = c.Get("/doc/trung-tam-phuc-vu-hanh-chinh-cong/dang-ky-ho-tich");
  REQUIRE(res);
  REQUIRE(res->status == 200);
  const std::string& page = res->body;
  for (const char* anchor :
       {"thu-tuc-dang-ky-khai-sinh", "thu-tuc-dang-ky-ket-hon", "thu-tuc-dang-ky-khai-tu"}) {
    CHECK(page.find("class=\"procedure-card\" id=\"" + std::string(anchor) + "\"") !=
          std::string::npos);
  }
  for (const char* text :
       {"<span class=\"procedure-kicker\">Thủ tục:</span> Đăng ký khai sinh",
        "<dt>Cơ quan thực hiện</dt>", "<dt>Thời hạn giải quyết</dt>", "<dt>Phí, lệ phí</dt>",
        "Miễn phí",
        "Miễn, giảm: Luật Hộ tịch miễn lệ phí đối với đăng ký khai sinh, khai tử đúng hạn",
        "<dt>Thành phần hồ sơ</dt>", "Giấy chứng sinh <span class=\"dossier-copy\">(bản chính;",
        "Tờ khai đăng ký kết hôn <span class=\"dossier-copy\">(bản chính, 1 bản)",
        "<dt>Biểu mẫu</dt>", "<dt>Căn cứ pháp lý</dt>", "<dt>Kết quả</dt>", "Trích lục khai tử",
        "href=\"/so/123/2015/N%C4%90-CP\"", "/static/procedure-card.css"}) {
    CHECK_MESSAGE(page.find(text) != std::string::npos, text);
  }
  // The card comes before the body; the table of contents lists it.
  CHECK(page.find("procedure-card") < page.find("doc-body"));
  CHECK(page.find("href=\"#thu-tuc-dang-ky-khai-sinh\"") != std::string::npos);

  res = c.Get("/doc/trung-tam-phuc-vu-hanh-chinh-cong/chung-thuc-ban-sao");
  REQUIRE(res);
  CHECK(res->body.find("<strong class=\"fee-amount\">2.000 đồng/trang</strong>") !=
        std::string::npos);
  CHECK(res->body.find("(văn bản này)") != std::string::npos);  // 23/2015/NĐ-CP is itself
  // A document without a card has no card block.
  res = c.Get("/doc/trung-tam-phuc-vu-hanh-chinh-cong/mot-cua-lien-thong");
  REQUIRE(res);
  CHECK(res->body.find("procedure-card") == std::string::npos);
  res = c.Get("/static/procedure-card.css");
  REQUIRE(res);
  CHECK(res->status == 200);
}
