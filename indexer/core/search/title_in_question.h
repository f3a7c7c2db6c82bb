// The title bonus of ranked-OR queries (questions, keyword queries relaxed
// to OR; query_builder.h): a section whose document title the question
// holds gains TITLE_IN_QUESTION_WEIGHT × title_share()^TITLE_IN_QUESTION_POWER,
// read from SLOT_TITLE_SORT (index_contract.h). People ask by the title's
// words ("Nhiệm kỳ Lãnh sự danh dự là mấy năm?" for the article "Nhiệm kỳ
// Lãnh sự danh dự") while other sections of the same law share more of the
// question's words (docs/search.md, bench/README.md "Title in the question").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace sotay {

// The share of a document title's syllables that a question holds, in any
// order: `title_slug` is the title as in SLOT_TITLE_SORT ("dieu-5-doi-tuong-
// ap-dung"; a leading article label "Điều 5." or "Điều 9.1.LQ.141." is not
// counted), `words` the question's folded syllables. 0 for a title of fewer
// than two syllables. Spelling variants (kí/ký) count as one syllable.
double title_share(std::string_view title_slug, const std::vector<std::string>& words);

// The bonus as an optional query part (for OP_AND_MAYBE) for a question
// whose folded syllables are `words`. Not serialisable (no remote databases).
Xapian::Query title_in_question(const std::vector<std::string>& words);

}  // namespace sotay
