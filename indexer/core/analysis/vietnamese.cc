// Forms of one Vietnamese token: exact (NFC, case-folded, canonical tone
// placement), folded (no marks, đ -> d) and whether marks were typed.
//
// Two paths:
//   * Fast path (almost every token of Vietnamese text): the token is decoded
//     with per-character tables into letters {base, quality mark, tone}. It
//     accepts ASCII, the 134 precomposed Vietnamese vowels (both cases), đ and
//     its look-alikes, and the Vietnamese combining marks after a vowel (NFD
//     input, in any order). A valid syllable gets its tone moved to the
//     canonical vowel; then letters are recomposed from a table (this is NFC).
//   * Generic path (anything else: other Latin letters, other scripts, invalid
//     UTF-8): ICU full case folding + Normalizer2, marks stay where they are.
//
// Canonical tone placement follows the examples of vietnamese.h ("hoà" ->
// "hòa", "thuỷ" -> "thủy", "khoẻ" -> "khỏe", "Uỷ" -> "ủy"): in an open
// two-vowel nucleus the tone goes on the first vowel, oa/oe/uy included (the
// "old style", which is also what the legal corpus uses).
#include "vietnamese.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>
#include <stdexcept>

namespace sotay {
namespace {

// ----------------------------------------------------------------------------
// Tables

// Quality marks (dấu mũ/móc/trăng) and tones (dấu thanh), as small integers.
enum Quality : std::uint8_t { kNoQuality = 0, kBreve = 1, kCircumflex = 2, kHorn = 3 };
enum Tone : std::uint8_t { kNoTone = 0, kGrave = 1, kAcute = 2, kHook = 3, kTilde = 4, kDot = 5 };

// Base letter used for đ (and its look-alikes) in decoded letters; every other
// base is an ASCII byte, lowercased.
constexpr char kDStroke = '\x01';
constexpr std::string_view kDStrokeUtf8 = "\xC4\x91";  // U+0111 đ

// The 12 Vietnamese vowels, each with its 6 tones (none, huyền, sắc, hỏi, ngã,
// nặng), in NFC. Index = vowel_index(base, quality).
constexpr std::array<std::string_view, 12> kLowerVowels = {"aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ", "eèéẻẽẹ",
                                                           "êềếểễệ", "iìíỉĩị", "oòóỏõọ", "ôồốổỗộ",
                                                           "ơờớởỡợ", "uùúủũụ", "ưừứửữự", "yỳýỷỹỵ"};
constexpr std::array<std::string_view, 12> kUpperVowels = {"AÀÁẢÃẠ", "ĂẰẮẲẴẶ", "ÂẦẤẨẪẬ", "EÈÉẺẼẸ",
                                                           "ÊỀẾỂỄỆ", "IÌÍỈĨỊ", "OÒÓỎÕỌ", "ÔỒỐỔỖỘ",
                                                           "ƠỜỚỞỠỢ", "UÙÚỦŨỤ", "ƯỪỨỬỮỰ", "YỲÝỶỸỴ"};
constexpr std::array<char, 12> kVowelBase = {'a', 'a', 'a', 'e', 'e', 'i',
                                             'o', 'o', 'o', 'u', 'u', 'y'};
constexpr std::array<Quality, 12> kVowelQuality = {
    kNoQuality, kBreve,      kCircumflex, kNoQuality, kCircumflex, kNoQuality,
    kNoQuality, kCircumflex, kHorn,       kNoQuality, kHorn,       kNoQuality};

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// Index into kLowerVowels, or -1 when the base does not take that quality.
int vowel_index(char base, Quality quality) {
  switch (base) {
    case 'a':
      return quality == kNoQuality ? 0 : quality == kBreve ? 1 : quality == kCircumflex ? 2 : -1;
    case 'e':
      return quality == kNoQuality ? 3 : quality == kCircumflex ? 4 : -1;
    case 'i':
      return quality == kNoQuality ? 5 : -1;
    case 'o':
      return quality == kNoQuality ? 6 : quality == kCircumflex ? 7 : quality == kHorn ? 8 : -1;
    case 'u':
      return quality == kNoQuality ? 9 : quality == kHorn ? 10 : -1;
    case 'y':
      return quality == kNoQuality ? 11 : -1;
    default:
      return -1;
  }
}

// One decoded letter. `base` is a lowercase ASCII byte (any ASCII byte for
// non-letters) or kDStroke.
struct Letter {
  char base = 0;
  Quality quality = kNoQuality;
  Tone tone = kNoTone;
};

// Packed table entry for a precomposed code point: 0 = not in the table;
// otherwise 1 + vowel index * 6 + tone, or kDStrokeEntry.
constexpr std::uint8_t kDStrokeEntry = 255;

struct Tables {
  // Code points U+00C0..U+01BF and U+1EA0..U+1EFF.
  std::array<std::uint8_t, 0x100> latin{};
  std::array<std::uint8_t, 0x60> extended{};
  // UTF-8 of vowel v with tone t, lowercase.
  std::array<std::array<std::string_view, 6>, 12> compose{};

