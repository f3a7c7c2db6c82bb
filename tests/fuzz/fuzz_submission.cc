// libFuzzer target: validation of an uploaded submission, as
// Publisher::submit (publish.h) does it before anything is stored: the
// UTF-8 check the handler uses to choose 400 or 422, the front matter read
// with no path, then load_document at the path the file would get
// (<slug of department>/<last part of id>.md). submit() itself also writes
// the inbox; that part is left out so that the fuzzer touches no disk.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "content_loader.h"
#include "front_matter.h"
#include "markdown.h"
#include "slug.h"
#include "text.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  sotay::init_markdown();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)sotay::find_invalid_utf8(bytes);
  std::vector<sotay::ContentError> errors;
  const sotay::ParsedFile parsed = sotay::parse_content_file("", bytes, errors);
  if (!errors.empty() || parsed.meta.id.empty()) return 0;
  std::string dir = sotay::slugify(sotay::to_nfc(parsed.meta.department));
  if (dir.empty()) dir = "khac";
  const std::string& id = parsed.meta.id;
  const std::size_t slash = id.rfind('/');
  const std::string path =
      dir + "/" + (slash == std::string::npos ? id : id.substr(slash + 1)) + ".md";
  (void)sotay::load_document(path, bytes, errors);
  return 0;
}
