// Tokenizer: ICU word boundaries over a UTF-16 copy of the text, mapped back to
// the UTF-8 byte offsets of the input, plus the edge cases of rule 15.
//
// What ICU (72, root rules) does and what this file changes:
//   * "/" and "-" split tokens ("30/2020/NĐ-CP" -> 30 2020 NĐ CP, "Covid-19" ->
//     covid 19); kept as ICU does.
//   * A "." between letters stays inside an ICU token ("TP.HCM", "v.v", host
//     names); such tokens are split here into parts at consecutive positions,
//     and the joined folded form ("tphcm") is added to the first part.
//     A "." or "," between digits is a group/decimal separator: "1.000.000",
//     "2,5" stay one token.
//   * "@" never joins a token: ICU keeps "x.y@phuong.hanoi.gov.vn" whole; it
//     is split into x y phuong hanoi gov vn.
//   * E-mail addresses and URLs (http://, https://, ftp://, www.) are found on
//     the bytes of the text; their parts are tokens (no joined extras), and the
//     whole folded address (for URLs without the scheme) is an extra of the
//     first token of the address proper (after "scheme://").
//   * Apostrophes (' and ’) and "_" are ICU's business: "don't", "l’Etat",
//     "thu_tuc" stay one token.
//   * Invalid UTF-8 becomes U+FFFD, which ICU treats as a separator.
#include "tokenizer.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <stdexcept>

#include "vietnamese.h"

namespace sotay {
namespace {

icu::BreakIterator& word_iterator() {
  thread_local const std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> bi(
        icu::BreakIterator::createWordInstance(icu::Locale("vi"), status));
    if (U_FAILURE(status) || bi == nullptr) {
      throw std::runtime_error("ICU word break iterator unavailable");
    }
    return bi;
  }();
  return *it;
}

// The text as UTF-16, with the byte offset of every code unit (and of the end).
struct Utf16Text {
  std::vector<UChar> units;
  std::vector<std::uint32_t> byte_at;
};

void to_utf16(std::string_view text, Utf16Text& out) {
  out.units.resize(text.size());
  out.byte_at.resize(text.size() + 1);
  const char* s = text.data();
  const auto n = static_cast<std::int32_t>(text.size());
  std::size_t k = 0;
  std::int32_t i = 0;
  while (i < n) {
    const auto byte = static_cast<unsigned char>(s[i]);
    if (byte < 0x80) {
      out.units[k] = byte;
      out.byte_at[k++] = static_cast<std::uint32_t>(i++);
      continue;
    }
    const std::int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(s, i, n, c);
    if (c < 0) c = 0xFFFD;  // ill-formed: one U+FFFD per maximal subpart
    if (c <= 0xFFFF) {
      out.units[k] = static_cast<UChar>(c);
      out.byte_at[k++] = static_cast<std::uint32_t>(start);
    } else {
      out.units[k] = U16_LEAD(c);
      out.byte_at[k++] = static_cast<std::uint32_t>(start);
      out.units[k] = U16_TRAIL(c);
      out.byte_at[k++] = static_cast<std::uint32_t>(start);
    }
  }
  out.units.resize(k);
  out.byte_at[k] = static_cast<std::uint32_t>(n);
  out.byte_at.resize(k + 1);
}

// An e-mail address or URL: bytes [begin, end); tokens from `first_part` on
// are its parts, and `whole` (folded) goes on the first of them.
struct Address {
  std::size_t begin = 0;
  std::size_t first_part = 0;
  std::size_t end = 0;
  std::string whole;
};

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_url_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u <= 0x20 || u >= 0x7F) return false;  // spaces, controls, non-ASCII (quotes, …)
  switch (c) {
    case '<':
    case '>':
    case '"':
    case '\'':
    case '`':
    case '{':
    case '}':
    case '|':
    case '\\':
    case '^':
      return false;
    default:
      return true;
  }
}

bool is_url_trailer(char c) {
  switch (c) {
    case '.':
    case ',':
    case ';':
    case ':':
    case '!':
    case '?':
    case ')':
    case ']':
      return true;
    default:
      return false;
  }
}

bool iequals_ascii(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    if (c != lower[i]) return false;
  }
  return true;
}

// Extends a URL whose address proper starts at `from`; returns its end.
std::size_t url_end(std::string_view text, std::size_t from) {
  std::size_t end = from;
  while (end < text.size() && is_url_char(text[end])) ++end;
  while (end > from && is_url_trailer(text[end - 1])) --end;
  return end;
}

