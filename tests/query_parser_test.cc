#include <doctest/doctest.h>

#include "query_parser.h"

using namespace sotay;

namespace {

// A compact description of a parsed query: items then filters.
std::string describe(const ParsedQuery& q) {
  std::string out;
  for (const QueryItem& i : q.items) {
    if (!out.empty()) out += ' ';
    if (i.excluded) out += '-';
    out += i.phrase ? "\"" + i.text + "\"" : "[" + i.text + "]";
    if (i.or_next) out += " OR";
  }
  for (const QueryFilter& f : q.filters) {
    out += " {" + std::string(filter_key_name(f.key)) + "=" + f.value + "}";
  }
  return out;
}

}  // namespace

TEST_CASE("the query language") {
  struct Row {
    const char* in;
    const char* out;
  };
  const Row rows[] = {
      {"thu tuc", "[thu] [tuc]"},
      {"\"văn thư\" lưu trữ", "\"văn thư\" [lưu] [trữ]"},
      {"ký số -hết", "[ký] [số] -[hết]"},
      {"-\"hết hiệu lực\" x", "-\"hết hiệu lực\" [x]"},
      {"ky so OR chu ky", "[ky] [so] OR [chu] [ky]"},
      {"so:30/2020/NĐ-CP", " {so=30/2020/NĐ-CP}"},
      {"don-vi:\"văn phòng\" họp", "[họp] {don-vi=văn phòng}"},
      {"nam:2020 hieu-luc:het", " {nam=2020} {hieu-luc=het}"},
      {"foo:bar", "[foo:bar]"},
      // Odd input: never an error.
      {"\"không đóng ngoặc", "\"không đóng ngoặc\""},
      {"OR", "[OR]"},
      {"a OR", "[a]"},
      {"- a", "[-] [a]"},
      {"a OR -b", "[a] -[b]"},
      {"\"\"", ""},
      {"tab\there\x01x", "[tab] [here] [x]"},
      {"“ngoặc kép”", "\"ngoặc kép\""},
      {"so:", ""},
  };
  for (const Row& r : rows) {
    CAPTURE(r.in);
    CHECK(describe(parse_query(r.in)) == r.out);
  }
}

TEST_CASE("invalid UTF-8 and huge queries never throw") {
  CHECK_NOTHROW(parse_query("\xFF\xFE thu"));
  std::string many;
  for (int i = 0; i < 1000; ++i) many += "a OR \" -x ";
  CHECK_NOTHROW(parse_query(many));
}
