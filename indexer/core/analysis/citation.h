// Article citations: "Điều 8 Nghị định 30/2020/NĐ-CP", "Điều 2 Luật số
// 57/2020/QH14" — an article number followed, within the same clause and a
// few words, by a document number.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "doc_number.h"
#include "tokenizer.h"

namespace sotay {

struct ArticleCitation {
  std::string article;    // "8" (leading zeros stripped)
  DocNumber number;       // the document cited
  std::size_t begin = 0;  // bytes from "Điều" to the end of the number
  std::size_t end = 0;

  // Keys of the article for the index: "<number key>#<article>" for each of
  // the number's index keys.
  std::vector<std::string> keys() const;
};

// Citations in `text`, given its tokens and the numbers found in it.
std::vector<ArticleCitation> find_article_citations(const std::vector<Token>& tokens,
                                                    const std::vector<DocNumber>& numbers);

// The article number when `heading` starts with "Điều N" ("Điều 5. Phạm vi"
// -> "5"), else "".
std::string heading_article(std::string_view heading);

}  // namespace sotay