  std::uint8_t* slot(UChar32 c) {
    if (c >= 0xC0 && c < 0x1C0) return &latin[static_cast<std::size_t>(c - 0xC0)];
    if (c >= 0x1EA0 && c < 0x1F00) return &extended[static_cast<std::size_t>(c - 0x1EA0)];
    return nullptr;
  }

  Tables() {
    for (std::size_t v = 0; v < 12; ++v) {
      for (const auto* table : {&kLowerVowels, &kUpperVowels}) {
        std::string_view s = (*table)[v];
        std::int32_t i = 0;
        const auto n = static_cast<std::int32_t>(s.size());
        for (std::size_t tone = 0; tone < 6; ++tone) {
          const std::int32_t start = i;
          UChar32 c = 0;
          U8_NEXT(s.data(), i, n, c);
          if (table == &kLowerVowels) {
            compose[v][tone] =
                s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
          }
          if (std::uint8_t* p = slot(c)) *p = static_cast<std::uint8_t>(1 + v * 6 + tone);
        }
      }
    }
    for (UChar32 c : {0x0110, 0x0111, 0x00D0, 0x00F0, 0x0189}) *slot(c) = kDStrokeEntry;
    // ɖ (U+0256) is outside both ranges and is handled in decode().
  }
};

const Tables& tables() {
  static const Tables t;
  return t;
}

Tone tone_of_mark(UChar32 c) {
  switch (c) {
    case 0x0300:
    case 0x0340:
      return kGrave;
    case 0x0301:
    case 0x0341:
      return kAcute;
    case 0x0309:
      return kHook;
    case 0x0303:
      return kTilde;
    case 0x0323:
      return kDot;
    default:
      return kNoTone;
  }
}

Quality quality_of_mark(UChar32 c) {
  switch (c) {
    case 0x0306:
      return kBreve;
    case 0x0302:
      return kCircumflex;
    case 0x031B:
      return kHorn;
    default:
      return kNoQuality;
  }
}

bool is_ascii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; }

std::string ascii_lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

// Letters of a short token without heap allocation for usual syllables.
class Letters {
 public:
  static constexpr std::size_t kCapacity = 32;
  bool push(Letter l) {
    if (size_ == kCapacity) return false;
    data_[size_++] = l;
    return true;
  }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  Letter& operator[](std::size_t i) { return data_[i]; }
  const Letter& operator[](std::size_t i) const { return data_[i]; }
  Letter& back() { return data_[size_ - 1]; }

