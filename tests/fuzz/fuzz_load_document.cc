// libFuzzer target: front matter + Markdown ingestion of one content file
// (load_document), then the term analysis of every section it yields
// (make_section_document) — what `sotay-indexer build` does to each file.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "content_loader.h"
#include "markdown.h"
#include "term_indexer.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  sotay::init_markdown();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::vector<sotay::ContentError> errors;
  const auto doc = sotay::load_document("fuzz/input.md", bytes, errors);
  if (doc) {
    for (std::size_t i = 0; i < doc->sections.size(); ++i) {
      (void)sotay::make_section_document(*doc, i);
    }
  }
  return 0;
}
