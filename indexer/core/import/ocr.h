// Reading scans: pages rendered with poppler's pdftoppm (grey PNG at
// `dpi`, 200 by default) and read by Tesseract with Debian's Vietnamese model
// (tesseract-ocr-vie, LSTM engine, automatic page segmentation), one
// single-threaded Tesseract per job (OMP_THREAD_LIMIT=1), words with their
// boxes and confidences (TSV output).
//
// Every program runs through run_subprocess (subprocess.h) with a
// wall-clock limit per page and 1 GiB of memory. Each page's PNG is
// removed as soon as it has been read.
//
// What OCR gives, and what it cannot: words, boxes and confidences; the
// page size is the rendered image's size (the crop box, rotation applied);
// `font_size` is estimated from Tesseract's line box (enough to compare
// lines, not the typed size); `bold` and `font` stay empty. Hand-filled
// numbers and days are often missing or misread (low confidence).
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "source_text.h"

namespace sotay {

struct OcrOptions {
  // Rendering resolution; images: their assumed resolution. 200, not 300:
  // on the ward scans (100 ppi JPEG) and on 300 ppi test scans Tesseract
  // read as many words right or more at 200 dpi, for ~40% less CPU.
  int dpi = 200;
  int jobs = 2;                  // pages read at once (at least 1)
  double seconds_per_page = 90;  // limit for one page's rendering + OCR
  // Called on the calling thread after each page, with pages done so far.
  std::function<void(int done, int total)> progress;
};

// True when tesseract with the "vie" language and pdftoppm are installed.
bool ocr_available();

// OCRs pages 1..`pages` of a PDF (page sizes in points, words in points),
// in page order. `workdir` (existing, writable) holds the page images while
// they are read. Throws ImportError naming the first page that failed and
// the limit (no page is started after a failure; an exception thrown by
// `progress` stops the work the same way and is rethrown), or when OCR is
// not installed.
std::vector<SourcePage> ocr_pdf(const std::filesystem::path& pdf, int pages,
                                const std::filesystem::path& workdir, const OcrOptions& options);

// OCRs one image file (PNG, JPEG, TIFF) as page 1 (a multi-page TIFF: one
// page each), assuming it was scanned at `options.dpi` (Tesseract does not
// report an image's own resolution). Throws ImportError like ocr_pdf.
std::vector<SourcePage> ocr_image(const std::filesystem::path& image,
                                  const std::filesystem::path& workdir, const OcrOptions& options);

// Parses Tesseract's TSV output for one page into a page numbered
// `page_number` whose coordinates are scaled from pixels at `dpi` to points
// (× 72 / dpi): the level-1 row gives the page size, level-5 rows the words
// (text, box, confidence); empty words and confidence −1 are skipped. Rows
// it cannot read (short, not numeric) are ignored.
SourcePage parse_tesseract_tsv(const std::string& tsv, int page_number, int dpi);

}  // namespace sotay