 private:
  std::array<Letter, kCapacity> data_{};
  std::size_t size_ = 0;
};

// Decodes a token into letters. Returns false when the token needs the generic
// path: a code point outside the tables, a mark on a letter that cannot take
// it, two marks of a kind on one letter, invalid UTF-8, or a long token.
bool decode(std::string_view token, Letters& out) {
  const Tables& t = tables();
  const char* s = token.data();
  const auto n = static_cast<std::int32_t>(token.size());
  std::int32_t i = 0;
  while (i < n) {
    const auto byte = static_cast<unsigned char>(s[i]);
    if (byte < 0x80) {
      if (!out.push({ascii_lower(s[i]), kNoQuality, kNoTone})) return false;
      ++i;
      continue;
    }
    UChar32 c = 0;
    U8_NEXT(s, i, n, c);
    if (c < 0) return false;
    if (const Tone tone = tone_of_mark(c); tone != kNoTone) {
      if (out.empty() || !is_vowel(out.back().base) || out.back().tone != kNoTone) return false;
      out.back().tone = tone;
      continue;
    }
    if (const Quality quality = quality_of_mark(c); quality != kNoQuality) {
      if (out.empty() || out.back().quality != kNoQuality ||
          vowel_index(out.back().base, quality) < 0) {
        return false;
      }
      out.back().quality = quality;
      continue;
    }
    std::uint8_t entry = 0;
    if (c >= 0xC0 && c < 0x1C0) {
      entry = t.latin[static_cast<std::size_t>(c - 0xC0)];
    } else if (c >= 0x1EA0 && c < 0x1F00) {
      entry = t.extended[static_cast<std::size_t>(c - 0x1EA0)];
    } else if (c == 0x0256) {
      entry = kDStrokeEntry;
    }
    if (entry == 0) return false;
    Letter l;
    if (entry == kDStrokeEntry) {
      l.base = kDStroke;
    } else {
      const int v = (entry - 1) / 6;
      l.base = kVowelBase[static_cast<std::size_t>(v)];
      l.quality = kVowelQuality[static_cast<std::size_t>(v)];
      l.tone = static_cast<Tone>((entry - 1) % 6);
    }
    if (!out.push(l)) return false;
  }
  return true;
}

// Onsets and codas are at most 3 letters: packed into an integer, compared at once.
constexpr std::uint32_t pack(std::string_view s) {
  std::uint32_t v = 0;
  for (char c : s) v = (v << 8) | static_cast<unsigned char>(c);
  return v;
}

bool is_onset(std::uint32_t s) {
  static constexpr std::array<std::uint32_t, 27> kOnsets = {
      pack(""),   pack("b"),   pack("c"),  pack("ch"), pack("d"),  pack("\x01"), pack("g"),
      pack("gh"), pack("h"),   pack("k"),  pack("kh"), pack("l"),  pack("m"),    pack("n"),
      pack("ng"), pack("ngh"), pack("nh"), pack("p"),  pack("ph"), pack("q"),    pack("r"),
      pack("s"),  pack("t"),   pack("th"), pack("tr"), pack("v"),  pack("x")};
  for (std::uint32_t o : kOnsets) {
    if (o == s) return true;
  }
  return false;
}

bool is_coda(std::uint32_t s) {
  static constexpr std::array<std::uint32_t, 9> kCodas = {pack(""),   pack("c"), pack("ch"),
                                                          pack("m"),  pack("n"), pack("ng"),
                                                          pack("nh"), pack("p"), pack("t")};
  for (std::uint32_t c : kCodas) {
    if (c == s) return true;
  }
  return false;
}

// When `letters` is a Vietnamese syllable carrying exactly one tone, moves the
// tone to its canonical vowel. Anything else is left as it is.
void place_tone(Letters& letters) {
  const std::size_t n = letters.size();
  std::size_t toned = n;
  for (std::size_t i = 0; i < n; ++i) {
    const char b = letters[i].base;
    if (!((b >= 'a' && b <= 'z') || b == kDStroke)) return;  // digits, punctuation
    if (letters[i].tone != kNoTone) {
      if (toned != n) return;  // two tones: not a syllable
      toned = i;
    }
  }
  if (toned == n) return;  // no tone: nothing to place

  // onset consonants, vowel run, coda consonants
  std::size_t v_begin = 0;
  while (v_begin < n && !is_vowel(letters[v_begin].base)) ++v_begin;
  std::size_t v_end = v_begin;
  while (v_end < n && is_vowel(letters[v_end].base)) ++v_end;
  for (std::size_t i = v_end; i < n; ++i) {
    if (is_vowel(letters[i].base)) return;
  }
  // Packed spelling of letters [from, to); kInvalid when longer than 3 letters.
  constexpr std::uint32_t kInvalid = 0xFFFFFFFF;
  auto spell = [&](std::size_t from, std::size_t to) {
    if (to - from > 3) return kInvalid;
    std::uint32_t v = 0;
    for (std::size_t i = from; i < to; ++i) {
      v = (v << 8) | static_cast<unsigned char>(letters[i].base);
    }
    return v;
  };
  const std::uint32_t onset = spell(0, v_begin);
  if (!is_onset(onset) || !is_coda(spell(v_end, n))) return;
  const bool qu = onset == pack("q");
  const bool g = onset == pack("g");
  const bool closed = v_end < n;

  // The u of "qu" and the i of "gi" + vowel belong to the onset.
  std::size_t nucleus = v_begin;
  if (qu) {
    if (letters[v_begin].base != 'u' || letters[v_begin].quality != kNoQuality) return;
    if (v_end - v_begin >= 2) ++nucleus;
  } else if (g && letters[v_begin].base == 'i' && v_end - v_begin >= 2) {
    ++nucleus;
  }
  const std::size_t count = v_end - nucleus;
  if (count == 0 || count > 3) return;

  std::size_t target = n;
  for (std::size_t i = nucleus; i < v_end; ++i) {
    if (letters[i].quality != kNoQuality) target = i;  // the last one: ơ of "ươ"
  }
  if (target == n) {
    if (count == 1) {
      target = nucleus;
    } else if (closed) {
      target = v_end - 1;
    } else if (count == 3) {
      target = nucleus + 1;
    } else {
      target = nucleus;  // open two-vowel nucleus, oa/oe/uy included: hòa, thủy
    }
  }
  if (target != toned) {
    letters[target].tone = letters[toned].tone;
    letters[toned].tone = kNoTone;
  }
}

std::string compose_exact(const Letters& letters) {
  const Tables& t = tables();
  std::array<char, Letters::kCapacity * 3> buf;  // at most 3 bytes per letter
  std::size_t size = 0;
  for (std::size_t i = 0; i < letters.size(); ++i) {
    const Letter& l = letters[i];
    std::string_view piece;
    if (l.base == kDStroke) {
      piece = kDStrokeUtf8;
    } else if (l.quality != kNoQuality || l.tone != kNoTone) {
      piece = t.compose[static_cast<std::size_t>(vowel_index(l.base, l.quality))][l.tone];
    } else {
      buf[size++] = l.base;
      continue;
    }
    for (char c : piece) buf[size++] = c;
  }
  return std::string(buf.data(), size);
}

// ----------------------------------------------------------------------------
// Generic path (ICU)

const icu::Normalizer2& normalizer(bool compose) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n =
      compose ? icu::Normalizer2::getNFCInstance(status) : icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status) || n == nullptr) throw std::runtime_error("ICU normalizer unavailable");
  return *n;
}

