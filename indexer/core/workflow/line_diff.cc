#include "line_diff.h"

#include <git2.h>

#include <climits>
#include <mutex>
#include <stdexcept>

namespace sotay {

namespace {

// `text` ending with exactly one newline when it has any line: the diff
// compares lines, not the end of the file.
std::string with_final_newline(std::string_view text) {
  std::string out(text);
  if (!out.empty() && out.back() != '\n') out += '\n';
  return out;
}

void append_lines(std::string_view text, char op, std::vector<DiffLine>& out) {
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    out.push_back({op, std::string(text.substr(0, nl))});
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
}

int on_line(const git_diff_delta*, const git_diff_hunk*, const git_diff_line* line, void* payload) {
  auto& out = *static_cast<std::vector<DiffLine>*>(payload);
  const char op = line->origin;
  if (op != ' ' && op != '-' && op != '+') return 0;  // "no newline at end of file" markers
  std::string_view text(line->content, line->content_len);
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  out.push_back({op, std::string(text)});
  return 0;
}

}  // namespace

std::vector<DiffLine> line_diff(std::string_view before, std::string_view after) {
  static std::once_flag once;
  std::call_once(once, [] { git_libgit2_init(); });  // never shut down: any thread may diff
  const std::string a = with_final_newline(before);
  const std::string b = with_final_newline(after);
  std::vector<DiffLine> out;
  if (a == b) {
    append_lines(before, ' ', out);
    return out;
  }
  git_diff_options options;
  git_diff_options_init(&options, GIT_DIFF_OPTIONS_VERSION);
  options.context_lines = UINT32_MAX;  // one hunk: the whole file
  options.flags |= GIT_DIFF_FORCE_TEXT;
  if (git_diff_buffers(a.data(), a.size(), nullptr, b.data(), b.size(), nullptr, &options, nullptr,
                       nullptr, nullptr, on_line, &out) != 0) {
    const git_error* e = git_error_last();
    throw std::runtime_error(std::string("line_diff: ") + (e ? e->message : "libgit2"));
  }
  return out;
}

}  // namespace sotay
