// A small line diff (longest common subsequence) for reviewing submissions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sotay {

struct DiffLine {
  char op = ' ';  // ' ' same, '-' removed, '+' added
  std::string text;
};

// The lines of `before` and `after` as a diff. Inputs over `max_lines`
// lines each fall back to "all removed, all added" (LCS is quadratic).
std::vector<DiffLine> line_diff(std::string_view before, std::string_view after,
                                std::size_t max_lines = 4000);

// The diff as HTML: a <pre> with one escaped <span class="diff-add|diff-del">
// per changed line.
std::string diff_html(const std::vector<DiffLine>& diff);

}  // namespace sotay
