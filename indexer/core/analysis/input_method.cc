// Telex / VNI decoding (see input_method.h).
//
// A token is parsed into letters {base, quality} plus one tone. Keystrokes
// that follow the letter they mark are applied at once; keystrokes typed later
// in the token ("floating": Telex w after the final consonant, VNI 6 7 8 9 at
// the end) are tried on every letter that can take them, and the first reading
// that is a valid Vietnamese syllable wins. The syllable is then composed
// from precomposed tables and passed through exact_form() for the canonical
// tone position.
#include "input_method.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>

#include "vietnamese.h"

namespace sotay {
namespace {

enum Quality : std::uint8_t { kPlain = 0, kBreve = 1, kCircumflex = 2, kHorn = 3 };

// Tones in the order of kVowels below.
enum Tone : std::uint8_t { kNoTone = 0, kAcute = 1, kGrave = 2, kHook = 3, kTilde = 4, kDot = 5 };

// Base of the letter đ; every other base is a lowercase ASCII letter.
constexpr char kDStroke = 'D';

struct Letter {
  char base = 0;
  Quality quality = kPlain;
};

// Floating keystrokes: what a key typed away from its letter may do.
enum class Floating : std::uint8_t {
  kCircumflex,   // VNI 6
  kHorn,         // VNI 7
  kBreve,        // VNI 8
  kHornOrBreve,  // Telex w
  kStroke,       // VNI 9
};

constexpr std::size_t kMaxLetters = 12;
constexpr std::size_t kMaxFloating = 3;

struct Parsed {
  std::array<Letter, kMaxLetters> letters{};
  std::size_t size = 0;
  Tone tone = kNoTone;
  std::array<Floating, kMaxFloating> floating{};
  std::size_t floating_count = 0;
  // A Telex tone key s/r/x was followed by more letters ("test").
  bool inner_ambiguous_tone = false;

