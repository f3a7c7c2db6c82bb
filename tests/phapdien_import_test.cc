// import-phapdien: a tiny gzip JSONL becomes content files the loader accepts.
#include <doctest/doctest.h>

#include <zlib.h>

#include <nlohmann/json.hpp>

#include "content_loader.h"
#include "files.h"
#include "phapdien_import.h"
#include "test_support.h"

using namespace sotay;
using namespace sotay::test;

namespace {

void write_gzip(const std::filesystem::path& path, const std::string& bytes) {
  gzFile out = gzopen(path.c_str(), "wb");
  REQUIRE(out != nullptr);
  REQUIRE(gzwrite(out, bytes.data(), static_cast<unsigned>(bytes.size())) ==
          static_cast<int>(bytes.size()));
  REQUIRE(gzclose(out) == Z_OK);
}

std::string article(const std::string& id, const std::string& title, const std::string& no,
                    const std::string& type, const std::string& note, const std::string& text) {
  return nlohmann::json{{"id", id},
                        {"demuc_code", "36.3"},
                        {"demuc_name", "Thanh niên"},
                        {"title", title},
                        {"source_note", note},
                        {"src_doc_no", no},
                        {"src_doc_type", type},
                        {"text", text},
                        {"see_also", nullptr}}
             .dump() +
         "\n";
}

Document load(const std::filesystem::path& content, const std::string& rel) {
  std::vector<ContentError> errors;
  const auto doc = load_document(rel, read_file(content / rel), errors);
  for (const ContentError& e : errors) MESSAGE(e.to_string());
  REQUIRE(errors.empty());
  REQUIRE(doc);
  return *doc;
}

}  // namespace

TEST_CASE("import-phapdien writes one valid content file per article") {
  TempDir tmp;
  const auto input = tmp.path() / "corpus.jsonl.gz";
  write_gzip(input,
             article("3600300000000000100000100000000000000000", "Điều 36.3.LQ.1. \"Thanh niên\"",
                     "57/2020/QH14", "Luật", "(Điều 1 Luật số 57/2020/QH14 *a* [b])",
                     "# Không phải tiêu đề\n1. Khoản một: #a\n| a | b |\n|---|---|\n> trích") +
                 article("11", "Điều 2: mục #2 - 'x'", "", "", "",
                         "- gạch đầu dòng\n  2) hai\n<b>đậm</b> & `mã` *nghiêng*\n===") +
                 "{not json\n" +
                 article("3600300000000000100000100000000000000000", "lặp", "", "", "", "x") +
                 article("12", "Điều 3. Bãi bỏ", "1/2000/QH10", "Luật", "(được bãi bỏ)", "") +
                 article("13", "Điều 4. Không có nội dung", "", "", "", " \n"));
  const auto out = tmp.path() / "content";
  ImportOptions options;
  options.input = input;
  options.output = out;
  const ImportReport r = import_phapdien(options);
  CHECK(r.read == 6);
  CHECK(r.written == 3);
  CHECK(r.empty_text == 1);
  REQUIRE(r.skipped.size() == 3);
  CHECK(r.skipped[0].line == 3);
  CHECK(r.skipped[1].reason == "id bị lặp lại");
  CHECK(r.skipped[2].id == "13");  // neither text nor source note: nothing to index

  const Document a = load(out, "phap-dien/thanh-nien/3600300000000000100000100000000000000000.md");
  CHECK(a.meta.id == "3600300000000000100000100000000000000000");
  CHECK(a.meta.title == "Điều 36.3.LQ.1. \"Thanh niên\"");
  CHECK(a.meta.number == "57/2020/QH14");
  CHECK(a.meta.type == "Luật");
  CHECK(a.meta.field == "Thanh niên");
  CHECK(a.meta.department == "Bộ pháp điển");
  REQUIRE(a.sections.size() == 1);  // no heading: one section per article
  CHECK(a.sections[0].text ==
        "(Điều 1 Luật số 57/2020/QH14 *a* [b])\n# Không phải tiêu đề\n1. Khoản một: #a\n"
        "| a | b |\n|---|---|\n> trích");
  CHECK(a.html.find("<em>(") != std::string::npos);  // the source note, in italics
  for (const char* tag : {"<h1", "<ol", "<table", "<blockquote", "<ul"}) {
    CHECK(a.html.find(tag) == std::string::npos);
  }

  const Document b = load(out, "phap-dien/thanh-nien/11.md");
  CHECK(b.meta.title == "Điều 2: mục #2 - 'x'");
  CHECK(b.meta.number.empty());
  CHECK(b.meta.type.empty());
  REQUIRE(b.sections.size() == 1);
  CHECK(b.sections[0].text == "- gạch đầu dòng\n2) hai\n<b>đậm</b> & `mã` *nghiêng*\n===");
  for (const char* tag : {"<h1", "<h2", "<ol", "<ul", "<code", "<em", "<b>"}) {
    CHECK(b.html.find(tag) == std::string::npos);
  }

  const Document c = load(out, "phap-dien/thanh-nien/12.md");
  REQUIRE(c.sections.size() == 1);
  CHECK(c.sections[0].text == "(được bãi bỏ)");
}

TEST_CASE("import-phapdien --ids and --limit") {
  TempDir tmp;
  const auto input = tmp.path() / "corpus.jsonl.gz";
  write_gzip(input, article("1", "Điều 1", "", "", "", "một") +
                        article("2", "Điều 2", "", "", "", "hai") +
                        article("3", "Điều 3", "", "", "", "ba"));
  write_file(tmp.path() / "ids.txt", "3\n\n 1 \n9\n");
  ImportOptions options;
  options.input = input;
  options.output = tmp.path() / "content";
  options.ids_file = tmp.path() / "ids.txt";
  ImportReport r = import_phapdien(options);
  CHECK(r.written == 2);
  CHECK(r.filtered == 1);
  CHECK(r.ids_not_found == 1);
  CHECK(list_content_files(options.output) ==
        std::vector<std::string>{"phap-dien/thanh-nien/1.md", "phap-dien/thanh-nien/3.md"});

  options.ids_file.clear();
  options.output = tmp.path() / "limited";
  options.limit = 1;
  r = import_phapdien(options);
  CHECK(r.written == 1);
  CHECK(r.read == 1);
}
