// Citations as links: where a text mentions a document number or an article
// of one, and the URL each mention links to. The recognisers are
// doc_number.h and citation.h; this file only decides the link spans.
//
//   "Nghị định 30/2020/NĐ-CP"         "30/2020/NĐ-CP" -> /so/30/2020/N%C4%90-CP
//   "Điều 8 Nghị định 30/2020/NĐ-CP"  "Điều 8" -> /so/30/2020/N%C4%90-CP?dieu=8
//                                     and the number as above
//
// /so/<number> (the server) resolves the number to the handbook document
// that has it, or to a search, when the page is read, so links stay valid
// from one edition to the next.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sotay {

struct CitationLink {
  std::size_t begin = 0;  // byte offsets of the linked text
  std::size_t end = 0;
  std::string url;      // "/so/<number>" or "/so/<number>?dieu=<N>"
  std::string key;      // canonical key of the cited number ("30/2020/nd-cp")
  std::string article;  // "8" for an article link, else ""
};

// The link spans of `text`, in order and never overlapping.
std::vector<CitationLink> find_citation_links(std::string_view text);

// "/so/<number as written, percent-encoded except '/'>", with "?dieu=<N>"
// when `article` is not empty.
std::string number_url(std::string_view number, std::string_view article = {});

}  // namespace sotay
