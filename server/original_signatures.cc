#include "original_signatures.h"

#include "files.h"
#include "subprocess.h"

namespace sotay {

std::vector<PdfSignature> OriginalSignatures::of(const std::string& sha256,
                                                 const std::string& bytes) {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (const auto it = known_.find(sha256); it != known_.end()) return it->second;
  }
  // pdfsig reads a file: a private job directory, removed on return.
  JobDirectory job;
  const std::filesystem::path file = job.path() / "original.pdf";
  write_file_atomic(file, bytes, 0600);
  std::vector<PdfSignature> found = verify_pdf_signatures(file);
  const std::lock_guard<std::mutex> lock(mutex_);
  if (known_.size() >= MAX_ENTRIES) known_.clear();
  known_[sha256] = found;
  return found;
}

}  // namespace sotay
