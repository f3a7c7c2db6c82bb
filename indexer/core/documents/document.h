// The document model: a handbook document as read from content/.
#pragma once

#include <string>
#include <vector>

#include "content_error.h"

namespace sotay {

// Front matter of a content file (docs/content-format.md).
struct FrontMatter {
  std::string id;  // front matter `id`, or the path under content/ without .md
  std::string title;
  std::string department;
  std::string field;
  std::string type;
  std::string number;  // số hiệu as written, e.g. "30/2020/NĐ-CP"
  std::string issuer;
  std::string issued;               // ISO date "YYYY-MM-DD" or ""
  std::string effective;            // ISO date or ""
  std::string status = "in-force";  // "in-force" or "expired"
  std::string superseded_by;
  std::vector<std::string> tags;
};

// One section: the text under a heading up to the next heading. The first
// section holds the text before any heading; its anchor and title are empty.
struct Section {
  std::string anchor;  // unique ASCII slug within the document
  std::string title;   // heading text ("" for the lead section)
  int level = 0;       // heading level 1-6, 0 for the lead section
  int line = 0;        // 1-based line of the heading in the body (lead: 1)
  std::string text;    // plain text of the section body (NFC), for indexing
};

struct Document {
  FrontMatter meta;
  std::string source_path;  // path under content/, e.g. "van-phong/x.md"
  std::string html;         // rendered body, headings carry their anchors as ids
  std::vector<Section> sections;
  std::string content_hash;  // hex hash of the file bytes
};

}  // namespace sotay
