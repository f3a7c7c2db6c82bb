// The compiled handbook as a PDF, for editors who distribute it offline:
// serves the current edition in-process on a free port of 127.0.0.1 and
// prints /so-tay with headless Chromium (`sotay-server export-pdf FILE`).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

namespace sotay {

struct PdfExportOptions {
  std::filesystem::path index_root = "data/index";
  std::filesystem::path output;       // the PDF to write (replaced)
  std::string chromium = "chromium";  // a path, or a name looked up in PATH
  std::chrono::seconds timeout{300};
};

struct PdfExportReport {
  std::uintmax_t bytes = 0;
  double seconds = 0;
};

// Throws std::runtime_error with a message for the editor: no edition, no
// Chromium, Chromium failed or timed out (with the end of its output), no PDF
// written.
PdfExportReport export_pdf(const PdfExportOptions& options);

}  // namespace sotay
