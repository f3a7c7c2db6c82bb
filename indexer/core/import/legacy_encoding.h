// Vietnamese typed before Unicode: TCVN3 (ABC, fonts ".VnTime", ".VnArial",
// upper-case fonts ".VnTimeH") and VNI-Windows (fonts "VNI-Times", …).
// Word, pandoc and PDF text layers show such text as Windows-1252/Latin-1
// characters ("Céng hoµ x· héi chñ nghÜa"); decoding maps each character
// back to its byte and the byte to the Vietnamese letter.
//
// TCVN3 here is the repertoire the ABC fonts draw (TCVN 5712:1993 VN3): the
// 67 lower-case letters with marks and Ă Â Ê Ô Ơ Ư Đ, byte for byte as glibc
// iconv's TCVN5712-1 decodes them. The VN1-only capitals (bytes 0x01-0x17,
// 0x80-0x9F and a few above 0xA0) and the combining tone bytes 0xB0-0xB4 are
// not decoded: in ABC documents those bytes are the Windows-1252 characters
// Word typed (“ ” – … °), so they stay what they were. Note that ư is byte
// 0xAD, the soft hyphen: a reader that drops soft hyphens loses it.
//
// VNI-Windows writes a letter as a base letter and one following mark byte
// ("Vieät" = Việt: "e" + "ä" = ê with dot below); ơ, ư, đ and the i/ỵ forms
// are single bytes ("ô", "ö", "ñ", "í", "î"). A mark byte that does not follow
// a letter it can go on stays as it is.
//
// All functions are pure and thread-safe, never throw, and replace invalid
// UTF-8 by U+FFFD.
#pragma once

#include <string>
#include <string_view>

namespace sotay {

enum class LegacyEncoding { NONE, TCVN3, VNI };

// The encoding a font name implies: ".VnTime", ".VnTimeH", ".VnArial" (also
// "VnTime" without the dot, as some PDF producers write it) → TCVN3;
// "VNI-Times", "VNI-Helve", "VNI Times" → VNI; anything else → NONE. Subset
// prefixes ("ABCDEF+.VnTime") and style suffixes (",Bold", "-Italic") are
// ignored.
LegacyEncoding encoding_of_font(std::string_view font);
// True for TCVN3 capital fonts (".VnTimeH", ".VnArialH,Bold"): they reuse the
// lower-case codes for capitals, so decoded text is upper-cased.
bool is_tcvn3_capital_font(std::string_view font);

// Decodes `text` (UTF-8 as the reader showed it; NFC is applied first) typed
// in `encoding`; NFC result. Characters that have no byte in Windows-1252
// ("ộ", "→", Private Use bullets) pass through unchanged, so decoding text
// that is already Unicode damages it ("các" → "cỏc"): decode only what
// guess_legacy_encoding() recognised. `capital_font` (TCVN3 only): the text
// came from a capital font; the result is upper-cased (Vietnamese rules, đ →
// Đ). NONE returns the NFC text.
std::string decode_legacy(std::string_view text, LegacyEncoding encoding,
                          bool capital_font = false);
// Decodes raw 8-bit bytes (a .txt saved in TCVN3 or VNI); NFC result. Bytes
// that are not part of a Vietnamese letter are read as Windows-1252 (Latin-1
// where Windows-1252 has no character). NONE reads all bytes that way.
std::string decode_legacy_bytes(std::string_view bytes, LegacyEncoding encoding);

// "TCVN3", "VNI", "" (the value of SourceText::legacy_encoding).
const char* legacy_encoding_name(LegacyEncoding encoding);

struct LegacyGuess {
  LegacyEncoding encoding = LegacyEncoding::NONE;
  // Share (0-1) of the words that are Vietnamese syllables in the chosen
  // reading: decoded with `encoding`, or the text as it is for NONE.
  double share = 0;
};
// A character-frequency check, never a blind guess. Words (split at ASCII
// spaces and punctuation) are read three ways: as they are, decoded as TCVN3,
// decoded as VNI; a word counts when it is one Vietnamese syllable (onset,
// vowel cluster, final consonant, at most one tone mark, ă â ê ô ơ ư đ where
// Vietnamese has them). An encoding is chosen only when the text has at least
// 20 letters, its reading has a share of at least 0.6, at least 0.3 more than
// the text as it is, and at least 0.1 more than the other encoding. Otherwise
// NONE: Unicode Vietnamese, plain ASCII (every reading is the same), foreign
// Latin-1 text, or too little text to tell.
//
// A legacy font name is not enough to decode: Word keeps ".VnTime" on text
// that was later retyped or converted to Unicode. Callers that see such a
// font run this check on the text of the whole document and decode only when
// it returns an encoding (normally the one the font implies); when it returns
// NONE the text is used as it is.
LegacyGuess guess_legacy_encoding(std::string_view text);

}  // namespace sotay
