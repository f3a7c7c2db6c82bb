// The review page's diff: words marked inside changed lines (word_diff.h),
// and the HTML with line numbers and folded unchanged runs (diff_html.h).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "diff_html.h"
#include "line_diff.h"
#include "test_support.h"
#include "word_diff.h"

namespace sotay {
namespace {

using test::contains;

// The pieces as text, changed ones in [brackets].
std::string marked(const std::vector<WordPiece>& pieces) {
  std::string out;
  for (const WordPiece& p : pieces) out += p.changed ? "[" + p.text + "]" : p.text;
  return out;
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

TEST_CASE("diff tokens: Vietnamese words whole, in NFC or NFD, spaces and punctuation apart") {
  struct Case {
    std::string line;
    std::vector<std::string> tokens;
  };
  const std::vector<Case> cases = {
      {"Phông chữ, cỡ 13.", {"Phông", " ", "chữ", ",", " ", "cỡ", " ", "13", "."}},
      // NFD: "ữ" as u + horn + tilde: the marks stay with their letter.
      {"chu\xcc\x9b\xcc\x83 mới", {"chu\xcc\x9b\xcc\x83", " ", "mới"}},
      {"Điều 5–7", {"Điều", " ", "5", "–", "7"}},
      {"a\xff b", {"a", "\xff", " ", "b"}},  // an invalid byte alone
      {"", {}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.line);
    std::vector<std::string> got;
    for (std::string_view t : diff_tokens(c.line)) got.emplace_back(t);
    CHECK(got == c.tokens);
  }
}

TEST_CASE("word diff: only the changed words are marked") {
  struct Case {
    const char* before;
    const char* after;
    const char* marked_before;
    const char* marked_after;
  };
  const std::vector<Case> cases = {
      {"Phông chữ Times New Roman, cỡ chữ 13 đến 14.", "Phông chữ Arial, cỡ chữ 13 đến 14.",
       "Phông chữ [Times New Roman], cỡ chữ 13 đến 14.", "Phông chữ [Arial], cỡ chữ 13 đến 14."},
      {"cỡ chữ 13 đến 14.", "cỡ chữ 12 đến 14.", "cỡ chữ [13] đến 14.", "cỡ chữ [12] đến 14."},
      // A word added at the end, a tone mark changed in the middle.
      {"Số văn bản", "Số văn bản mới", "Số văn bản", "Số văn bản[ mới]"},
      {"hồ sơ trể hạn", "hồ sơ trễ hạn", "hồ sơ [trể] hạn", "hồ sơ [trễ] hạn"},
      // The space both share between two changed words joins them in one mark.
      {"Trả kết quả đúng hẹn cho dân.", "Trả kết quả sớm nhất cho dân.",
       "Trả kết quả [đúng hẹn] cho dân.", "Trả kết quả [sớm nhất] cho dân."},
  };
  for (const Case& c : cases) {
    CAPTURE(c.before);
    CAPTURE(c.after);
    const WordDiff w = word_diff(c.before, c.after);
    CHECK(w.similar);
    CHECK(marked(w.before) == c.marked_before);
    CHECK(marked(w.after) == c.marked_after);
  }
}

TEST_CASE("word diff: NFD and NFC of the same words are equal, unlike lines are not paired") {
  // "chữ" decomposed (u + horn + tilde) against the composed form.
  const WordDiff same = word_diff("cỡ chu\xcc\x9b\xcc\x83 13", "cỡ chữ 14");
  CHECK(same.similar);
  CHECK(marked(same.before) == "cỡ chữ [13]");  // shown in NFC
  CHECK(marked(same.after) == "cỡ chữ [14]");
  const WordDiff unlike =
      word_diff("Nghị định quy định về công tác văn thư.", "Kết quả được trả đúng hẹn.");
  CHECK_FALSE(unlike.similar);
}

TEST_CASE("diff HTML: line numbers, word marks, folded context, escaped") {
  std::string before, after;
  for (int i = 1; i <= 20; ++i) {
    const std::string line = "Dòng " + std::to_string(i) + " không đổi <b>\n";
    before += line;
    after += i == 10 ? "Dòng 10 đã sửa <b>\n" : line;
  }
  const std::vector<DiffLine> diff = line_diff(before, after);
  const DiffCounts counts = diff_counts(diff);
  CHECK(counts.added == 1);
  CHECK(counts.removed == 1);
  const std::string html = diff_html(diff, 3);
  // Lines 7-9 and 11-13 shown around the change; 1-6 and 14-20 folded.
  CHECK(contains(html, "<summary>… 6 dòng không đổi</summary>"));
  CHECK(contains(html, "<summary>… 7 dòng không đổi</summary>"));
  CHECK(count(html, "<details class=\"diff-skip\">") == 2);
  CHECK(contains(html, "<span class=\"ln\">10</span><span class=\"op\" aria-hidden=\"true\">−"));
  CHECK(contains(html, "Dòng 10 <del>không đổi</del> &lt;b&gt;"));
  CHECK(contains(html, "Dòng 10 <ins>đã sửa</ins> &lt;b&gt;"));
  CHECK_FALSE(contains(html, "<b>"));
  CHECK_FALSE(contains(html, "<pre"));  // wrapped by the style sheet, never a <pre>

  // A paragraph inserted before an edited line: the edit is still paired.
  const std::string inserted = diff_html(
      line_diff("Tiêu đề\nHồ sơ ban hành vào đầu năm.\n",
                "Tiêu đề\nMột đoạn mới hoàn toàn khác.\n\nHồ sơ ban hành vào tháng 1.\n"));
  CHECK(contains(inserted, "Hồ sơ ban hành vào <del>đầu năm</del>."));
  CHECK(contains(inserted, "Hồ sơ ban hành vào <ins>tháng 1</ins>."));
  // A single unchanged line between changes is shown, never folded.
  const std::string near = diff_html(line_diff("a\nb\nc\n", "x\nb\ny\n"), 0);
  CHECK_FALSE(contains(near, "diff-skip"));
  // Added lines of a new document: all numbered, none marked word by word.
  const std::string fresh = diff_html(line_diff("", "một\nhai\n"));
  CHECK(count(fresh, "dl dl-add") == 2);
  CHECK_FALSE(contains(fresh, "<ins>"));
}

}  // namespace
}  // namespace sotay
