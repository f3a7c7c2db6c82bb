#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "content_check.h"
#include "test_support.h"

using namespace sotay;
using namespace sotay::test;
namespace fs = std::filesystem;

namespace {

bool has(const CheckReport& r, const std::string& text) {
  for (const CheckProblem& p : r.problems) {
    if (p.to_string() == text) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("check: clean content has no errors") {
  TempDir tmp;
  write_fixture_content(tmp.path());
  const CheckReport r = check_content(tmp.path());
  CHECK(r.files == 5);
  CHECK(r.errors() == 0);
}

TEST_CASE("check: every kind of problem, as path:line") {
  TempDir tmp;
  const fs::path c = tmp.path();
  write_fixture_content(c);
  write_file(
      c / "a/links.md",
      content_file("title: Liên kết\ndepartment: Văn phòng\n",
                   "Xem [thể thức](/doc/van-phong/the-thuc#dieu-5-phong-chu) và\n"
                   "[mục sai](/doc/van-phong/the-thuc#khong-co), [không có](/doc/khong/co).\n"
                   "![sơ đồ](hinh/so-do.png) ![có](co.png)\n"
                   "Theo Nghị định 99/2099/NĐ-CP và Nghị định 30/2020/NĐ-CP.\n"
                   "\n## Trống\n\n## Có nội dung\n\nCó chữ.\n"));
  write_file(c / "a/co.png", "png");
  write_file(c / "a/trung-so.md",
             content_file("title: Trùng số\ndepartment: Văn phòng\nnumber: 30/2020/NĐ-CP\n",
                          "Văn bản khác cùng số.\n"));
  write_file(c / "a/hong.md", "---\ntitle: [\n---\nThân.\n");
  write_file(c / "b/links.md",
             content_file("id: a/links\ntitle: Trùng id\ndepartment: Văn phòng\n", "Thân.\n"));
  const CheckReport r = check_content(c);
  CHECK(r.files == 9);
  // The body starts on line 5 (two fences, two fields).
  CHECK(has(r,
            "a/links.md:6: văn bản van-phong/the-thuc không có mục #khong-co: "
            "/doc/van-phong/the-thuc#khong-co"));
  CHECK(has(r, "a/links.md:6: liên kết tới văn bản không có trong sổ tay: /doc/khong/co"));
  CHECK(has(r, "a/links.md:7: không tìm thấy hình a/hinh/so-do.png"));
  CHECK(has(r, "a/links.md:8: cảnh báo: văn bản số 99/2099/NĐ-CP không có trong sổ tay"));
  CHECK(has(r, "a/links.md:10: cảnh báo: mục \"Trống\" không có nội dung"));
  CHECK(has(r,
            "van-phong/the-thuc.md:1: số hiệu 30/2020/NĐ-CP trùng với văn bản a/trung-so "
            "(a/trung-so.md)"));
  CHECK(has(r, "b/links.md:1: id \"a/links\" đã được dùng cho tệp a/links.md"));
  bool broken_front_matter = false;
  for (const CheckProblem& p : r.problems) {
    broken_front_matter = broken_front_matter || (p.path == "a/hong.md" && !p.warning);
  }
  CHECK(broken_front_matter);
  // Nothing else: the good link, the existing image and the known number pass.
  CHECK(r.errors() == 6);
  CHECK(r.warnings() == 2);
  const auto j = r.to_json();
  CHECK(j["errors"] == 6);
  CHECK(j["problems"][0].contains("severity"));
}

TEST_CASE("check: not a content directory") {
  TempDir tmp;
  CHECK_THROWS_AS(check_content(tmp.path() / "missing"), std::runtime_error);
}
