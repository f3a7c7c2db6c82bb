// Request body limits over HTTP (body_limits.h), on the real server: the
// documented `curl --data-binary @file` submission up to its limit whatever
// the Content-Type, a 413 that names the configured limit (JSON under
// /api/, the handbook's page for a browser form), bodies without
// Content-Length held to the same limits, and the warnings a submission
// with pasted HTML gets.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "files.h"
#include "hash.h"
#include "raw_connection.h"
#include "submission_support.h"

using namespace sotay;
using namespace sotay::test;
using nlohmann::json;

namespace {

// A content file of about `size` bytes with characters form-decoding would
// change ('+', '%', '&', '='): the stored file must be the bytes sent.
std::string document_of_size(const std::string& id, std::size_t size) {
  std::string body = "Điều 1. Phí 5% + 10% & lệ phí = 0.\n\n";
  while (body.size() < size) body += "Đoạn văn bản dài để thử giới hạn kích thước, a+b=c&d%20.\n";
  return office_doc(id, body);
}

httplib::Result post(const Workflow& w, const std::string& path, const std::string& body,
                     const std::string& type, const std::string& token) {
  auto c = w.client();
  return c.Post(path.c_str(), {{"Authorization", "Bearer " + token}}, body, type.c_str());
}

std::string error_message(const std::string& body) {
  const json j = json::parse(body, nullptr, false);
  return j.is_object() ? j["error"].value("message", "") : "";
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A request head for a raw connection.
std::string head(const std::string& method, const std::string& path, const Workflow& w,
                 const std::string& headers) {
  return method + " " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + w.office +
         "\r\n" + headers + "\r\n";
}

}  // namespace

TEST_CASE("POST /api/submissions takes any body up to its limit, whatever its Content-Type") {
  Workflow w;
  struct Row {
    const char* type;  // "" : no Content-Type header
    std::size_t size;
  };
  const Row rows[] = {
      {"application/x-www-form-urlencoded", 9 * 1024},  // curl -d / --data-binary
      {"application/x-www-form-urlencoded", 1900 * 1024},
      {"text/markdown; charset=utf-8", 9 * 1024},
      {"application/octet-stream", 1900 * 1024},
      {"", 9 * 1024},
  };
  int n = 0;
  for (const Row& r : rows) {
    CAPTURE(r.type);
    CAPTURE(r.size);
    const std::string doc = document_of_size("van-phong/gioi-han-" + std::to_string(++n), r.size);
    std::string status_line;
    std::string answer;
    if (*r.type == '\0') {
      RawConnection raw(w.port, std::chrono::seconds(30));
      REQUIRE(raw.send_bytes(
          head("POST", "/api/submissions", w,
               "Content-Length: " + std::to_string(doc.size()) + "\r\nConnection: close\r\n") +
          doc));
      answer = raw.read_response();
      status_line = answer.substr(0, answer.find('\r'));
      answer = answer.substr(answer.find("\r\n\r\n") + 4);
      CHECK(has(status_line, " 201 "));
    } else {
      const auto res = post(w, "/api/submissions", doc, r.type, w.office);
      REQUIRE(res);
      CHECK_MESSAGE(res->status == 201, res->body.substr(0, 300));
      answer = res->body;
    }
    const json j = json::parse(answer, nullptr, false);
    REQUIRE(j.is_object());
    // Stored as sent, never form-decoded.
    CHECK(j.value("hash", "") == sha256_hex(doc));
    CHECK(j["warnings"] == json::array());
  }
}

TEST_CASE("a body over the limit answers 413 naming the configured limit") {
  SUBCASE("2 MB, JSON, curl's Content-Type") {
    Workflow w;
    const std::string doc = document_of_size("van-phong/qua-lon", 2200 * 1024);
    const auto res =
        post(w, "/api/submissions", doc, "application/x-www-form-urlencoded", w.office);
    REQUIRE(res);
    CHECK(res->status == 413);
    CHECK(res->get_header_value("Content-Type") == "application/json");
    const std::string m = error_message(res->body);
    CAPTURE(m);
    CHECK(has(m, "tối đa 2 MB"));
    CHECK(has(m, "(2,1 MB)"));
    CHECK(has(m, "/api/import"));
  }
  SUBCASE("another configured limit is the one named") {
    Workflow w(30, false);
    w.configure = [](ServerOptions& o) { o.submission_limits.max_bytes = 1536 * 1024; };
    w.start(30);
    const auto res = post(w, "/api/submissions", document_of_size("van-phong/x", 1600 * 1024),
                          "text/markdown", w.office);
    REQUIRE(res);
    CHECK(res->status == 413);
    CHECK(has(error_message(res->body), "tối đa 1,5 MB"));
    // Under it: accepted.
    const auto ok = post(w, "/api/submissions", document_of_size("van-phong/y", 1400 * 1024),
                         "text/markdown", w.office);
    REQUIRE(ok);
    CHECK(ok->status == 201);
  }
  SUBCASE("Expect: 100-continue is answered before the body is sent") {
    Workflow w;
    RawConnection raw(w.port, std::chrono::seconds(10));
    REQUIRE(raw.send_bytes(head("POST", "/api/submissions", w,
                                "Content-Type: application/x-www-form-urlencoded\r\n"
                                "Content-Length: 40000000\r\nExpect: 100-continue\r\n")));
    const std::string answer = raw.read_response();
    CHECK(answer.rfind("HTTP/1.1 413", 0) == 0);
    CHECK(has(answer, "tối đa 2 MB"));
    CHECK(has(answer, "(38,1 MB)"));
    CHECK(raw.closed_by_server());
  }
  SUBCASE("pages and the search API: their own limit, named") {
    Workflow w;
    auto c = w.client();
    const auto api = c.Post("/api/search", std::string(65 * 1024, 'x'), "text/plain");
    REQUIRE(api);
    CHECK(api->status == 413);
    CHECK(has(error_message(api->body), "tối đa 64 KB"));
    // A urlencoded form httplib parses: its 8 KB cap is the limit named.
    const auto form = c.Post("/bien-tap/tu-choi/abc", "csrf=x&reason=" + std::string(9000, 'a'),
                             "application/x-www-form-urlencoded");
    REQUIRE(form);
    CHECK(form->status == 413);
    CHECK(has(form->get_header_value("Content-Type"), "text/html"));
    CHECK(has(form->body, "tối đa 8 KB"));
    CHECK(has(form->body, "href=\"/bien-tap\""));
  }
}

TEST_CASE("an upload over the limit at /nop gets the handbook's page, not a reset") {
  Workflow w(30, false);
  w.configure = [](ServerOptions& o) { o.submission_limits.max_import_bytes = 1 << 20; };
  w.start(30);
  // A multipart form as a browser sends it, 3 MB: read and dropped, then
  // the page (the body is sent whole before the answer is read).
  const std::string boundary = "----sotayBoundary7MA4YWxkTrZu0gW";
  std::string body = "--" + boundary +
                     "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nx\r\n--" + boundary +
                     "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.pdf\"\r\n"
                     "Content-Type: application/pdf\r\n\r\n%PDF-1.4\n" +
                     std::string(3 << 20, 'x') + "\r\n--" + boundary + "--\r\n";
  auto c = w.client();
  const auto res = c.Post("/nop", body, ("multipart/form-data; boundary=" + boundary).c_str());
  REQUIRE(res);
  CHECK(res->status == 413);
  CHECK(has(res->get_header_value("Content-Type"), "text/html"));
  CHECK(has(res->body, "<h1>Tệp quá lớn</h1>"));
  CHECK(has(res->body, "Tệp bạn gửi (3 MB) lớn hơn mức tối đa 1 MB mà sổ tay nhận"));
  CHECK(has(res->body, "nén tệp"));
  CHECK(has(res->body, "biên tập viên"));
  CHECK(has(res->body, "href=\"/nop\""));
  CHECK(has(res->body, "<html"));  // the handbook's layout
}

TEST_CASE("a body without Content-Length is held to the same limit") {
  Workflow w(30, false);
  w.configure = [](ServerOptions& o) { o.submission_limits.max_bytes = 64 * 1024; };
  w.start(30);
  const auto chunked = [](const std::string& bytes) {
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); i += 4096) {
      const std::string part = bytes.substr(i, 4096);
      char size[16];
      std::snprintf(size, sizeof size, "%zx", part.size());
      out += std::string(size) + "\r\n" + part + "\r\n";
    }
    return out + "0\r\n\r\n";
  };
  {
    RawConnection raw(w.port, std::chrono::seconds(10));
    REQUIRE(raw.send_bytes(head("POST", "/api/submissions", w, "Transfer-Encoding: chunked\r\n") +
                           chunked(document_of_size("van-phong/chunked", 20 * 1024))));
    CHECK(raw.read_response().rfind("HTTP/1.1 201", 0) == 0);
  }
  RawConnection raw(w.port, std::chrono::seconds(10));
  REQUIRE(raw.send_bytes(head("POST", "/api/submissions", w, "Transfer-Encoding: chunked\r\n") +
                         chunked(std::string(200 * 1024, 'a'))));
  const std::string answer = raw.read_response();
  CHECK(answer.rfind("HTTP/1.1 413", 0) == 0);
  CHECK(has(answer, "tối đa 64 KB"));
}

