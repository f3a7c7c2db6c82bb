#include "line_diff.h"

#include <cstdint>

#include "text.h"

namespace sotay {

namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    out.push_back(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return out;
}

}  // namespace

std::vector<DiffLine> line_diff(std::string_view before, std::string_view after,
                                std::size_t max_lines) {
  const auto a = split_lines(before);
  const auto b = split_lines(after);
  std::vector<DiffLine> out;
  if (a.size() > max_lines || b.size() > max_lines) {
    for (auto l : a) out.push_back({'-', std::string(l)});
    for (auto l : b) out.push_back({'+', std::string(l)});
    return out;
  }
  const std::size_t n = a.size(), m = b.size();
  // lcs[i][j]: LCS length of a[i..] and b[j..].
  std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
  auto at = [m](std::size_t i, std::size_t j) { return i * (m + 1) + j; };
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      lcs[at(i, j)] =
          a[i] == b[j] ? lcs[at(i + 1, j + 1)] + 1 : std::max(lcs[at(i + 1, j)], lcs[at(i, j + 1)]);
    }
  }
  std::size_t i = 0, j = 0;
  while (i < n && j < m) {
    if (a[i] == b[j]) {
      out.push_back({' ', std::string(a[i])});
      ++i;
      ++j;
    } else if (lcs[at(i + 1, j)] >= lcs[at(i, j + 1)]) {
      out.push_back({'-', std::string(a[i++])});
    } else {
      out.push_back({'+', std::string(b[j++])});
    }
  }
  for (; i < n; ++i) out.push_back({'-', std::string(a[i])});
  for (; j < m; ++j) out.push_back({'+', std::string(b[j])});
  return out;
}

std::string diff_html(const std::vector<DiffLine>& diff) {
  std::string html = "<pre class=\"diff\">";
  for (const DiffLine& d : diff) {
    const char* cls = d.op == '+' ? "diff-add" : d.op == '-' ? "diff-del" : "diff-same";
    html += "<span class=\"";
    html += cls;
    html += "\">";
    html += d.op;
    html += ' ';
    html += html_escape(d.text);
    html += "</span>\n";
  }
  html += "</pre>";
  return html;
}

}  // namespace sotay
