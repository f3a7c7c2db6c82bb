// Decoding of Vietnamese typed with Telex or VNI keystrokes but without an
// input method (docs/vietnamese-search.md, rule 8): "thur" -> "thủ",
// "dduowngf" -> "đường", "tu5c" -> "tục".
//
// These functions only decode. Whether a token should be decoded at all (it
// must not exist in the index as typed, e.g. "ubnd") is the caller's decision.
// Pure string code (no ICU beyond exact_form()); thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sotay {

// Decodes one token typed with Telex keystrokes into a Vietnamese syllable in
// exact_form() (NFC, lowercase, canonical tone), or nullopt when the token does
// not read as Telex for a valid Vietnamese syllable, or has no keystroke to
// decode ("thu" -> nullopt, since nothing changes).
//
// Keys: tones s (sắc) f (huyền) r (hỏi) x (ngã) j (nặng) anywhere after the
// first vowel, z removes the tone; aa ee oo -> â ê ô; aw ow uw -> ă ơ ư; uow
// and uwow -> ươ; w with no vowel before it -> ư ("tw" -> "tư"); w after the
// final consonant applies to the nucleus ("hopwj" -> "hợp"); dd -> đ.
// A tone key s/r/x inside the token (followed by more letters) is only taken
// when the token has another keystroke too, so that English "test" is not
// read as "tét" (write "tets").
std::optional<std::string> decode_telex(std::string_view token);

// Same for VNI: 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng, 6 circumflex (â ê ô),
// 7 horn (ơ ư, uo7 -> ươ), 8 breve (ă), 9 đ. A digit may follow the letter it
// marks or come later in the token ("d9uo7ng2", "duo7ng92" -> "đường"; "tu5c",
// "tuc5" -> "tục"; "dang93" -> "đảng"). 0, or a digit before the first vowel
// (other than d9), -> nullopt.
std::optional<std::string> decode_vni(std::string_view token);

// Telex first, then VNI; every distinct decoding (0, 1 or 2 strings).
std::vector<std::string> decode_input_method(std::string_view token);

}  // namespace sotay