  bool push(char base) {
    if (size == kMaxLetters) return false;
    letters[size++] = {base, kPlain};
    return true;
  }
  bool push_floating(Floating f) {
    if (floating_count == kMaxFloating) return false;
    floating[floating_count++] = f;
    return true;
  }
  Letter* last() { return size == 0 ? nullptr : &letters[size - 1]; }
};

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

bool takes(char base, Quality q) {
  switch (q) {
    case kBreve:
      return base == 'a';
    case kCircumflex:
      return base == 'a' || base == 'e' || base == 'o';
    case kHorn:
      return base == 'o' || base == 'u';
    case kPlain:
      return true;
  }
  return false;
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Lowercased ASCII copy, or nullopt for an empty, long or non-alphanumeric token.
std::optional<std::string> lowered(std::string_view token) {
  if (token.empty() || token.size() > 2 * kMaxLetters) return std::nullopt;
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    const char l = lower(c);
    if (!((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9'))) return std::nullopt;
    out.push_back(l);
  }
  return out;
}

// ----------------------------------------------------------------------------
// Syllable validation

// Spelling of letters [from, to): marked vowels as "a(" ă, "a^" â, "e^" ê,
// "o^" ô, "o+" ơ, "u+" ư; đ as "D".
std::string spell(const Parsed& p, std::size_t from, std::size_t to) {
  std::string s;
  for (std::size_t i = from; i < to; ++i) {
    s.push_back(p.letters[i].base);
    switch (p.letters[i].quality) {
      case kBreve:
        s.push_back('(');
        break;
      case kCircumflex:
        s.push_back('^');
        break;
      case kHorn:
        s.push_back('+');
        break;
      case kPlain:
        break;
    }
  }
  return s;
}

bool is_onset(std::string_view s) {
  static constexpr auto kOnsets = std::to_array<std::string_view>(
      {"",   "b",   "c",  "ch", "d",  "D", "g", "gh", "h", "k",  "kh", "l", "m", "n",
       "ng", "ngh", "nh", "p",  "ph", "q", "r", "s",  "t", "th", "tr", "v", "x"});
  for (std::string_view o : kOnsets) {
    if (o == s) return true;
  }
  return false;
}

bool is_coda(std::string_view s) {
  static constexpr auto kCodas =
      std::to_array<std::string_view>({"", "c", "ch", "m", "n", "ng", "nh", "p", "t"});
  for (std::string_view c : kCodas) {
    if (c == s) return true;
  }
  return false;
}

bool is_stop(std::string_view coda) {
  return coda == "c" || coda == "ch" || coda == "p" || coda == "t";
}

// Vowel runs of Vietnamese rhymes (final glides i y o u included) and whether
// they stand open, take a final consonant, or both.
enum RhymeKind : std::uint8_t { kOpen = 1, kClosed = 2, kBoth = 3 };

struct RhymeRow {
  std::string_view run;
  RhymeKind kind;
};

constexpr auto kRhymes = std::to_array<RhymeRow>({
    // Single vowels.
    {"a", kBoth},
    {"a(", kClosed},
    {"a^", kClosed},
    {"e", kBoth},
    {"e^", kBoth},
    {"i", kBoth},
    {"o", kBoth},
    {"o^", kBoth},
    {"o+", kBoth},
    {"u", kBoth},
    {"u+", kBoth},
    {"y", kOpen},
    // Two letters.
    {"ai", kOpen},
    {"ao", kOpen},
    {"au", kOpen},
    {"ay", kOpen},
    {"a^u", kOpen},
    {"a^y", kOpen},
    {"eo", kOpen},
    {"e^u", kOpen},
    {"ia", kOpen},
    {"iu", kOpen},
    {"ie^", kClosed},
    {"ye^", kClosed},
    {"oa", kBoth},
    {"oa(", kClosed},
    {"oe", kBoth},
    {"oi", kOpen},
    {"o^i", kOpen},
    {"o+i", kOpen},
    {"ua", kOpen},
    {"ua^", kClosed},
    {"ue^", kBoth},
    {"ui", kOpen},
    {"uo^", kClosed},
    {"uo+", kOpen},  // thuở, huơ
    {"u+o+", kClosed},
    {"u+a", kOpen},
    {"u+i", kOpen},
    {"u+u", kOpen},
    {"uy", kBoth},
    // Three letters.
    {"ie^u", kOpen},
    {"ye^u", kOpen},
    {"oai", kOpen},
    {"oay", kOpen},
    {"oeo", kOpen},
    {"ua^y", kOpen},
    {"uo^i", kOpen},
    {"u+o+i", kOpen},
    {"u+o+u", kOpen},
    {"uya", kOpen},
    {"uye^", kClosed},
    {"uyu", kOpen},
});

// True when the vowel run [from, to) of `p` followed by `coda` is a rhyme.
bool is_rhyme(const Parsed& p, std::size_t from, std::size_t to, std::string_view coda) {
  if (from >= to) return false;
  const std::string run = spell(p, from, to);
  bool found = false;
  for (const RhymeRow& row : kRhymes) {
    if (row.run == run) {
      found = (row.kind & (coda.empty() ? kOpen : kClosed)) != 0;
      break;
    }
  }
  if (!found) return false;
  const Letter& last = p.letters[to - 1];
  if (coda == "ch" || coda == "nh") {
    // ach anh, êch ênh, ich inh, oach, uênh, uych uynh.
    const bool ok =
        (last.quality == kPlain && (last.base == 'a' || last.base == 'i' || last.base == 'y')) ||
        (last.base == 'e' && last.quality == kCircumflex);
    if (!ok) return false;
  }
  if ((coda == "c" || coda == "ng") && (last.base == 'i' || last.base == 'y')) {
    return false;  // spelled ich, inh
  }
  return true;
}

// Validates `p` as one Vietnamese syllable; normalises ưo / uơ + more to ươ.
bool is_syllable(Parsed& p) {
  const std::size_t n = p.size;
  std::size_t vb = 0;
  while (vb < n && !is_vowel(p.letters[vb].base)) ++vb;
  if (vb == n) return false;
  std::size_t ve = vb;
  while (ve < n && is_vowel(p.letters[ve].base)) ++ve;
  for (std::size_t i = ve; i < n; ++i) {
    if (is_vowel(p.letters[i].base) || p.letters[i].base == kDStroke) return false;
  }
  for (std::size_t i = 0; i < vb; ++i) {
    if (p.letters[i].quality != kPlain) return false;
  }
  const std::string onset = spell(p, 0, vb);
  const std::string coda = spell(p, ve, n);
  if (!is_onset(onset) || !is_coda(coda)) return false;
  if (p.tone != kNoTone && is_stop(coda) && p.tone != kAcute && p.tone != kDot) return false;

  const Letter first = p.letters[vb];
  const bool qu = onset == "q";
  if (qu && (first.base != 'u' || first.quality != kPlain || ve - vb < 2)) return false;
  const bool gi = onset == "g" && first.base == 'i' && first.quality == kPlain && ve - vb >= 2;

  // The u of "qu" keeps its shape; elsewhere ưo and uơ + more letters are ươ.
  for (std::size_t i = qu ? vb + 1 : vb; i + 1 < ve; ++i) {
    Letter& u = p.letters[i];
    Letter& o = p.letters[i + 1];
    if (u.base != 'u' || o.base != 'o') continue;
    if (u.quality == kHorn && o.quality == kPlain) o.quality = kHorn;
    if (u.quality == kPlain && o.quality == kHorn && i + 2 < n) u.quality = kHorn;
  }

  // Spelling of the onset before front vowels (ke ghe nghe, not ce ge nge).
  if (!qu && !gi) {
    const bool front = first.base == 'e' || first.base == 'i' || first.base == 'y';
    if ((onset == "k" || onset == "gh" || onset == "ngh") && !front) return false;
    if ((onset == "c" || onset == "ng") && front) return false;
    if (onset == "g" && first.base == 'e') return false;
  }

  if (qu) return is_rhyme(p, vb + 1, ve, coda) || is_rhyme(p, vb, ve, coda);
  if (gi) return is_rhyme(p, vb + 1, ve, coda) || is_rhyme(p, vb, ve, coda);
  return is_rhyme(p, vb, ve, coda);
}

// ----------------------------------------------------------------------------
// Composition

// The 12 vowels with their tones, in the order of Tone.
constexpr std::array<std::string_view, 12> kVowels = {"aáàảãạ", "ăắằẳẵặ", "âấầẩẫậ", "eéèẻẽẹ",
                                                      "êếềểễệ", "iíìỉĩị", "oóòỏõọ", "ôốồổỗộ",
                                                      "ơớờởỡợ", "uúùủũụ", "ưứừửữự", "yýỳỷỹỵ"};

std::size_t vowel_index(Letter l) {
  switch (l.base) {
    case 'a':
      return l.quality == kBreve ? 1 : l.quality == kCircumflex ? 2 : 0;
    case 'e':
      return l.quality == kCircumflex ? 4 : 3;
    case 'i':
      return 5;
    case 'o':
      return l.quality == kCircumflex ? 7 : l.quality == kHorn ? 8 : 6;
    case 'u':
      return l.quality == kHorn ? 10 : 9;
    default:
      return 11;  // y
  }
}

// The k-th code point of a UTF-8 string, as a view.
std::string_view nth_code_point(std::string_view s, std::size_t k) {
  std::size_t i = 0;
  for (;;) {
    std::size_t len = 1;
    const auto lead = static_cast<unsigned char>(s[i]);
    if (lead >= 0xE0) {
      len = 3;
    } else if (lead >= 0xC0) {
      len = 2;
    }
    if (k == 0) return s.substr(i, len);
    --k;
    i += len;
  }
}

std::string compose(const Parsed& p) {
  // Tone on a vowel with a quality mark, else on the first vowel; exact_form()
  // moves it to its canonical place.
  std::size_t carrier = p.size;
  for (std::size_t i = 0; i < p.size; ++i) {
    if (!is_vowel(p.letters[i].base)) continue;
    if (carrier == p.size || p.letters[i].quality != kPlain) carrier = i;
  }
  std::string out;
  for (std::size_t i = 0; i < p.size; ++i) {
    const Letter l = p.letters[i];
    if (l.base == kDStroke) {
      out += "\xC4\x91";  // đ
    } else if (is_vowel(l.base)) {
      out += nth_code_point(kVowels[vowel_index(l)], i == carrier ? p.tone : 0);
    } else {
      out.push_back(l.base);
    }
  }
  return exact_form(out);
}

bool has_keystroke(const Parsed& p) {
  if (p.tone != kNoTone) return true;
  for (std::size_t i = 0; i < p.size; ++i) {
    if (p.letters[i].quality != kPlain || p.letters[i].base == kDStroke) return true;
  }
  return false;
}

// Applies the floating keystrokes from index `k` on in every possible way, in
// order of preference; the first valid syllable wins.
std::optional<std::string> resolve(const Parsed& p, std::size_t k) {
  if (k == p.floating_count) {
    Parsed q = p;
    if (!has_keystroke(q) || !is_syllable(q)) return std::nullopt;
    if (q.inner_ambiguous_tone) {
      bool other = false;
      for (std::size_t i = 0; i < q.size; ++i) {
        other = other || q.letters[i].quality != kPlain || q.letters[i].base == kDStroke;
      }
      if (!other) return std::nullopt;
    }
    return compose(q);
  }
  const Floating f = p.floating[k];
  if (f == Floating::kStroke) {
    if (p.size == 0 || p.letters[0].base != 'd') return std::nullopt;
    Parsed q = p;
    q.letters[0].base = kDStroke;
    return resolve(q, k + 1);
  }
  if (f == Floating::kHorn || f == Floating::kHornOrBreve) {
    for (std::size_t i = 0; i + 1 < p.size; ++i) {  // uo -> ươ first
      if (p.letters[i].base == 'u' && p.letters[i + 1].base == 'o' &&
          p.letters[i].quality == kPlain && p.letters[i + 1].quality == kPlain) {
        Parsed q = p;
        q.letters[i].quality = kHorn;
        q.letters[i + 1].quality = kHorn;
        if (auto r = resolve(q, k + 1)) return r;
      }
    }
  }
  std::array<Quality, 2> qualities{};
  std::size_t nq = 0;
  switch (f) {
    case Floating::kCircumflex:
      qualities[nq++] = kCircumflex;
      break;
    case Floating::kHorn:
      qualities[nq++] = kHorn;
      break;
    case Floating::kBreve:
      qualities[nq++] = kBreve;
      break;
    case Floating::kHornOrBreve:
      qualities[nq++] = kHorn;
      qualities[nq++] = kBreve;
      break;
    case Floating::kStroke:
      break;
  }
  for (std::size_t j = 0; j < nq; ++j) {
    for (std::size_t i = 0; i < p.size; ++i) {
      const Letter l = p.letters[i];
      if (!is_vowel(l.base) || l.quality != kPlain || !takes(l.base, qualities[j])) continue;
      Parsed q = p;
      q.letters[i].quality = qualities[j];
      if (auto r = resolve(q, k + 1)) return r;
    }
  }
  return std::nullopt;
}

// ----------------------------------------------------------------------------
// Parsers

std::optional<Parsed> parse_telex(std::string_view s) {
  Parsed p;
  bool seen_vowel = false;
  bool pending_ambiguous = false;  // s/r/x tone key seen, no letter after it yet
  char prev = 0;
  for (const char c : s) {
    if (c < 'a' || c > 'z') return std::nullopt;
    Letter* last = p.last();
    const char before = prev;
    prev = c;
    if (c == 'd' && before == 'd' && p.size == 1 && last->base == 'd') {
      last->base = kDStroke;
      continue;
    }
    if ((c == 'a' || c == 'e' || c == 'o') && before == c && last != nullptr && last->base == c &&
        last->quality == kPlain) {
      last->quality = kCircumflex;
      continue;
    }
    if (c == 'w') {
      if (last != nullptr && is_vowel(last->base)) {
        if (last->base == 'a' && last->quality == kPlain) {
          last->quality = kBreve;
        } else if ((last->base == 'o' || last->base == 'u') && last->quality == kPlain) {
          last->quality = kHorn;
        } else if (last->quality != kPlain) {
          return std::nullopt;  // "aww", "aaw": not a plain keystroke
        } else if (!p.push_floating(Floating::kHornOrBreve)) {
          return std::nullopt;
        }
      } else if (!seen_vowel) {
        if (!p.push('u')) return std::nullopt;
        p.last()->quality = kHorn;
        seen_vowel = true;
      } else if (!p.push_floating(Floating::kHornOrBreve)) {
        return std::nullopt;
      }
      continue;
    }
    if (seen_vowel && (c == 's' || c == 'f' || c == 'r' || c == 'x' || c == 'j')) {
      if (p.tone != kNoTone) return std::nullopt;
      p.tone = c == 's' ? kAcute : c == 'f' ? kGrave : c == 'r' ? kHook : c == 'x' ? kTilde : kDot;
      pending_ambiguous = c == 's' || c == 'r' || c == 'x';
      continue;
    }
    if (seen_vowel && c == 'z') {
      p.tone = kNoTone;
      pending_ambiguous = false;
      continue;
    }
    if (!p.push(c)) return std::nullopt;
    if (is_vowel(c)) seen_vowel = true;
    if (pending_ambiguous) p.inner_ambiguous_tone = true;
  }
  return p;
}

std::optional<Parsed> parse_vni(std::string_view s) {
  Parsed p;
  bool seen_vowel = false;
  bool seen_digit = false;
  for (const char c : s) {
    if (c >= 'a' && c <= 'z') {
      if (!p.push(c)) return std::nullopt;
      if (is_vowel(c)) seen_vowel = true;
      continue;
    }
    Letter* last = p.last();
    seen_digit = true;
    if (c == '9' && p.size == 1 && last->base == 'd') {  // d9 -> đ
      last->base = kDStroke;
      continue;
    }
    if (c < '1' || c > '9' || !seen_vowel) return std::nullopt;  // also 0
    if (c <= '5') {
      if (p.tone != kNoTone) return std::nullopt;
      p.tone = static_cast<Tone>(c - '0');
      continue;
    }
    if (c == '9') {
      if (!p.push_floating(Floating::kStroke)) return std::nullopt;
      continue;
    }
    const Quality q = c == '6' ? kCircumflex : c == '7' ? kHorn : kBreve;
    if (last->quality == kPlain && is_vowel(last->base) && takes(last->base, q)) {
      last->quality = q;
    } else if (last->quality != kPlain) {
      return std::nullopt;  // "o67": two marks on a letter
    } else {
      const Floating f = q == kCircumflex ? Floating::kCircumflex
                         : q == kHorn     ? Floating::kHorn
                                          : Floating::kBreve;
      if (!p.push_floating(f)) return std::nullopt;
    }
  }
  if (!seen_digit) return std::nullopt;
  return p;
}

}  // namespace

std::optional<std::string> decode_telex(std::string_view token) {
  const std::optional<std::string> s = lowered(token);
  if (!s) return std::nullopt;
  const std::optional<Parsed> p = parse_telex(*s);
  if (!p) return std::nullopt;
  return resolve(*p, 0);
}

std::optional<std::string> decode_vni(std::string_view token) {
  const std::optional<std::string> s = lowered(token);
  if (!s) return std::nullopt;
  const std::optional<Parsed> p = parse_vni(*s);
  if (!p) return std::nullopt;
  return resolve(*p, 0);
}

std::vector<std::string> decode_input_method(std::string_view token) {
  std::vector<std::string> out;
  if (std::optional<std::string> t = decode_telex(token)) out.push_back(std::move(*t));
  if (std::optional<std::string> v = decode_vni(token)) {
    if (out.empty() || out.front() != *v) out.push_back(std::move(*v));
  }
  return out;
}

}  // namespace sotay