void find_urls(std::string_view text, std::vector<Address>& out) {
  for (std::size_t at = text.find("://"); at != std::string_view::npos;
       at = text.find("://", at + 3)) {
    std::size_t begin = at;
    while (begin > 0 && ((text[begin - 1] >= 'a' && text[begin - 1] <= 'z') ||
                         (text[begin - 1] >= 'A' && text[begin - 1] <= 'Z'))) {
      --begin;
    }
    if (begin > 0 && is_ascii_alnum(text[begin - 1])) continue;
    const std::string_view scheme = text.substr(begin, at - begin);
    if (!iequals_ascii(scheme, "http") && !iequals_ascii(scheme, "https") &&
        !iequals_ascii(scheme, "ftp")) {
      continue;
    }
    const std::size_t host = at + 3;
    const std::size_t end = url_end(text, host);
    if (end == host) continue;
    out.push_back({begin, host, end, folded_form(text.substr(host, end - host))});
  }
  for (std::size_t at = text.find("www."); at != std::string_view::npos;
       at = text.find("www.", at + 4)) {
    if (at > 0 && (is_ascii_alnum(text[at - 1]) || text[at - 1] == '.' || text[at - 1] == '/')) {
      continue;  // part of a longer host name or of a URL found above
    }
    const std::size_t end = url_end(text, at);
    if (end <= at + 4) continue;
    out.push_back({at, at, end, folded_form(text.substr(at, end - at))});
  }
}

