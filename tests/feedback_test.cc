// Pseudo-relevance feedback (feedback.h, Searcher::set_feedback): off by
// default; when on, the best section of a natural question lends its other
// words to the re-ranking, and keyword queries are never touched.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <xapian.h>

#include "edition.h"
#include "feedback.h"
#include "query_builder.h"
#include "query_parser.h"
#include "searcher.h"
#include "test_support.h"

namespace sotay {

using test::content_file;
using test::TempDir;
using test::write_file;

namespace {

const std::string QUESTION = "người mua nhà ở riêng lẻ phải nộp những khoản tiền gì khi sang tên";

// "a/chinh": the best answer, with "lệ phí trước bạ". "b/khac" and
// "c/lien-quan" hold the same words of the question in bodies of the same
// length: they tie, and the lower docid ("b/khac") wins the tie, unless
// feedback lends "lệ phí trước bạ" to "c/lien-quan".
void write_content(const std::filesystem::path& dir) {
  write_file(dir / "a/chinh.md",
             content_file("title: Ghi chú một\n",
                          "Người mua nhà ở riêng lẻ phải nộp lệ phí trước bạ khi sang tên, "
                          "mức lệ phí trước bạ nhà đất là 0,5 phần trăm.\n"));
  write_file(dir / "b/khac.md",
             content_file("title: Ghi chú hai\n",
                          "Khi mua nhà phải nộp giấy tờ tại cơ quan thuế đúng hạn.\n"));
  write_file(dir / "c/lien-quan.md",
             content_file("title: Ghi chú ba\n",
                          "Khi mua nhà phải nộp lệ phí trước bạ tại cơ quan thuế.\n"));
  for (int i = 0; i < 20; ++i) {
    write_file(dir / ("d/cho-" + std::to_string(i) + ".md"),
               content_file("title: Quản lý chợ " + std::to_string(i) + "\n",
                            "Quản lý chợ dân sinh và vệ sinh môi trường khu dân cư.\n"));
  }
}

std::vector<std::string> ids(Searcher& searcher, const std::string& query) {
  SearchRequest request;
  request.query = query;
  std::vector<std::string> out;
  for (const SectionHit& h : searcher.search(request).hits) out.push_back(h.id);
  return out;
}

std::size_t rank(const std::vector<std::string>& v, const std::string& id) {
  return static_cast<std::size_t>(std::find(v.begin(), v.end(), id) - v.begin());
}

}  // namespace

TEST_CASE("feedback: off by default, lifts a section sharing the best one's words when on") {
  TempDir tmp;
  write_content(tmp.path() / "content");
  test::build(tmp.path() / "content", tmp.path() / "index");
  Xapian::Database db(current_edition(tmp.path() / "index")->string());
  Searcher searcher(db);
  REQUIRE_FALSE(searcher.feedback().enabled());

  const std::vector<std::string> off = ids(searcher, QUESTION);
  REQUIRE(off.size() == 3);
  CHECK(off[0] == "a/chinh");
  CHECK(rank(off, "b/khac") < rank(off, "c/lien-quan"));

  FeedbackOptions options;
  options.documents = 1;
  options.terms = 10;
  options.weight = 0.5;
  searcher.set_feedback(options);
  const std::vector<std::string> on = ids(searcher, QUESTION);
  REQUIRE(on.size() == 3);
  CHECK(on[0] == "a/chinh");
  CHECK(rank(on, "c/lien-quan") < rank(on, "b/khac"));

  SUBCASE("a keyword query is not expanded") {
    searcher.set_feedback({});
    const std::vector<std::string> keyword_off = ids(searcher, "mua nhà");
    searcher.set_feedback(options);
    CHECK(ids(searcher, "mua nhà") == keyword_off);
  }
  SUBCASE("expansion terms: folded words of the best section, none typed, no numbers") {
    QueryOptions qo;
    qo.dictionary = &searcher.dictionary();
    const BuiltQuery built = build_query(parse_query(QUESTION), qo);
    CHECK(built.natural);
    CHECK_FALSE(build_query(parse_query("mua nhà"), qo).natural);
    Xapian::Enquire enquire(db);
    enquire.set_query(built.query);
    const Xapian::MSet top = enquire.get_mset(0, 1);
    const Xapian::Query expansion =
        feedback_expansion(enquire, top, options, &searcher.dictionary());
    std::vector<std::string> terms(expansion.get_terms_begin(), expansion.get_terms_end());
    CAPTURE(terms);
    CHECK(std::find(terms.begin(), terms.end(), "truoc") != terms.end());
    for (const std::string& t : terms) {
      CHECK(t != "mua");  // in the question
      CHECK(t.find_first_of("0123456789") == std::string::npos);
      CHECK((t.rfind("XB", 0) == 0 || (t[0] >= 'a' && t[0] <= 'z')));
    }
  }
}

}  // namespace sotay