TEST_CASE("a submission with pasted HTML is stored with a Markdown table and warned") {
  Workflow w;
  const std::string doc =
      office_doc("van-phong/bang-html",
                 "Hồ sơ gồm:\n\n<table><tr><th>TT</th><th>Giấy tờ</th></tr>\n"
                 "<tr><td>1</td><td>Tờ khai</td></tr></table>\n\n<div>Ghi chú</div>\n");
  const auto res = post(w, "/api/submissions", doc, "text/markdown", w.office);
  REQUIRE(res);
  REQUIRE_MESSAGE(res->status == 201, res->body);
  const json j = json::parse(res->body);
  REQUIRE(j["warnings"].size() == 2);
  // The body starts on line 6 of the file (five lines of front matter).
  CHECK(has(j["warnings"][0].get<std::string>(), "dòng 8: bảng HTML (dòng 8–9) đã được chuyển"));
  CHECK(has(j["warnings"][1].get<std::string>(), "dòng 11: khối HTML <div>"));
  const std::string stored = read_file(w.inbox / (j["id"].get<std::string>() + ".md"));
  CHECK(has(stored, "| TT | Giấy tờ |\n| --- | --- |\n| 1 | Tờ khai |\n"));
  CHECK(stored.rfind("---\nid: van-phong/bang-html\n", 0) == 0);
  CHECK(j["hash"] == sha256_hex(stored));
  // The list shows them too (the review page and the department's page).
  auto c = w.client();
  const auto list = c.Get("/api/submissions", {{"Authorization", "Bearer " + w.editor}});
  REQUIRE(list);
  CAPTURE(list->body);
  const json listed_json = json::parse(list->body);
  bool listed = false;
  for (const json& s : listed_json["submissions"]) {
    if (s["id"] == j["id"]) listed = s["warnings"].size() == 2;
  }
  CHECK(listed);
}
