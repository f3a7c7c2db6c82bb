// The default dictionary and the editors' files over it: synonyms.txt,
// overrides and removals (docs/content-format.md, "Từ điển").
#include <doctest/doctest.h>

#include "dictionary.h"
#include "spelling_variants.h"
#include "test_support.h"

using namespace sotay;
using namespace sotay::test;

namespace {

std::vector<Token> words(const std::string& text) { return tokenize(text); }

}  // namespace

TEST_CASE("the default dictionary parses cleanly and knows the common abbreviations") {
  std::vector<ContentError> errors;
  const Dictionary d = Dictionary::defaults(errors);
  for (const ContentError& e : errors) CAPTURE(e.message);
  CHECK(errors.empty());
  for (const char* a : {"ubnd", "hdnd", "mttq", "tthc", "cbcc", "cccd", "cmnd", "bhxh", "bhyt",
                        "htx", "attp", "tncn", "hdld", "gcn", "qsdd", "pccc"}) {
    CAPTURE(a);
    CHECK(d.abbreviation(a));
  }
  CHECK(d.is_stopword("của", "cua", true));
  CHECK_FALSE(d.synonyms().find(words("xe máy")).empty());
  CHECK_FALSE(d.synonyms().find(words("ly di")).empty());
}

TEST_CASE("synonyms file: groups, weights, accents decide when typed") {
  Synonyms s;
  std::vector<ContentError> errors;
  s.parse("_dictionary/synonyms.txt",
          "# comment\nxe máy = xe mô tô | xe gắn máy\nchậm = quá hạn ; 0.3\n", errors);
  CHECK(errors.empty());
  REQUIRE(s.groups().size() == 2);
  CHECK(s.groups()[1].weight == doctest::Approx(0.3));
  CHECK(s.groups()[0].weight == doctest::Approx(Synonyms::DEFAULT_WEIGHT));
  CHECK(s.find(words("xe gắn máy")).size() == 1);
  CHECK(s.find(words("xe gan may")).size() == 1);  // no accents typed: folded
  CHECK(s.find(words("chậm")).size() == 1);
  CHECK(s.find(words("cham")).size() == 1);
  CHECK(s.find(words("chăm")).empty());  // accents typed: exact
  CHECK(s.longest() == 3);
  const Synonyms copy = Synonyms::from_json(s.to_json());
  CHECK(copy.groups().size() == 2);
  CHECK(copy.find(words("xe mô tô")).size() == 1);
}

TEST_CASE("bad synonym lines are reported as path:line and skipped") {
  struct Row {
    std::string text;
    int line;
    const char* part;
  };
  const Row rows[] = {
      {"xe máy xe mô tô\n", 1, "thiếu dấu \"=\""},
      {"# x\n = xe mô tô\n", 2, "thiếu từ bên trái"},
      {"xe máy =\n", 1, "thiếu từ đồng nghĩa"},
      {"xe máy = xe mô tô | \n", 1, "từ đồng nghĩa trống"},
      {"xe máy = xe mô tô ; 2\n", 1, "trọng số \"2\""},
      {"xe máy = xe máy\n", 1, "lặp lại trên cùng một dòng"},
      {"xe máy = xe mô tô\n\nxe gắn máy = Xe máy\n", 3, "đã có ở dòng 1"},
      {"- không có\n", 1, "để bỏ"},
      {"a = b\nc = \xFF\n", 2, "UTF-8"},
  };
  for (const Row& r : rows) {
    CAPTURE(r.text);
    Synonyms s;
    std::vector<ContentError> errors;
    s.parse("_dictionary/synonyms.txt", r.text, errors);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].path == "_dictionary/synonyms.txt");
    CHECK(errors[0].line == r.line);
    CHECK(errors[0].message.find(r.part) != std::string::npos);
  }
}

TEST_CASE("_dictionary/ adds to, overrides and removes default entries") {
  TempDir tmp;
  const auto c = tmp.path() / "content";
  write_file(c / "_dictionary/abbreviations.txt",
             "HTX = hỗ trợ xã hội\n- CCCD\nPXVH = phường Xuân Viên Hưng\n");
  write_file(c / "_dictionary/stopwords.txt", "- của\nnhé\n");
  write_file(c / "_dictionary/synonyms.txt", "xe máy = xe gắn máy ; 0.8\n- ly dị\n");
  std::vector<ContentError> errors;
  const Dictionary d = Dictionary::load(c, errors);
  CHECK(errors.empty());
  REQUIRE(d.abbreviation("htx"));
  CHECK(d.abbreviation("htx")->expansions == std::vector<std::string>{"hỗ trợ xã hội"});
  CHECK(d.abbreviations_of({"hop", "tac", "xa"}).empty());
  CHECK_FALSE(d.abbreviation("cccd"));
  CHECK(d.abbreviation("pxvh"));
  CHECK(d.abbreviation("ubnd"));  // the rest of the default stays
  CHECK_FALSE(d.is_stopword("của", "cua", true));
  CHECK(d.is_stopword("nhé", "nhe", true));
  const auto xe = d.synonyms().find(words("xe máy"));
  REQUIRE(xe.size() == 1);
  CHECK(xe[0].group->phrases.size() == 2);  // the content's line replaced the default group
  CHECK(xe[0].group->weight == doctest::Approx(0.8));
  CHECK(d.synonyms().find(words("ly dị")).empty());
  CHECK(d.synonyms().find(words("ly hôn")).empty());
  // Removing what the default does not have is an error with its line.
  write_file(c / "_dictionary/abbreviations.txt", "UBND = Ủy ban nhân dân\n- XYZ\n");
  errors.clear();
  Dictionary::load(c, errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 2);
  CHECK(errors[0].message.find("\"XYZ\" để bỏ") != std::string::npos);
}

TEST_CASE("spelling variants: i and y after h k l m s t qu") {
  struct Row {
    const char* form;
    const char* variant;
  };
  const Row rows[] = {{"kí", "ký"},   {"ký", "kí"}, {"lí", "lý"}, {"mĩ", "mỹ"}, {"quy", "qui"},
                      {"qui", "quy"}, {"ki", "ky"}, {"tỉ", "tỷ"}, {"hy", "hi"}, {"sĩ", "sỹ"},
                      {"di", ""},     {"kim", ""},  {"y", ""},    {"thi", ""},  {"ni", ""}};
  for (const Row& r : rows) {
    CAPTURE(r.form);
    CHECK(spelling_variant(r.form) == r.variant);
  }
}
