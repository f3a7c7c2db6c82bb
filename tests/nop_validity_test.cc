// /nop as the clerk states a document's validity: the effective and expiry
// dates and "hết hiệu lực một phần" with its articles, each error beside its
// field in the form's words, every value back after an error; on the real
// server (handlers_nop_form.cc).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "files.h"
#include "front_matter.h"
#include "submission_support.h"
#include "validity.h"

using namespace sotay;
using namespace sotay::test;
using nlohmann::json;

namespace {

struct Dates {
  std::string effective, expires, status, articles;
};

httplib::MultipartFormDataItems fields(const std::string& title, const Dates& d) {
  return {{"title", title, "", ""},
          {"type", "Quyết định", "", ""},
          {"number", "9/2026/QĐ-UBND", "", ""},
          {"effective", d.effective, "", ""},
          {"expires", d.expires, "", ""},
          {"status", d.status, "", ""},
          {"expired_articles", d.articles, "", ""},
          {"body", "## Điều 5. Lệ phí\n\nMức thu.\n\n## Điều 7. Hồ sơ\n\nThành phần.\n", "", ""},
          {"action", "nop", "", ""}};
}

std::string input_value(const std::string& html, const std::string& id) {
  const std::size_t at = html.find("<input id=\"" + id + "\"");
  if (at == std::string::npos) return {};
  const std::size_t v = html.find("value=\"", at) + 7;
  return html.substr(v, html.find('"', v) - v);
}

// The error paragraph of a field, "" when there is none.
std::string field_error(const std::string& html, const std::string& id) {
  const std::size_t at = html.find("<p class=\"field-error\" id=\"" + id + "-error\">");
  if (at == std::string::npos) return {};
  const std::size_t start = html.find('>', at) + 1;
  return html.substr(start, html.find("</p>", start) - start);
}

// How many times `what` occurs in `html`.
std::size_t occurrences(const std::string& html, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = html.find(what); at != std::string::npos; at = html.find(what, at + 1)) ++n;
  return n;
}

// The form's layout holds: every <div> is closed (one left open nested the
// status, expired-articles and relation fields into a squeezed column), and
// the expiry date shares its row with the status.
void check_form_layout(const std::string& html) {
  CHECK(occurrences(html, "<div") == occurrences(html, "</div>"));
  const std::size_t expires = html.find("<label for=\"expires\">");
  const std::size_t status = html.find("<label for=\"status\">");
  REQUIRE(expires != std::string::npos);
  REQUIRE(status != std::string::npos);
  const std::size_t row = html.rfind("<div class=\"pair\">", expires);
  CHECK(html.rfind("<div class=\"pair\">", status) == row);
}

json list_of(const Workflow& w, const std::string& token) {
  const auto res = w.client().Get("/api/submissions", {{"Authorization", "Bearer " + token}});
  REQUIRE(res);
  return json::parse(res->body)["submissions"];
}

}  // namespace

TEST_CASE("/nop validity: dates and partial expiry refused at their field, values kept") {
  Workflow w;
  const Clerk clerk(w.port, w.office);
  REQUIRE_FALSE(clerk.csrf.empty());
  struct Row {
    Dates dates;
    const char* field;   // the input whose error it is
    const char* needle;  // in its error
  };
  const Row rows[] = {
      {{"2026-03-01", "2026-02-01", "in-force", ""}, "expires", "không sau ngày có hiệu lực"},
      {{"2026-03-01", "2026-03-01", "expired", ""}, "expires", "không sau ngày có hiệu lực"},
      {{"2026-03-01", "", "partly-expired", ""}, "expired-articles", "chưa ghi điều nào"},
      {{"2026-03-01", "", "partly-expired", "khoản 2"}, "expired-articles", "không đọc được"},
      {{"2026-03-01", "", "in-force", "5"}, "expired-articles", "Hết hiệu lực một phần"},
  };
  for (const Row& r : rows) {
    CAPTURE(r.dates.expires);
    CAPTURE(r.dates.status);
    CAPTURE(r.dates.articles);
    const auto res = clerk.post(fields("Quyết định về lệ phí", r.dates));
    REQUIRE(res);
    CHECK(res->status == 422);
    const std::string error = field_error(res->body, r.field);
    CAPTURE(error);
    CHECK(contains(error, r.needle));
    // No front matter key in what the clerk reads.
    CHECK_FALSE(contains(res->body, "expired_articles:"));
    CHECK_FALSE(contains(error, "expires"));
    // Everything typed comes back.
    CHECK(input_value(res->body, "effective") == r.dates.effective);
    CHECK(input_value(res->body, "expires") == r.dates.expires);
    CHECK(input_value(res->body, "expired_articles") == r.dates.articles);
    CHECK(contains(res->body, "<option value=\"" + r.dates.status + "\" selected>"));
    check_form_layout(res->body);
  }
  CHECK(list_of(w, w.editor).empty());
}

TEST_CASE("/nop validity: the dates and the expired articles become the document's front matter") {
  Workflow w;
  const Clerk clerk(w.port, w.office);
  const auto page = clerk.get("/nop");
  REQUIRE(page);
  check_form_layout(page->body);
  // Every status front matter can hold is offered, in Vietnamese.
  for (const char* label : {"Còn hiệu lực", "Chưa có hiệu lực", "Hết hiệu lực toàn bộ",
                            "Hết hiệu lực một phần", "Ngưng hiệu lực"}) {
    CHECK(contains(page->body, std::string(label) + "</option>"));
  }
  const auto res = clerk.post(fields("Quyết định về lệ phí hộ tịch",
                                     {"2026-03-01", "2027-01-01", "partly-expired", "Điều 5, 7"}));
  REQUIRE(res);
  CAPTURE(res->body);
  REQUIRE(res->status == 201);
  const json list = list_of(w, w.office);
  REQUIRE(list.size() == 1);
  const std::string file = read_file(w.inbox / (list[0]["id"].get<std::string>() + ".md"));
  std::vector<ContentError> errors;
  const ParsedFile parsed = parse_content_file("", file, errors);
  CHECK(errors.empty());
  CHECK(parsed.meta.effective == "2026-03-01");
  CHECK(parsed.meta.expires == "2027-01-01");
  CHECK(parse_validity(parsed.meta.status) == Validity::PARTLY_EXPIRED);
  CHECK(parsed.meta.expired_articles == std::vector<std::string>{"5", "7"});
}
