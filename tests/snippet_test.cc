#include <doctest/doctest.h>

#include "snippet.h"

using namespace sotay;

TEST_CASE("snippets highlight folded matches, escaped") {
  const std::string text = "Công chức kiểm tra <hồ sơ> và lập phiếu tiếp nhận.";
  const std::string s = make_snippet(text, {"ho", "so"}, {});
  CHECK(s.find("&lt;<mark>hồ</mark> <mark>sơ</mark>&gt;") != std::string::npos);
  CHECK(s.find("<hồ") == std::string::npos);
}

TEST_CASE("snippets choose the passage with the query words") {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "lorem ipsum ";
  text += "thủ tục hành chính ở đây";
  for (int i = 0; i < 200; ++i) text += " dolor sit";
  const std::string s = make_snippet(text, {"thu", "tuc"}, {});
  CHECK(s.rfind("… ", 0) == 0);
  CHECK(s.find("<mark>thủ</mark> <mark>tục</mark>") != std::string::npos);
  CHECK(s.size() < 400);
}

TEST_CASE("document numbers are highlighted whole") {
  const std::string s =
      make_snippet("Theo Nghị định 30/2020/NĐ-CP về văn thư.", {}, {"30/2020/nd-cp"});
  CHECK(s.find("<mark>30/2020/NĐ-CP</mark>") != std::string::npos);
}

namespace {

// A section's text with a fee table, as markdown.cc writes it (table_text.h).
std::string fee_text() {
  return "Theo Thông tư 226/2016/TT-BTC:\n"
         "\x1dViệc chứng thực\x1f\nMức thu\x1e\n"
         "Bản sao từ bản chính\x1f\n2.000 đồng/trang\x1e\n"
         "Chữ ký\x1f\n10.000 đồng/trường hợp\x1e\n"
         "Sửa lỗi sai sót trong hợp đồng đã chứng thực\x1f\n25.000 đồng/hợp đồng\x1e\n"
         "Trang tính phí được tính theo trang của bản chính.";
}

}  // namespace

TEST_CASE("a snippet from a table shows one row with its header cells") {
  struct Row {
    std::vector<std::string> highlight;
    std::string shows, hides;
  };
  for (const Row& row : std::initializer_list<Row>{
           // The header holds the words: the first row, not a later row
           // that repeats them.
           {{"phi", "chung", "thuc"},
            "Việc <mark>chứng</mark> <mark>thực</mark>: Bản sao từ bản chính | Mức thu: 2.000 "
            "đồng/trang",
            "25.000"},
           {{"chu", "ky"},
            "Việc chứng thực: <mark>Chữ</mark> <mark>ký</mark> | Mức thu: 10.000",
            "2.000"},
           {{"sua", "loi"}, "<mark>Sửa</mark> <mark>lỗi</mark> sai sót", "10.000"},
       }) {
    const std::string s = make_snippet(fee_text(), row.highlight, {});
    CAPTURE(s);
    CHECK(s.find(row.shows) != std::string::npos);
    CHECK(s.find(row.hides) == std::string::npos);
    CHECK(s.find_first_of("\x1d\x1e\x1f") == std::string::npos);
  }
  // Text outside the table that holds more words is shown as text.
  const std::string s = make_snippet(fee_text(), {"trang", "tinh", "phi", "ban", "chinh"}, {});
  CHECK(s.find("<mark>Trang</mark> <mark>tính</mark> <mark>phí</mark>") != std::string::npos);
  CHECK(s.find("25.000") == std::string::npos);
}

TEST_CASE("a snippet never runs into a table, and a long cell is cut around its match") {
  std::string text =
      "Đoạn mở đầu về lệ phí.\n\x1d"
      "Cột\x1f\nGhi chú\x1e\nMột\x1f\n";
  for (int i = 0; i < 60; ++i) text += "chữ ";
  text += "mốc cần tìm";
  for (int i = 0; i < 60; ++i) text += " chữ";
  text += "\x1e\nCuối.";
  const std::string s = make_snippet(text, {"moc"}, {});
  CAPTURE(s);
  CHECK(s.find("Ghi chú: … chữ") != std::string::npos);
  CHECK(s.find("<mark>mốc</mark>") != std::string::npos);
  CHECK(s.size() < 400);
  const std::string lead = make_snippet(text, {"le", "phi"}, {});
  CHECK(lead.find("<mark>lệ</mark> <mark>phí</mark>.") != std::string::npos);
  CHECK(lead.find("Cột") == std::string::npos);
  CHECK(lead.find_first_of("\x1d\x1e\x1f") == std::string::npos);
}
