// The relations an imported document's text declares (relation_detect.h),
// as a proposal for the editor: commented lines in the front matter that
// count only once someone removes the "# ", and one sentence per relation
// to show beside the form ("Kiểm tra lại"). Nothing detected is trusted.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "relation_detect.h"

namespace sotay {

struct RelationProposal {
  std::vector<DetectedRelation> found;
  std::string comment;             // YAML comment lines ("# …\n"), "" when none found
  std::vector<std::string> notes;  // one Vietnamese sentence per relation
};

// The proposal for a document with body `body` and number `own_number`.
RelationProposal propose_relations(std::string_view body, std::string_view own_number);

// The comment block inserted before the closing "---" of `content` (a
// content file); `content` unchanged when `comment` is empty.
std::string with_proposal(std::string content, const std::string& comment);

}  // namespace sotay
