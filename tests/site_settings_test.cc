// content/_site.yaml: parsing, errors with path:line, and the build report.
#include <doctest/doctest.h>

#include "site_settings.h"
#include "test_support.h"

using namespace sotay;
using namespace sotay::test;

TEST_CASE("site settings: a good file") {
  std::vector<ContentError> errors;
  const SiteSettings s = SiteSettings::parse("_site.yaml",
                                             "# thiết lập\n"
                                             "ward_name: UBND phường Thử Nghiệm\n"
                                             "handbook_title: Sổ tay thử\n"
                                             "contact: 024 0000 0000\n",
                                             errors);
  CHECK(errors.empty());
  CHECK(s.ward_name == "UBND phường Thử Nghiệm");
  CHECK(s.handbook_title == "Sổ tay thử");
  CHECK(s.contact == "024 0000 0000");
  CHECK(s.editor.empty());
  CHECK(SiteSettings::from_json(s.to_json()).to_json() == s.to_json());
}

TEST_CASE("site settings: bad files give path:line and keep the defaults") {
  struct Row {
    const char* text;
    const char* error;  // expected ContentError::to_string() prefix
  };
  const Row rows[] = {
      // Syntax errors are explained in Vietnamese, as in front matter.
      {"ward_name: A\nhandbook_title: [x, y\n",
       "_site.yaml:2: sai cú pháp: danh sách mở bằng \"[\" phải đóng bằng \"]\""},
      {"ward_name: A\nhandbook_title: Sổ tay: bản 2\n",
       "_site.yaml:2: sai cú pháp: giá trị của \"handbook_title\" có dấu hai chấm"},
      {"ward_name: A\nward_nam: B\n", "_site.yaml:2: khóa không được hỗ trợ \"ward_nam\""},
      {"ward_name: A\nhandbook_title: [a, b]\n", "_site.yaml:2: trường \"handbook_title\" phải là"},
      {"ward_name: \"\"\n", "_site.yaml:1: trường \"ward_name\" không được để trống"},
      {"ward_name: A\nward_name: B\n", "_site.yaml:2: khóa \"ward_name\" bị lặp lại"},
      {"- a\n- b\n", "_site.yaml:1: tệp thiết lập phải là"},
      {"ward_name: \xff\n", "_site.yaml:1: tệp không phải UTF-8"},
      {"ward_name: A\ndepartments: Phòng Tư pháp\n",
       "_site.yaml:2: trường \"departments\" phải là danh sách"},
      {"ward_name: A\ndepartments:\n  - Phòng Tư pháp\n  - \"\"\n",
       "_site.yaml:4: trường \"departments\": mỗi mục phải là một tên đơn vị"},
  };
  for (const Row& r : rows) {
    CAPTURE(std::string(r.text));
    std::vector<ContentError> errors;
    SiteSettings::parse("_site.yaml", r.text, errors);
    REQUIRE(errors.size() == 1);
    CAPTURE(errors[0].to_string());
    CHECK(errors[0].to_string().rfind(r.error, 0) == 0);
  }
}

TEST_CASE("site settings: departments lists names, in NFC, and survives the edition's JSON") {
  std::vector<ContentError> errors;
  // "Phòng" written decomposed (o + combining grave) becomes NFC.
  const SiteSettings s = SiteSettings::parse(
      "_site.yaml", "ward_name: A\ndepartments:\n  - Pho\xcc\x80ng Tư pháp\n  - Phòng Y tế \n",
      errors);
  CHECK(errors.empty());
  CHECK(s.departments == std::vector<std::string>{"Phòng Tư pháp", "Phòng Y tế"});
  CHECK(SiteSettings::from_json(s.to_json()).departments == s.departments);
}

TEST_CASE("a _site.yaml with a departments list builds without errors") {
  TempDir tmp;
  write_fixture_content(tmp.path() / "content");
  write_file(tmp.path() / "content/_site.yaml",
             "ward_name: Phường A\ndepartments:\n  - Phòng Tài chính - Kế hoạch\n");
  const BuildReport report = build(tmp.path() / "content", tmp.path() / "index");
  for (const ContentError& e : report.errors) MESSAGE(e.to_string());
  CHECK(report.errors.empty());
  CHECK(report.published);
}

TEST_CASE("a bad _site.yaml is reported by the build, which still publishes") {
  TempDir tmp;
  write_fixture_content(tmp.path() / "content");
  write_file(tmp.path() / "content/_site.yaml", "ward_name: Phường A\ntitle: Sổ tay\n");
  const BuildReport report = build(tmp.path() / "content", tmp.path() / "index");
  CHECK(report.published);
  REQUIRE(report.errors.size() == 1);
  CHECK(report.errors[0].to_string().rfind("_site.yaml:2: khóa không được hỗ trợ \"title\"", 0) ==
        0);
}
