// libFuzzer target: the query language and the analysis behind it —
// parse_query, build_query (with and without relaxation) and tokenize.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "query_builder.h"
#include "query_parser.h"
#include "tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)sotay::tokenize(text);
  const sotay::ParsedQuery parsed = sotay::parse_query(text);
  sotay::QueryOptions options;
  // Every third term "exists": exercises the Telex/VNI fallback both ways.
  options.term_exists = [](const std::string& term) { return term.size() % 3 == 0; };
  const sotay::BuiltQuery built = sotay::build_query(parsed, options);
  (void)built.query.get_description();
  (void)built.filter.get_description();
  options.relaxed = true;
  (void)sotay::build_query(parsed, options);
  return 0;
}
