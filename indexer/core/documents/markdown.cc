#include "markdown.h"

#include <cctype>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string_view>
#include <vector>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include "citation_links.h"
#include "slug.h"
#include "table_text.h"
#include "text.h"

namespace sotay {

namespace {

// Footnotes ([^1]) render as a numbered list at the end with back links:
// imported Word files keep theirs.
constexpr int OPTIONS = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_FOOTNOTES;
constexpr const char* EXTENSIONS[] = {"table", "autolink", "strikethrough", "tasklist",
                                      "tagfilter"};

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};

std::string take(char* s) {
  std::string out = s ? s : "";
  std::free(s);
  return out;
}

bool is_block_end_type(cmark_node* node) {
  switch (cmark_node_get_type(node)) {
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING:
    case CMARK_NODE_ITEM:
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_BLOCK_QUOTE:
    case CMARK_NODE_THEMATIC_BREAK:
      return true;
    default: {
      const std::string_view type = cmark_node_get_type_string(node);
      return type == "table_cell" || type == "table_row";
    }
  }
}

// Plain text of a node and its descendants; blocks end with a newline,
// tables keep their rows and cells with marks (table_text.h).
void append_plain_text(cmark_node* root, std::string& out) {
  cmark_iter* iter = cmark_iter_new(root);
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    if (ev == CMARK_EVENT_ENTER) {
      switch (cmark_node_get_type(node)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
        case CMARK_NODE_CODE_BLOCK:
          out += cmark_node_get_literal(node);
          break;
        case CMARK_NODE_SOFTBREAK:
          out += ' ';
          break;
        case CMARK_NODE_LINEBREAK:
          out += '\n';
          break;
        default:
          if (std::string_view(cmark_node_get_type_string(node)) == "table") out += TABLE_START;
          break;
      }
    } else if (ev == CMARK_EVENT_EXIT &&
               std::string_view(cmark_node_get_type_string(node)) == "table_cell") {
      // One line per cell, marked (table_text.h): snippets show rows whole.
      out += cmark_node_next(node) ? CELL_END : ROW_END;
      out += '\n';
    } else if (ev == CMARK_EVENT_EXIT && is_block_end_type(node)) {
      if (!out.empty() && out.back() != '\n') out += '\n';
    }
  }
  cmark_iter_free(iter);
}

// Anchors already given in a document, and per slug the last number tried,
// so 100,000 headings with the same text take linear time.
struct Anchors {
  std::set<std::string> used;
  std::map<std::string, int, std::less<>> last_number;
};

std::string unique_anchor(const std::string& text, Anchors& anchors, std::size_t index) {
  std::string base = slugify(text);
  if (base.empty()) base = "muc-" + std::to_string(index);
  if (base.size() > 80) base.resize(80);
  while (!base.empty() && base.back() == '-') base.pop_back();
  int& n = anchors.last_number[base];
  if (n == 0) {
    n = 1;
    if (anchors.used.insert(base).second) return base;
  }
  std::string anchor;
  do {
    anchor = base + "-" + std::to_string(++n);
  } while (!anchors.used.insert(anchor).second);
  return anchor;
}

// "<h2>Title</h2>\n" -> "<h2 id="a">Title <a class="anchor" ...>#</a></h2>\n"
std::string anchored_heading(std::string html, int level, const std::string& anchor) {
  const std::string open = "<h" + std::to_string(level);
  const std::string close = "</h" + std::to_string(level) + ">";
  if (html.compare(0, open.size(), open) == 0) {
    html.insert(open.size(), " id=\"" + anchor + "\"");
  }
  if (const auto pos = html.rfind(close); pos != std::string::npos) {
    html.insert(pos, " <a class=\"anchor\" href=\"#" + anchor +
                         "\" aria-label=\"Liên kết tới mục này\">#</a>");
  }
  return html;
}

bool inside(cmark_node* node, cmark_node_type type) {
  for (cmark_node* p = cmark_node_parent(node); p; p = cmark_node_parent(p)) {
    if (cmark_node_get_type(p) == type) return true;
  }
  return false;
}

cmark_node* text_node(std::string_view text) {
  cmark_node* node = cmark_node_new(CMARK_NODE_TEXT);
  cmark_node_set_literal(node, std::string(text).c_str());
  return node;
}

// The author's links and images, before link_citations() adds its own.
std::vector<BodyLink> collect_links(cmark_node* root) {
  std::vector<BodyLink> out;
  cmark_iter* iter = cmark_iter_new(root);
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(iter);
    const cmark_node_type type = cmark_node_get_type(node);
    if (type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE) continue;
    const char* url = cmark_node_get_url(node);
    out.push_back({url ? url : "", type == CMARK_NODE_IMAGE, cmark_node_get_start_line(node)});
  }
  cmark_iter_free(iter);
  return out;
}

