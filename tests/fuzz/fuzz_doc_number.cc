// libFuzzer target: the document-number recognizer and article citations
// (find_doc_numbers in text and query context, doc_number_key,
// find_article_citations, heading_article). Also checks the invariants the
// indexer relies on: offsets in range and in order.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "citation.h"
#include "doc_number.h"
#include "tokenizer.h"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const auto context : {sotay::NumberContext::TEXT, sotay::NumberContext::QUERY}) {
    std::size_t last_end = 0;
    for (const sotay::DocNumber& n : sotay::find_doc_numbers(text, context)) {
      check(n.begin < n.end && n.end <= text.size() && n.begin >= last_end);
      last_end = n.end;
      (void)n.index_keys();
      (void)n.query_key();
    }
  }
  (void)sotay::doc_number_key(text);
  (void)sotay::heading_article(text);
  const auto tokens = sotay::tokenize(text);
  const auto numbers = sotay::find_doc_numbers(text);
  for (const sotay::ArticleCitation& c : sotay::find_article_citations(tokens, numbers)) {
    check(c.begin <= c.end && c.end <= text.size());
    (void)c.keys();
  }
  return 0;
}
