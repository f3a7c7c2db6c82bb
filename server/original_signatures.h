// The verdicts on the digital signatures of the originals the edition
// carries, verified with poppler's pdfsig the first time a page shows them
// and remembered by the original's SHA-256 (the bytes never change under a
// hash). Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "pdf_signature.h"

namespace sotay {

class OriginalSignatures {
 public:
  // The signatures of the PDF `bytes` whose SHA-256 is `sha256`.
  std::vector<PdfSignature> of(const std::string& sha256, const std::string& bytes);

 private:
  static constexpr std::size_t MAX_ENTRIES = 2048;
  std::mutex mutex_;
  std::map<std::string, std::vector<PdfSignature>> known_;
};

}  // namespace sotay
