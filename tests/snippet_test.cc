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