bool is_email_local_char(char c) {
  return is_ascii_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

bool is_email_domain_char(char c) { return is_ascii_alnum(c) || c == '.' || c == '-'; }

void find_emails(std::string_view text, std::vector<Address>& out) {
  for (std::size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    std::size_t begin = at;
    while (begin > 0 && is_email_local_char(text[begin - 1])) --begin;
    while (begin < at && text[begin] == '.') ++begin;
    std::size_t end = at + 1;
    while (end < text.size() && is_email_domain_char(text[end])) ++end;
    while (end > at + 1 && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
    if (begin == at || end == at + 1) continue;
    const std::string_view domain = text.substr(at + 1, end - at - 1);
    if (domain.find('.') == std::string_view::npos) continue;
    out.push_back({begin, begin, end, folded_form(text.substr(begin, end - begin))});
  }
}

// Addresses sorted by position, without overlaps (the earlier one wins, so a
// "user@host" inside a URL stays part of the URL).
std::vector<Address> find_addresses(std::string_view text) {
  std::vector<Address> found;
  find_urls(text, found);
  find_emails(text, found);
  if (found.empty()) return found;
  std::stable_sort(found.begin(), found.end(),
                   [](const Address& a, const Address& b) { return a.begin < b.begin; });
  std::vector<Address> out;
  for (Address& a : found) {
    if (!out.empty() && a.begin < out.back().end) continue;
    out.push_back(std::move(a));
  }
  return out;
}

bool is_digit_unit(UChar c) { return c >= u'0' && c <= u'9'; }

// Appends the tokens of a text, one UTF-16 range at a time, with their
// forms, positions, clause starts and the extras of e-mail addresses and
// URLs.
class TokenSink {
 public:
  TokenSink(std::string_view text, const Utf16Text& u16, std::vector<Token>& tokens)
      : text_(text), u16_(u16), addresses_(find_addresses(text)), tokens_(tokens) {}

  // Units [b16, e16) as a token; `continues_previous`: a part of the same
  // ICU word as the previous token ("TP.HCM"), never a clause start.
  void emit(std::int32_t b16, std::int32_t e16, bool continues_previous);
  bool in_address() const { return prev_address_ != nullptr; }

 private:
  // The address holding the token starting at byte `begin`, or nullptr.
  const Address* address_at(std::size_t begin);

  std::string_view text_;
  const Utf16Text& u16_;
  const std::vector<Address> addresses_;
  std::vector<Token>& tokens_;
  std::size_t next_address_ = 0;
  bool address_extra_given_ = false;
  std::size_t prev_end_ = 0;               // byte end of the previous kept token
  const Address* prev_address_ = nullptr;  // address of the previous kept token
};

const Address* TokenSink::address_at(std::size_t begin) {
  while (next_address_ < addresses_.size() && addresses_[next_address_].end <= begin) {
    ++next_address_;
    address_extra_given_ = false;
  }
  if (next_address_ < addresses_.size() && addresses_[next_address_].begin <= begin) {
    return &addresses_[next_address_];
  }
  return nullptr;
}

void TokenSink::emit(std::int32_t b16, std::int32_t e16, bool continues_previous) {
  const std::size_t begin = u16_.byte_at[static_cast<std::size_t>(b16)];
  const std::size_t end = u16_.byte_at[static_cast<std::size_t>(e16)];
  const Address* address = address_at(begin);
  Token& t = tokens_.emplace_back();
  t.exact = exact_form(text_.substr(begin, end - begin));
  t.folded = folded_form(t.exact);
  t.marked = has_marks(t.exact);  // same as on the token as written
  t.begin = begin;
  t.end = end;
  t.pos = static_cast<std::uint32_t>(tokens_.size() - 1);
  if (tokens_.size() == 1) {
    t.clause_start = true;
  } else if (continues_previous || (address != nullptr && address == prev_address_)) {
    t.clause_start = false;
  } else {
    t.clause_start = has_clause_break(text_.substr(prev_end_, begin - prev_end_));
  }
  if (address != nullptr && !address_extra_given_ && begin >= address->first_part) {
    t.extra_folded.push_back(address->whole);
    address_extra_given_ = true;
  }
  prev_end_ = end;
  prev_address_ = address;
}

// The parts of ICU word [start, stop) as tokens: split at "@" and at "."
// unless it stands between two digits; the joined form of an abbreviation
// ("TP.HCM" -> "tphcm", not inside addresses) goes on the first part.
void emit_word(const UChar* units, std::int32_t start, std::int32_t stop, TokenSink& sink,
               std::vector<Token>& tokens) {
  std::int32_t part_begin = start;
  const std::size_t first_index = tokens.size();
  std::size_t parts = 0;
  for (std::int32_t i = start; i <= stop; ++i) {
    bool split = i == stop;
    if (!split && (units[i] == u'@' || units[i] == u'.')) {
      split = units[i] == u'@' || i == start || i + 1 == stop || !is_digit_unit(units[i - 1]) ||
              !is_digit_unit(units[i + 1]);
    }
    if (!split) continue;
    if (i > part_begin) {
      sink.emit(part_begin, i, parts > 0);
      ++parts;
    }
    part_begin = i + 1;
  }
  if (parts >= 2 && !sink.in_address()) {
    std::string joined;
    for (std::size_t k = first_index; k < tokens.size(); ++k) joined += tokens[k].folded;
    tokens[first_index].extra_folded.push_back(std::move(joined));
  }
}

}  // namespace

bool is_clause_break(char32_t c) {
  const auto cp = static_cast<UChar32>(c);
  if (cp == '"' || cp == '\n' || cp == '\r' || cp == 0x2026) return true;  // " and …
  if (cp == '-' || cp == 0x2010 || cp == 0x2011) return false;             // hyphens join words
  switch (u_charType(cp)) {
    case U_START_PUNCTUATION:    // ( [ {
    case U_END_PUNCTUATION:      // ) ] }
    case U_INITIAL_PUNCTUATION:  // “ ‘ «
    case U_FINAL_PUNCTUATION:    // ” ’ »
    case U_DASH_PUNCTUATION:     // – —
    case U_LINE_SEPARATOR:       // U+2028
    case U_PARAGRAPH_SEPARATOR:  // U+2029
      return true;
    default:
      return u_hasBinaryProperty(cp, UCHAR_TERMINAL_PUNCTUATION);  // . , ; : ! ?
  }
}

bool has_clause_break(std::string_view text) {
  const char* s = text.data();
  const auto n = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c = 0;
    U8_NEXT(s, i, n, c);
    if (c >= 0 && is_clause_break(static_cast<char32_t>(c))) return true;
  }
  return false;
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  if (text.empty()) return tokens;
  if (text.size() > static_cast<std::size_t>(INT32_MAX)) {
    throw std::length_error("sotay::tokenize: text longer than 2 GiB");
  }
  tokens.reserve(text.size() / 4 + 1);  // about 6 bytes per token in Vietnamese text

  Utf16Text u16;
  to_utf16(text, u16);
  UErrorCode status = U_ZERO_ERROR;
  UText* ut =
      utext_openUChars(nullptr, u16.units.data(), static_cast<int64_t>(u16.units.size()), &status);
  const std::unique_ptr<UText, decltype(&utext_close)> ut_owner(ut, &utext_close);
  icu::BreakIterator& bi = word_iterator();
  bi.setText(ut, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU setText failed");

  TokenSink sink(text, u16, tokens);
  std::int32_t start = bi.first();
  for (std::int32_t stop = bi.next(); stop != icu::BreakIterator::DONE;
       start = stop, stop = bi.next()) {
    if (bi.getRuleStatus() != UBRK_WORD_NONE)
      emit_word(u16.units.data(), start, stop, sink, tokens);
  }
  return tokens;
}

}  // namespace sotay
