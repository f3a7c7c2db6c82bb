// The review page's diff (/bien-tap) as HTML a person can read: line
// numbers, changed words marked inside a changed line (word_diff.h), long
// lines wrapped by the style sheet, and long runs of unchanged lines folded
// into a <details> ("… 12 dòng không đổi") that opens on demand.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "line_diff.h"

namespace sotay {

struct DiffCounts {
  std::size_t added = 0;
  std::size_t removed = 0;
};

DiffCounts diff_counts(const std::vector<DiffLine>& diff);

// A <div class="diff"> with one <div class="dl dl-same|dl-del|dl-add"> per
// line: <span class="ln"> the line number (in the new file; in the old one
// for a removed line), <span class="op"> the sign, <span class="tx"> the
// escaped text. In a run of changed lines, each removed line is paired with
// the first alike added line (a few lines ahead at most, in order): the
// words only one of the pair has are in <del> or <ins>. Unchanged
// lines further than `context` lines from a change are folded into a
// <details class="diff-skip"> when two or more lines would fold.
std::string diff_html(const std::vector<DiffLine>& diff, std::size_t context = 3);

}  // namespace sotay
