#include <doctest/doctest.h>

#include "dictionary.h"

using namespace sotay;

TEST_CASE("abbreviations file: entries, weights, folded lookups") {
  Dictionary d;
  std::vector<ContentError> errors;
  d.parse_abbreviations("_dictionary/abbreviations.txt",
                        "# comment\n"
                        "UBND = Ủy ban nhân dân\n"
                        "\n"
                        "CT = Chủ tịch | Chỉ thị ; 0.4   # ambiguous\n"
                        "TTHC = thủ tục hành chính\n",
                        errors);
  CHECK(errors.empty());
  REQUIRE(d.abbreviations().size() == 3);
  REQUIRE(d.abbreviation("ubnd"));
  CHECK(d.abbreviation("ubnd")->expansions == std::vector<std::string>{"Ủy ban nhân dân"});
  REQUIRE(d.abbreviation("ct"));
  CHECK(d.abbreviation("ct")->weight == doctest::Approx(0.4));
  CHECK(d.abbreviation("ct")->expansions.size() == 2);
  CHECK_FALSE(d.abbreviation("xyz"));
  CHECK(d.abbreviations_of({"uy", "ban", "nhan", "dan"}).size() == 1);
  CHECK(d.abbreviations_of({"chu", "tich"}).at(0)->abbreviation == "CT");
  CHECK(d.abbreviations_of({"uy", "ban"}).empty());
  CHECK(d.longest_expansion() == 4);

  const Dictionary copy = Dictionary::from_json(d.to_json());
  CHECK(copy.abbreviations().size() == 3);
  CHECK(copy.abbreviation("tthc"));
}

TEST_CASE("bad dictionary entries are reported as path:line and skipped") {
  struct Row {
    std::string text;
    int line;
    const char* part;
  };
  const Row rows[] = {
      {"UBND Ủy ban nhân dân\n", 1, "thiếu dấu \"=\""},
      {"# x\nUB ND = Ủy ban\n", 2, "phải là một từ"},
      {"UBND =\n", 1, "thiếu dạng đầy đủ"},
      {"UBND = Ủy ban | \n", 1, "dạng đầy đủ trống"},
      {"CT = Chủ tịch ; 2\n", 1, "trọng số \"2\""},
      {"CT = Chủ tịch ; abc\n", 1, "trọng số"},
      {"UBND = A\nubnd = B\n", 2, "đã được khai báo"},
      {"A = B\nX = \xFF\n", 2, "UTF-8"},
  };
  for (const Row& r : rows) {
    CAPTURE(r.text);
    Dictionary d;
    std::vector<ContentError> errors;
    d.parse_abbreviations("_dictionary/abbreviations.txt", r.text, errors);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].line == r.line);
    CHECK(errors[0].message.find(r.part) != std::string::npos);
  }
}

TEST_CASE("stopwords: exact when typed with accents, folded when not") {
  Dictionary d;
  std::vector<ContentError> errors;
  d.parse_stopwords("_dictionary/stopwords.txt", "tại\nvà\n# x\nhai từ\n", errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 4);
  CHECK(d.is_stopword("tại", "tai", true));
  CHECK_FALSE(d.is_stopword("tài", "tai", true));  // "tài chính" is not a stopword
  CHECK(d.is_stopword("tai", "tai", false));
  CHECK_FALSE(d.is_stopword("thu", "thu", false));
  CHECK(d.stopword_count() == 2);
}