icu::UnicodeString normalize(const icu::UnicodeString& s, bool compose) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out = normalizer(compose).normalize(s, status);
  if (U_FAILURE(status)) return s;
  return out;
}

bool is_d_lookalike(UChar32 c) {
  return c == 0x0110 || c == 0x0111 || c == 0x00D0 || c == 0x00F0 || c == 0x0189 || c == 0x0256;
}

bool is_folded_mark(UChar32 c) {
  return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
         (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0xFE20 && c <= 0xFE2F);
}

// Letters with a stroke or bar have no decomposition; fold them by hand.
UChar32 strip_stroke(UChar32 c) {
  switch (c) {
    case 0x0111:  // đ
    case 0x00F0:  // ð
    case 0x0256:  // ɖ
      return u'd';
    case 0x00F8:  // ø
      return u'o';
    case 0x0142:  // ł
      return u'l';
    case 0x0127:  // ħ
      return u'h';
    case 0x0167:  // ŧ
      return u't';
    case 0x0180:  // ƀ
      return u'b';
    case 0x0268:  // ɨ
      return u'i';
    default:
      return c;
  }
}

// NFC + full case folding + look-alikes -> đ, for non-syllables.
icu::UnicodeString generic_exact(std::string_view token) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(token.data(), static_cast<int32_t>(token.size())));
  s.foldCase(U_FOLD_CASE_DEFAULT);
  s = normalize(s, true);
  for (int32_t i = 0; i < s.length(); ++i) {
    if (s[i] == 0x00F0 || s[i] == 0x0256) s.setCharAt(i, 0x0111);
  }
  return s;
}

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

}  // namespace

std::string exact_form(std::string_view token) {
  if (is_ascii(token)) return ascii_lowercase(token);
  Letters letters;
  if (decode(token, letters)) {
    place_tone(letters);
    return compose_exact(letters);
  }
  return to_utf8(generic_exact(token));
}

std::string folded_form(std::string_view token) {
  if (is_ascii(token)) return ascii_lowercase(token);
  Letters letters;
  if (decode(token, letters)) {
    // Tone placement does not change the folded form: keep the bases.
    std::string out(letters.size(), '\0');
    for (std::size_t i = 0; i < letters.size(); ++i) {
      out[i] = letters[i].base == kDStroke ? 'd' : letters[i].base;
    }
    return out;
  }
  const icu::UnicodeString nfd = normalize(generic_exact(token), false);
  icu::UnicodeString stripped;
  for (int32_t i = 0; i < nfd.length();) {
    const UChar32 c = nfd.char32At(i);
    i += U16_LENGTH(c);
    if (!is_folded_mark(c)) stripped.append(strip_stroke(c));
  }
  return to_utf8(normalize(stripped, true));
}

bool has_marks(std::string_view token) {
  if (is_ascii(token)) return false;
  Letters letters;
  if (decode(token, letters)) {
    for (std::size_t i = 0; i < letters.size(); ++i) {
      const Letter& l = letters[i];
      if (l.base == kDStroke || l.quality != kNoQuality || l.tone != kNoTone) return true;
    }
    return false;
  }
  const icu::UnicodeString nfd = normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(
                                               token.data(), static_cast<int32_t>(token.size()))),
                                           false);
  for (int32_t i = 0; i < nfd.length();) {
    const UChar32 c = nfd.char32At(i);
    i += U16_LENGTH(c);
    if (tone_of_mark(c) != kNoTone || quality_of_mark(c) != kNoQuality || is_d_lookalike(c)) {
      return true;
    }
  }
  return false;
}

}  // namespace sotay
