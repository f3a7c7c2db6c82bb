// Markdown (GFM) to HTML and sections, with cmark-gfm.
//
// Extensions: table, autolink, strikethrough, tasklist, tagfilter. Raw HTML
// is never rendered (cmark's safe default: it is replaced by a comment),
// and the text between an inline <script> or <style> and its closing tag
// is dropped too (html_blocks.h warns about raw HTML and converts pasted
// tables at submission).
// Each top-level heading starts a section and gets a unique ASCII anchor
// (slugify() of its text, "-2", "-3" on repeats) as its id, and a
// self-link. Parsing is linear in the input (cmark's guarantee).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "document.h"
#include "slug.h"

namespace sotay {

// A link or image of the body, as cmark-gfm parsed it.
struct BodyLink {
  std::string url;     // the destination as written (entities and escapes resolved)
  bool image = false;  // ![alt](url)
  int line = 0;        // 1-based line where it starts
};

struct RenderedMarkdown {
  std::string html;
  // The lead section (text before the first heading) comes first when it has
  // text; then one section per top-level heading, in order.
  std::vector<Section> sections;
  // Every link and image the author wrote (citation links added by the
  // renderer are not), from cmark's nodes: never inside code, reference
  // links resolved.
  std::vector<BodyLink> links;
};

// Registers the cmark-gfm core extensions. Call once before threads start;
// render_markdown() calls it too (it is idempotent).
void init_markdown();

RenderedMarkdown render_markdown(std::string_view markdown);

}  // namespace sotay
