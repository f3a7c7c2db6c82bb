// The line diff of the review page (/bien-tap): what a submission changes in
// the published file. libgit2's diff (git's xdiff: Myers with git's
// heuristics, memory linear in the input, time bounded on texts that differ
// throughout), with every unchanged line kept as context. As HTML:
// diff_html.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sotay {

struct DiffLine {
  char op = ' ';  // ' ' same, '-' removed, '+' added
  std::string text;
};

// The lines of `before` and `after` (split on '\n'; a final newline or its
// absence makes no difference) as a diff.
std::vector<DiffLine> line_diff(std::string_view before, std::string_view after);

}  // namespace sotay
