// Files that travel beside a content file: the original (`original:`) and
// the forms of procedure cards (`thu_tuc › bieu_mau › tep`). One rule for
// both names, so neither can point outside the document's folder.
#pragma once

#include <string_view>

namespace sotay {

// A valid attached file name: a lowercase file name (a-z 0-9 - _ .) with
// the extension of a format the importer reads (pdf, docx, doc, odt, rtf, txt,
// png, jpg, jpeg, tif, tiff), no directory part (so no "../", no "/abs"),
// not starting with '.' or '_'.
bool is_original_name(std::string_view name);

}  // namespace sotay
