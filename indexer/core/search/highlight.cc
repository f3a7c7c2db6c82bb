#include "highlight.h"

#include <algorithm>
#include <utility>

#include "doc_number.h"
#include "tokenizer.h"

namespace sotay {

namespace {

// Byte ranges of character references ("&amp;", "&#39;") in a text run.
std::vector<std::pair<std::size_t, std::size_t>> references(std::string_view text) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t i = text.find('&'); i != std::string_view::npos; i = text.find('&', i + 1)) {
    const std::size_t end = text.find(';', i);
    if (end != std::string_view::npos && end - i <= 10) out.emplace_back(i, end + 1);
  }
  return out;
}

bool overlaps(const std::vector<std::pair<std::size_t, std::size_t>>& ranges, std::size_t begin,
              std::size_t end) {
  return std::any_of(ranges.begin(), ranges.end(),
                     [&](const auto& r) { return begin < r.second && r.first < end; });
}

void mark_text(std::string_view text, const std::vector<std::string>& highlight,
               const std::vector<std::string>& number_keys, std::string& out) {
  const auto refs = references(text);
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (const Token& t : tokenize(text)) {
    const bool hit = std::any_of(highlight.begin(), highlight.end(), [&](const std::string& h) {
      return t.folded == h || t.exact == h ||
             std::find(t.extra_folded.begin(), t.extra_folded.end(), h) != t.extra_folded.end();
    });
    if (hit && !overlaps(refs, t.begin, t.end)) spans.emplace_back(t.begin, t.end);
  }
  if (!number_keys.empty()) {
    for (const DocNumber& n : find_doc_numbers(text)) {
      const auto keys = n.index_keys();
      const bool hit = std::any_of(number_keys.begin(), number_keys.end(), [&](const auto& k) {
        return std::find(keys.begin(), keys.end(), k) != keys.end();
      });
      if (!hit || overlaps(refs, n.begin, n.end)) continue;
      // The number replaces the word spans inside it.
      std::erase_if(spans, [&](const auto& s) { return s.first < n.end && n.begin < s.second; });
      spans.emplace_back(n.begin, n.end);
    }
  }
  std::sort(spans.begin(), spans.end());
  std::size_t cursor = 0;
  for (const auto& [begin, end] : spans) {
    if (begin < cursor) continue;
    out.append(text.substr(cursor, begin - cursor));
    out += "<mark>";
    out.append(text.substr(begin, end - begin));
    out += "</mark>";
    cursor = end;
  }
  out.append(text.substr(cursor));
}

bool starts_with_ci(std::string_view s, std::size_t at, std::string_view word) {
  if (s.size() - at < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    char ch = s[at + i];
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    if (ch != word[i]) return false;
  }
  return true;
}

}  // namespace

std::string highlight_html(std::string_view html, const std::vector<std::string>& highlight,
                           const std::vector<std::string>& number_keys) {
  if (highlight.empty() && number_keys.empty()) return std::string(html);
  std::string out;
  out.reserve(html.size() + html.size() / 8);
  std::string_view raw_until;  // inside <script>/<style>/<title>: the closing tag
  std::size_t i = 0;
  while (i < html.size()) {
    if (html[i] == '<') {
      const std::size_t end = html.find('>', i);
      const std::size_t stop = end == std::string_view::npos ? html.size() : end + 1;
      if (raw_until.empty()) {
        for (const std::string_view name : {"script", "style", "title", "textarea"}) {
          if (starts_with_ci(html, i + 1, name)) {
            raw_until = name == "script"  ? "</script"
                        : name == "style" ? "</style"
                        : name == "title" ? "</title"
                                          : "</textarea";
          }
        }
      } else if (starts_with_ci(html, i, raw_until)) {
        raw_until = {};
      }
      out.append(html.substr(i, stop - i));
      i = stop;
      continue;
    }
    std::size_t next = html.find('<', i);
    if (next == std::string_view::npos) next = html.size();
    if (raw_until.empty()) {
      mark_text(html.substr(i, next - i), highlight, number_keys, out);
    } else {
      out.append(html.substr(i, next - i));
    }
    i = next;
  }
  return out;
}

}  // namespace sotay
