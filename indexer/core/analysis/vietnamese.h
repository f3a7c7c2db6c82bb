// Forms of one Vietnamese token (see docs/search.md, "The forms of a token").
//
// Every function takes one token (a syllable, a number, a word in another
// language), in UTF-8, in NFC or NFD, in any case. They are pure and
// thread-safe. Invalid UTF-8 is replaced by U+FFFD first, never thrown on.
#pragma once

#include <string>
#include <string_view>

namespace sotay {

// NFC, case-folded, with the tone mark moved to its canonical vowel:
//   "Hoà" -> "hòa", "thuỷ" -> "thủy", "khoẻ" -> "khỏe", "qúy" -> "quý",
//   "Uỷ" -> "ủy", "hòang" -> "hoàng", "ngừơi" -> "người", "ĐẶNG" -> "đặng".
// The look-alikes Ð (U+00D0) and Ɖ (U+0189) and their lowercase forms become đ.
// Rule: the tone sits on the vowel with a quality mark (ă â ê ô ơ ư; in "ươ"
// on ơ); else on the only vowel; else in a closed syllable on the last vowel;
// else with three vowels on the middle one; else on the first — so "oa",
// "oe", "uy" in open syllables take the old style used by the legal corpus
// (hòa, khỏe, thủy; new-style hoà, khoẻ, thuỷ map to them). The u of "qu" and the i of "gi" + vowel
// are not part of the nucleus. A token that is not a Vietnamese syllable keeps its marks where they
// are (only NFC and case folding apply).
std::string exact_form(std::string_view token);

// exact_form() with every mark removed and đ -> d: "Đường" -> "duong",
// "thủ" -> "thu". Letters outside Vietnamese keep their base letter
// ("café" -> "cafe"); non-letters are kept as they are.
std::string folded_form(std::string_view token);

// True when the token carries at least one Vietnamese mark the user typed:
// a tone, a quality mark (ă â ê ô ơ ư) or đ. "thu" -> false, "thủ" -> true,
// "đi" -> true.
bool has_marks(std::string_view token);

}  // namespace sotay
