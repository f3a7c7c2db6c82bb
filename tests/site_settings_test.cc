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
      {"ward_name: A\nhandbook_title: [x, y\n", "_site.yaml:3: lỗi cú pháp YAML"},
      {"ward_name: A\nward_nam: B\n", "_site.yaml:2: khóa không được hỗ trợ \"ward_nam\""},
      {"ward_name: A\nhandbook_title: [a, b]\n", "_site.yaml:2: trường \"handbook_title\" phải là"},
      {"ward_name: \"\"\n", "_site.yaml:1: trường \"ward_name\" không được để trống"},
      {"ward_name: A\nward_name: B\n", "_site.yaml:2: khóa \"ward_name\" bị lặp lại"},
      {"- a\n- b\n", "_site.yaml:1: tệp thiết lập phải là"},
      {"ward_name: \xff\n", "_site.yaml:1: tệp không phải UTF-8"},
  };
  for (const Row& r : rows) {
    CAPTURE(r.text);
    std::vector<ContentError> errors;
    SiteSettings::parse("_site.yaml", r.text, errors);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].to_string().rfind(r.error, 0) == 0);
  }
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
