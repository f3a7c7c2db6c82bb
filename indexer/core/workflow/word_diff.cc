#include "word_diff.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>

#include "text.h"

namespace sotay {

namespace {

enum class Kind { Word, Space, Other };

// The kind of the character at `i`, and where the next one starts.
Kind kind_at(std::string_view s, std::size_t& i) {
  const std::size_t start = i;
  UChar32 c = 0;
  int32_t at = static_cast<int32_t>(i);
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), at, static_cast<int32_t>(s.size()), c);
  i = static_cast<std::size_t>(at);
  if (c < 0) {
    i = start + 1;
    return Kind::Other;
  }
  if (u_isUWhiteSpace(c)) return Kind::Space;
  if (u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0) return Kind::Word;
  return Kind::Other;
}

// Longest common subsequence of a[0..n) and b[0..m): which tokens of each
// are kept. The table holds uint16_t: the caller bounds n*m, so min(n, m)
// stays far below 65,535.
void mark_common(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b,
                 std::vector<bool>& keep_a, std::vector<bool>& keep_b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<uint16_t> t((n + 1) * (m + 1), 0);
  const auto at = [&](std::size_t i, std::size_t j) -> uint16_t& { return t[i * (m + 1) + j]; };
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      at(i, j) = a[i] == b[j] ? static_cast<uint16_t>(at(i + 1, j + 1) + 1)
                              : std::max(at(i + 1, j), at(i, j + 1));
    }
  }
  std::size_t i = 0, j = 0;
  while (i < n && j < m) {
    if (a[i] == b[j]) {
      keep_a[i++] = true;
      keep_b[j++] = true;
    } else if (at(i + 1, j) >= at(i, j + 1)) {
      ++i;
    } else {
      ++j;
    }
  }
}

bool is_glue(std::string_view token) {
  std::size_t i = 0;
  const Kind k = kind_at(token, i);
  return k == Kind::Space || (k == Kind::Other && i == token.size());
}

// Pieces from tokens and their kept flags: glue between two changes joins
// them, neighbours of the same kind merge.
std::vector<WordPiece> pieces(const std::vector<std::string_view>& tokens, std::vector<bool> kept) {
  for (std::size_t i = 1; i + 1 < tokens.size(); ++i) {
    if (kept[i] && !kept[i - 1] && !kept[i + 1] && is_glue(tokens[i])) kept[i] = false;
  }
  std::vector<WordPiece> out;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (out.empty() || out.back().changed == kept[i]) out.push_back({!kept[i], {}});
    out.back().text += tokens[i];
  }
  return out;
}

std::size_t word_bytes(const std::vector<std::string_view>& tokens, const std::vector<bool>& kept,
                       bool want_kept) {
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (kept[i] == want_kept && !is_glue(tokens[i])) bytes += tokens[i].size();
  }
  return bytes;
}

constexpr std::size_t MAX_CELLS = 4'000'000;  // 8 MB of table at most

}  // namespace

std::vector<std::string_view> diff_tokens(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    const std::size_t start = i;
    const Kind k = kind_at(line, i);
    if (k != Kind::Other) {
      for (std::size_t next = i; next < line.size();) {
        std::size_t probe = next;
        if (kind_at(line, probe) != k) break;
        next = i = probe;
      }
    }
    out.push_back(line.substr(start, i - start));
  }
  return out;
}

WordDiff word_diff(std::string_view before, std::string_view after) {
  WordDiff out;
  const std::string a_text = to_nfc(before), b_text = to_nfc(after);
  const std::vector<std::string_view> a = diff_tokens(a_text), b = diff_tokens(b_text);
  std::vector<bool> keep_a(a.size(), false), keep_b(b.size(), false);
  // Common head and tail first: most edits change a few words in the middle.
  std::size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) {
    keep_a[head] = keep_b[head] = true;
    ++head;
  }
  std::size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head &&
         a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) {
    keep_a[a.size() - 1 - tail] = keep_b[b.size() - 1 - tail] = true;
    ++tail;
  }
  const std::vector<std::string_view> mid_a(a.begin() + head, a.end() - tail);
  const std::vector<std::string_view> mid_b(b.begin() + head, b.end() - tail);
  if (!mid_a.empty() && !mid_b.empty() && mid_a.size() * mid_b.size() <= MAX_CELLS) {
    std::vector<bool> ka(mid_a.size(), false), kb(mid_b.size(), false);
    mark_common(mid_a, mid_b, ka, kb);
    std::copy(ka.begin(), ka.end(), keep_a.begin() + head);
    std::copy(kb.begin(), kb.end(), keep_b.begin() + head);
  }
  const std::size_t common = word_bytes(a, keep_a, true);
  const std::size_t longest = std::max(common + word_bytes(a, keep_a, false),
                                       word_bytes(b, keep_b, true) + word_bytes(b, keep_b, false));
  out.similar = longest == 0 || common * 3 >= longest;
  out.before = pieces(a, keep_a);
  out.after = pieces(b, keep_b);
  return out;
}

}  // namespace sotay
