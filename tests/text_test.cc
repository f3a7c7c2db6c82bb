#include <doctest/doctest.h>

#include "hash.h"
#include "slug.h"
#include "text.h"

using namespace sotay;

TEST_CASE("slugify: ASCII anchors from Vietnamese headings") {
  struct Row {
    const char* in;
    const char* out;
  };
  const Row rows[] = {
      {"Điều 5. Đối tượng áp dụng", "dieu-5-doi-tuong-ap-dung"},
      {"ĐẶNG Thị Hoà", "dang-thi-hoa"},
      {"  Chương I — NHỮNG QUY ĐỊNH CHUNG  ", "chuong-i-nhung-quy-dinh-chung"},
      {"Phụ lục: 30/2020/NĐ-CP", "phu-luc-30-2020-nd-cp"},
      {"Thủ tục hành chính", "thu-tuc-hanh-chinh"},
      {"!!!", ""},
      {"", ""},
  };
  for (const Row& r : rows) {
    CAPTURE(r.in);
    CHECK(slugify(r.in) == r.out);
  }
}

TEST_CASE("find_invalid_utf8") {
  CHECK_FALSE(find_invalid_utf8("Hà Nội").has_value());
  CHECK(find_invalid_utf8("ab\xFF").value() == 2);
  CHECK(find_invalid_utf8("\xC0\xAF").value() == 0);       // overlong '/'
  CHECK(find_invalid_utf8("x\xED\xA0\x80").value() == 1);  // surrogate
  CHECK(find_invalid_utf8("\xE1\xBB").value() == 0);       // truncated
  CHECK(sanitize_utf8("a\xFF"
                      "b") ==
        "a\xEF\xBF\xBD"
        "b");
}

TEST_CASE("to_nfc composes decomposed Vietnamese") {
  CHECK(to_nfc("tho\xCC\x89") == "thỏ");  // o + combining hook above
  CHECK(to_nfc("Hà Nội") == "Hà Nội");
}

TEST_CASE("html_escape and line_of") {
  CHECK(html_escape("<a href=\"x\">'&'</a>") ==
        "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  CHECK(line_of("a\nb\nc", 0) == 1);
  CHECK(line_of("a\nb\nc", 2) == 2);
  CHECK(line_of("a\nb\nc", 4) == 3);
}

TEST_CASE("content_hash is SHA-256: stable and sensitive") {
  CHECK(content_hash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(content_hash("abc") == sha256_hex("abc"));
  CHECK(content_hash("a") != content_hash("b"));
  CHECK(content_hash("abc").size() == 64);
}
