// Syllables with two standard spellings: i and y after h, k, l, m, s, t and
// qu in an open syllable (kí/ký, lí/lý, mĩ/mỹ, tỉ/tỷ, hi/hy, qui/quy).
// The query side matches both (docs/search.md, "Spelling variants");
// variants of whole words (hằng năm/hàng năm) are synonyms of weight 1 in
// the dictionary instead.
#pragma once

#include <string>
#include <string_view>

namespace sotay {

// The other spelling of an exact or folded form ("kí" -> "ký", "ky" -> "ki",
// "quy" -> "qui"), or "" when the syllable has only one.
std::string spelling_variant(std::string_view form);

}  // namespace sotay
