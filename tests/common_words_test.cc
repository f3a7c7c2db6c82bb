// Common words in natural questions (common_words.h): over a large edition
// they only add score, and the first stage leaves out the common pairs.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "common_words.h"
#include "edition.h"
#include "query_builder.h"
#include "query_parser.h"
#include "searcher.h"
#include "test_support.h"

namespace sotay {

using test::content_file;
using test::TempDir;
using test::write_file;

namespace {

bool has(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

// What the part after OP_AND_MAYBE holds (the optional score) and what the
// part before it holds (what decides the matches).
std::pair<std::string, std::string> split_at_maybe(const Xapian::Query& q) {
  const std::string d = q.get_description();
  const std::size_t at = d.find(" AND_MAYBE ");
  if (at == std::string::npos) return {d, ""};
  return {d.substr(0, at), d.substr(at)};
}

// Shares as a large edition would have them: quy, dinh, cua and the pair
// "quy dinh" are in most sections.
double share_of(const std::string& term) {
  static const std::map<std::string, double> shares = {
      {"quy", 0.7},        {"qui", 0.01},      {"dinh", 0.8}, {"cua", 0.9},
      {"XBquy dinh", 0.6}, {"XBthe nao", 0.2}, {"em", 0.2}};
  const auto it = shares.find(term);
  return it == shares.end() ? 0.001 : it->second;
}

const std::string QUESTION =
    "thủ tục đăng ký khai sinh cho trẻ em của phường được quy định như thế nào của";

}  // namespace

TEST_CASE("split_common: repeated parts go, common ones move out when something else decides") {
  std::vector<Xapian::Query> parts{
      Xapian::Query("cua"), Xapian::Query("khai"), Xapian::Query("cua"),
      Xapian::Query(Xapian::Query::OP_SYNONYM, Xapian::Query("quy"), Xapian::Query("qui"))};
  SUBCASE("without shares only repeats go") {
    CHECK(split_common(parts, nullptr, COMMON_WORD_SHARE).empty());
    CHECK(parts.size() == 3);
  }
  SUBCASE("with shares") {
    const std::vector<Xapian::Query> common = split_common(parts, share_of, COMMON_WORD_SHARE);
    REQUIRE(parts.size() == 1);
    CHECK(parts[0].get_description() == "Query(khai)");
    REQUIRE(common.size() == 2);
    CHECK(common[0].get_description() == "Query(cua)");
    CHECK(has(common[1].get_description(), "quy SYNONYM qui"));
  }
  SUBCASE("when every part is common, they all still decide") {
    std::vector<Xapian::Query> only{Xapian::Query("cua"), Xapian::Query("dinh")};
    CHECK(split_common(only, share_of, COMMON_WORD_SHARE).empty());
    CHECK(only.size() == 2);
  }
  SUBCASE("phrases and expansions are never common") {
    std::vector<Xapian::Query> mixed{
        Xapian::Query(Xapian::Query::OP_PHRASE, Xapian::Query("quy"), Xapian::Query("dinh")),
        Xapian::Query("cua")};
    CHECK(split_common(mixed, share_of, COMMON_WORD_SHARE).size() == 1);
    CHECK(mixed.size() == 1);
    CHECK(has(mixed[0].get_description(), "PHRASE"));
  }
}

TEST_CASE(
    "a question with shares: common words only add score, common pairs stay out of stage one") {
  QueryOptions options;
  options.term_share = share_of;
  const BuiltQuery b = build_query(parse_query(QUESTION), options);
  REQUIRE(b.question);
  const auto [decides, scores] = split_at_maybe(b.query);
  CHECK(has(decides, "khai"));
  CHECK_FALSE(has(decides, "cua"));
  CHECK_FALSE(has(decides, "dinh"));
  CHECK(has(scores, " cua "));
  CHECK(has(scores, "dinh"));
  const auto [first_decides, first_scores] = split_at_maybe(b.first_stage);
  CHECK(first_decides == decides);
  CHECK(has(first_scores, "XBkhai sinh"));
  CHECK(has(decides, " em "));                  // 0.2: below the words' limit
  CHECK_FALSE(has(first_scores, "XBthe nao"));  // 0.2: above the pairs'
  CHECK(has(first_scores, "XBtre em"));
  CHECK_FALSE(has(first_scores, "XBquy dinh"));  // 0.6
  CHECK(has(scores, "XBquy dinh"));              // the whole query still scores it

  // Without shares (a small edition) every word decides, each once.
  const BuiltQuery small = build_query(parse_query(QUESTION));
  const std::string small_decides = split_at_maybe(small.query).first;
  CHECK(has(small_decides, "cua"));
  CHECK(has(small_decides, "dinh"));
  CHECK(small_decides.find("cua") == small_decides.rfind("cua"));
  CHECK(has(split_at_maybe(small.first_stage).second, "XBquy dinh"));
}

TEST_CASE("the Searcher gives shares from COMMON_WORDS_FROM_SECTIONS sections on") {
  // `n` documents of ten sections each that hold only common words, and
  // one answer.
  const auto edition = [](const std::filesystem::path& dir, int n) {
    for (int i = 0; i < n; ++i) {
      std::string body;
      for (int k = 0; k < 10; ++k) {
        body += "## Mục " + std::to_string(k) + "\n\nNội dung quy định chung của phường, mục " +
                std::to_string(i * 10 + k) + ".\n\n";
      }
      write_file(
          dir / ("chung/vb-" + std::to_string(i) + ".md"),
          content_file("title: Văn bản " + std::to_string(i) + "\ndepartment: Văn phòng\n", body));
    }
    write_file(dir / "tu-phap/khai-sinh.md",
               content_file("title: Đăng ký khai sinh\ndepartment: Phòng Tư pháp\n",
                            "Thủ tục đăng ký khai sinh cho trẻ em theo quy định của phường.\n"));
  };
  const auto ask = [](const std::filesystem::path& root) {
    Xapian::Database db(current_edition(root / "index")->string());
    Searcher searcher(db);
    SearchRequest request;
    request.query = QUESTION;
    return std::make_pair(searcher.search(request), db.get_doccount());
  };
  TempDir tmp;
  SUBCASE("small edition: a section with only common words matches") {
    edition(tmp.path() / "content", 20);
    test::build(tmp.path() / "content", tmp.path() / "index");
    const auto [r, sections] = ask(tmp.path());
    REQUIRE(sections < COMMON_WORDS_FROM_SECTIONS);
    REQUIRE_FALSE(r.hits.empty());
    CHECK(r.hits.front().id == "tu-phap/khai-sinh");
    CHECK(r.total > 100);  // every section holds quy, dinh, cua, phuong
  }
  SUBCASE("large edition: only sections with a rarer word match, the answer still first") {
    edition(tmp.path() / "content", 100);
    test::build(tmp.path() / "content", tmp.path() / "index");
    const auto [r, sections] = ask(tmp.path());
    REQUIRE(sections >= COMMON_WORDS_FROM_SECTIONS);
    REQUIRE_FALSE(r.hits.empty());
    CHECK(r.hits.front().id == "tu-phap/khai-sinh");
    CHECK(r.total < 10);
  }
}

}  // namespace sotay