// Citations become links (citation_links.h): each text node outside links,
// images and headings is split into text and link nodes, so cmark escapes
// everything as usual.
void link_citations(cmark_node* root) {
  cmark_consolidate_text_nodes(root);
  std::vector<cmark_node*> texts;
  cmark_iter* iter = cmark_iter_new(root);
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_TEXT &&
        !inside(node, CMARK_NODE_LINK) && !inside(node, CMARK_NODE_IMAGE) &&
        !inside(node, CMARK_NODE_HEADING)) {
      texts.push_back(node);
    }
  }
  cmark_iter_free(iter);
  for (cmark_node* node : texts) {
    const char* literal = cmark_node_get_literal(node);
    const std::string text = literal ? literal : "";
    const std::vector<CitationLink> links = find_citation_links(text);
    if (links.empty()) continue;
    std::size_t done = 0;
    for (const CitationLink& l : links) {
      if (l.begin > done)
        cmark_node_insert_before(node, text_node(text.substr(done, l.begin - done)));
      cmark_node* link = cmark_node_new(CMARK_NODE_LINK);
      cmark_node_set_url(link, l.url.c_str());
      cmark_node_append_child(link, text_node(text.substr(l.begin, l.end - l.begin)));
      cmark_node_insert_before(node, link);
      done = l.end;
    }
    if (done < text.size()) {
      cmark_node_set_literal(node, text.substr(done).c_str());
    } else {
      cmark_node_free(node);
    }
  }
}

// The closing tag name of an inline <script> or <style> ("</script"), or "".
std::string script_closing(cmark_node* node) {
  if (cmark_node_get_type(node) != CMARK_NODE_HTML_INLINE) return {};
  const char* literal = cmark_node_get_literal(node);
  std::string head = literal ? std::string(literal).substr(0, 8) : std::string();
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* name : {"script", "style"}) {
    const std::string open = std::string("<") + name;
    if (head.rfind(open, 0) == 0 && head.size() > open.size() &&
        (head[open.size()] == '>' || head[open.size()] == ' ')) {
      return "</" + std::string(name);
    }
  }
  return {};
}

// cmark drops the tags of an inline <script> or <style> (safe mode) but
// would show the code between them as text: that text goes too, up to the
// closing tag. Openers are handled last first, so each node is freed once.
// (A <script> block at the start of a line is dropped whole by cmark.)
void drop_script_text(cmark_node* root) {
  std::vector<std::pair<cmark_node*, std::string>> openers;
  cmark_iter* iter = cmark_iter_new(root);
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    if (ev != CMARK_EVENT_ENTER) continue;
    if (std::string closing = script_closing(node); !closing.empty()) {
      openers.emplace_back(node, std::move(closing));
    }
  }
  cmark_iter_free(iter);
  for (auto it = openers.rbegin(); it != openers.rend(); ++it) {
    for (cmark_node* n = cmark_node_next(it->first); n != nullptr;) {
      const char* literal = cmark_node_get_literal(n);
      std::string head = cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE && literal
                             ? std::string(literal).substr(0, it->second.size())
                             : std::string();
      for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (head == it->second) break;
      cmark_node* next = cmark_node_next(n);
      cmark_node_free(n);
      n = next;
    }
  }
}

}  // namespace

void init_markdown() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

RenderedMarkdown render_markdown(std::string_view markdown) {
  init_markdown();
  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(OPTIONS));
  for (const char* name : EXTENSIONS) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, NodeDeleter> doc(cmark_parser_finish(parser.get()));
  RenderedMarkdown out;
  drop_script_text(doc.get());
  out.links = collect_links(doc.get());
  link_citations(doc.get());
  cmark_llist* extensions = cmark_parser_get_syntax_extensions(parser.get());

  Anchors used_anchors;
  Section current;  // the lead section
  current.line = 1;
  bool lead = true;
  const auto flush = [&] {
    std::string_view text = trim(current.text);
    if (!lead || !text.empty()) {
      current.text = to_nfc(text);
      out.sections.push_back(std::move(current));
    }
    current = Section{};
    lead = false;
  };
  for (cmark_node* node = cmark_node_first_child(doc.get()); node; node = cmark_node_next(node)) {
    if (cmark_node_get_type(node) == CMARK_NODE_HEADING) {
      flush();
      std::string title;
      append_plain_text(node, title);
      current.title = to_nfc(trim(title));
      current.level = cmark_node_get_heading_level(node);
      current.line = cmark_node_get_start_line(node);
      current.anchor = unique_anchor(current.title, used_anchors, out.sections.size() + 1);
      out.html += anchored_heading(take(cmark_render_html(node, OPTIONS, extensions)),
                                   current.level, current.anchor);
      continue;
    }
    out.html += take(cmark_render_html(node, OPTIONS, extensions));
    append_plain_text(node, current.text);
  }
  flush();
  return out;
}

}  // namespace sotay
