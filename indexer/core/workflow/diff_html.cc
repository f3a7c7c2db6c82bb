#include "diff_html.h"

#include <algorithm>
#include <map>
#include <string_view>

#include "text.h"
#include "word_diff.h"

namespace sotay {

namespace {

constexpr std::size_t PAIR_LOOKAHEAD = 8;

// Word marks for every removed line paired with an added one that is alike
// (word_diff.h), in order, within each run of changed lines.
std::map<std::size_t, std::vector<WordPiece>> pair_words(const std::vector<DiffLine>& diff) {
  std::map<std::size_t, std::vector<WordPiece>> out;
  for (std::size_t i = 0; i < diff.size();) {
    if (diff[i].op == ' ') {
      ++i;
      continue;
    }
    std::vector<std::size_t> removed, added;
    for (; i < diff.size() && diff[i].op != ' '; ++i) {
      (diff[i].op == '-' ? removed : added).push_back(i);
    }
    // Each removed line with the first alike added line after the last
    // pair, looking a few lines ahead: a paragraph inserted before an edited
    // line does not hide the edit.
    std::size_t next = 0;
    for (const std::size_t r : removed) {
      for (std::size_t a = next; a < added.size() && a < next + PAIR_LOOKAHEAD; ++a) {
        WordDiff w = word_diff(diff[r].text, diff[added[a]].text);
        if (!w.similar) continue;
        out[r] = std::move(w.before);
        out[added[a]] = std::move(w.after);
        next = a + 1;
        break;
      }
    }
  }
  return out;
}

// Unchanged lines within `context` of a change are shown.
std::vector<bool> shown_lines(const std::vector<DiffLine>& diff, std::size_t context) {
  std::vector<bool> shown(diff.size(), false);
  for (std::size_t i = 0; i < diff.size(); ++i) {
    if (diff[i].op == ' ') continue;
    const std::size_t from = i > context ? i - context : 0;
    const std::size_t to = std::min(diff.size(), i + context + 1);
    for (std::size_t j = from; j < to; ++j) shown[j] = true;
  }
  return shown;
}

void append_line(std::string& html, const DiffLine& d, std::size_t number,
                 const std::vector<WordPiece>* pieces) {
  const char* cls = d.op == '+' ? "dl dl-add" : d.op == '-' ? "dl dl-del" : "dl dl-same";
  html += "<div class=\"";
  html += cls;
  html += "\"><span class=\"ln\">" + std::to_string(number) + "</span><span class=\"op\"";
  html += d.op == ' ' ? ">" : " aria-hidden=\"true\">";
  html += d.op == '+' ? "+" : d.op == '-' ? "−" : " ";
  html += "</span><span class=\"tx\">";
  if (d.op == '+') html += "<span class=\"visually-hidden\">Thêm: </span>";
  if (d.op == '-') html += "<span class=\"visually-hidden\">Bỏ: </span>";
  if (!pieces) {
    html += html_escape(d.text);
  } else {
    const char* tag = d.op == '+' ? "ins" : "del";
    for (const WordPiece& p : *pieces) {
      if (p.changed) html += std::string("<") + tag + ">";
      html += html_escape(p.text);
      if (p.changed) html += std::string("</") + tag + ">";
    }
  }
  html += "</span></div>\n";
}

}  // namespace

DiffCounts diff_counts(const std::vector<DiffLine>& diff) {
  DiffCounts c;
  for (const DiffLine& d : diff) {
    c.added += d.op == '+';
    c.removed += d.op == '-';
  }
  return c;
}

std::string diff_html(const std::vector<DiffLine>& diff, std::size_t context) {
  const auto words = pair_words(diff);
  std::vector<bool> shown = shown_lines(diff, context);
  std::vector<std::size_t> numbers(diff.size(), 0);
  for (std::size_t i = 0, old_no = 0, new_no = 0; i < diff.size(); ++i) {
    if (diff[i].op != '+') ++old_no;
    if (diff[i].op != '-') ++new_no;
    numbers[i] = diff[i].op == '-' ? old_no : new_no;
  }
  std::string html = "<div class=\"diff\">\n";
  for (std::size_t i = 0; i < diff.size();) {
    std::size_t end = i;
    while (end < diff.size() && !shown[end]) ++end;
    if (end - i >= 2) {  // a fold of unchanged lines
      html += "<details class=\"diff-skip\"><summary>… " + std::to_string(end - i) +
              " dòng không đổi</summary>\n";
      for (; i < end; ++i) append_line(html, diff[i], numbers[i], nullptr);
      html += "</details>\n";
      continue;
    }
    const auto w = words.find(i);
    append_line(html, diff[i], numbers[i], w == words.end() ? nullptr : &w->second);
    ++i;
  }
  html += "</div>";
  return html;
}

}  // namespace sotay
