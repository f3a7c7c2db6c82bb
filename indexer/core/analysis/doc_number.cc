#include "doc_number.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "vietnamese.h"

namespace sotay {

namespace {

constexpr std::size_t MAX_DIGITS = 6;
constexpr std::size_t MAX_CODE_BYTES = 48;

struct Scanner {
  std::string_view s;

  // Code point at byte i (U+FFFD on bad bytes) and its length via `next`.
  UChar32 at(std::size_t i, std::size_t* next = nullptr) const {
    if (i >= s.size()) {
      if (next) *next = i;
      return -1;
    }
    int32_t pos = static_cast<int32_t>(i);
    UChar32 c;
    U8_NEXT(s.data(), pos, static_cast<int32_t>(s.size()), c);
    if (next) *next = static_cast<std::size_t>(pos);
    return c < 0 ? 0xFFFD : c;
  }
  bool is_digit(std::size_t i) const { return i < s.size() && s[i] >= '0' && s[i] <= '9'; }
  bool is_letter(std::size_t i) const {
    const UChar32 c = at(i);
    return c > 0 && u_isalpha(c);
  }
  bool is_alnum(std::size_t i) const {
    const UChar32 c = at(i);
    return c > 0 && (u_isalnum(c) || u_getCombiningClass(c) != 0);
  }
  // The code point that ends just before byte i.
  UChar32 before(std::size_t i) const {
    if (i == 0) return -1;
    int32_t pos = static_cast<int32_t>(i);
    UChar32 c;
    U8_PREV(s.data(), 0, pos, c);
    return c;
  }

  std::size_t digits(std::size_t i) const {
    std::size_t j = i;
    while (is_digit(j)) ++j;
    return j;
  }

  // A code: letter groups joined by '-', each a letter then letters or
  // digits (combining marks included, for NFD input). Returns its end, or
  // `i` when there is none. `stop_at_slash_digit` is unused by design.
  std::size_t code(std::size_t i) const {
    std::size_t j = i;
    while (true) {
      if (!is_letter(j)) return j == i ? i : (s[j - 1] == '-' ? j - 1 : j);
      std::size_t next;
      at(j, &next);
      j = next;
      while (j < s.size() && is_alnum(j)) {
        at(j, &next);
        j = next;
      }
      if (j - i > MAX_CODE_BYTES) return i;
      if (j < s.size() && s[j] == '-' && is_letter(j + 1)) {
        ++j;
        continue;
      }
      return j;
    }
  }
};

std::string strip_zeros(std::string_view digits) {
  std::size_t k = 0;
  while (k + 1 < digits.size() && digits[k] == '0') ++k;
  return std::string(digits.substr(k));
}

std::string fold_code(std::string_view code) {
  std::string out = folded_form(code);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_year(std::string_view digits) {
  if (digits.size() != 4) return false;
  const int y = std::stoi(std::string(digits));
  return y >= 1945 && y <= 2099;
}

}  // namespace

std::string DocNumber::key() const {
  if (party) return number + "-" + code;
  if (partial) return number + "/" + year;
  return number + "/" + (year.empty() ? "-" : year) + "/" + code;
}

std::vector<std::string> DocNumber::index_keys() const {
  std::vector<std::string> keys{key()};
  if (!party && !partial) {
    if (!year.empty()) {
      keys.push_back(number + "/" + code);
      keys.push_back(number + "/" + year);
    } else {
      keys.push_back(number + "/" + code);
    }
  }
  return keys;
}

std::string DocNumber::query_key() const {
  if (party || partial || !year.empty()) return key();
  return number + "/" + code;
}

std::vector<DocNumber> find_doc_numbers(std::string_view text, NumberContext context) {
  std::vector<DocNumber> found;
  const Scanner sc{text};
  for (std::size_t i = 0; i < text.size();) {
    if (!sc.is_digit(i)) {
      ++i;
      continue;
    }
    const UChar32 prev = sc.before(i);
    const std::size_t num_end = sc.digits(i);
    const bool boundary =
        prev < 0 || !(u_isalnum(prev) || prev == '/' || prev == '-' || prev == '.' || prev == ',');
    if (!boundary || num_end - i > MAX_DIGITS) {
      i = num_end;
      continue;
    }
    DocNumber n;
    n.begin = i;
    n.number = strip_zeros(text.substr(i, num_end - i));
    std::size_t end = num_end;
    bool ok = false;
    if (end < text.size() && text[end] == '/') {
      if (sc.is_digit(end + 1)) {
        const std::size_t year_end = sc.digits(end + 1);
        const std::string_view year = text.substr(end + 1, year_end - end - 1);
        if (is_year(year) && year_end < text.size() && text[year_end] == '/') {
          const std::size_t code_end = sc.code(year_end + 1);
          if (code_end > year_end + 1) {
            n.year = std::string(year);
            n.code = fold_code(text.substr(year_end + 1, code_end - year_end - 1));
            end = code_end;
            ok = true;
          }
        } else if (is_year(year) && context == NumberContext::QUERY &&
                   !(year_end < text.size() && (text[year_end] == '/' || sc.is_alnum(year_end)))) {
          n.year = std::string(year);
          n.partial = true;
          end = year_end;
          ok = true;
        }
        if (!ok) end = year_end;
      } else {
        const std::size_t code_end = sc.code(end + 1);
        if (code_end > end + 1) {
          n.code = fold_code(text.substr(end + 1, code_end - end - 1));
          end = code_end;
          ok = true;
        }
      }
    } else if (end < text.size() && text[end] == '-' && sc.is_letter(end + 1)) {
      const std::size_t type_end = sc.code(end + 1);
      if (type_end < text.size() && text[type_end] == '/' && sc.is_letter(type_end + 1)) {
        const std::size_t issuer_end = sc.code(type_end + 1);
        n.party = true;
        n.code = fold_code(text.substr(end + 1, issuer_end - end - 1));
        end = issuer_end;
        ok = true;
      }
    }
    if (ok && end < text.size() && (sc.is_alnum(end) || text[end] == '/')) ok = false;
    if (ok) {
      n.end = end;
      found.push_back(std::move(n));
    }
    i = std::max(end, num_end);
  }
  return found;
}

std::string doc_number_key(std::string_view text) {
  const auto found = find_doc_numbers(text, NumberContext::QUERY);
  if (found.size() != 1 || found[0].begin != 0 || found[0].end != text.size()) return {};
  return found[0].key();
}

}  // namespace sotay
