#include "ocr.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <iomanip>
#include <map>
#include <mutex>
#include <sstream>
#include <string_view>
#include <system_error>
#include <thread>

#include "subprocess.h"

namespace sotay {
namespace {

// Tesseract's LSTM model and a 300 dpi A4 page stay well under this; a
// runaway page must not take the server's memory with it.
constexpr std::uint64_t OCR_MEMORY_BYTES = 1ull << 30;
// Tesseract's line box spans accents above capitals and descenders; typed
// text measures about 0.7 of it (14 pt body text gives ~20 pt lines).
constexpr double LINE_HEIGHT_TO_FONT_SIZE = 0.7;
constexpr int TSV_FIELDS = 12;

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) return fields;
    start = tab + 1;
  }
}

template <typename Number>
bool parse_number(std::string_view text, Number& value) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

struct TsvRow {
  int level = 0;
  int page = 0;
  double left = 0, top = 0, width = 0, height = 0;
  double confidence = -1;
  std::string_view text;
};

// False for the header row and anything malformed.
bool parse_row(std::string_view line, TsvRow& row) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  const auto fields = split_tabs(line);
  if (fields.size() < TSV_FIELDS - 1) return false;  // some writers drop an empty last field
  row.text = fields.size() >= TSV_FIELDS ? fields[11] : std::string_view();
  return parse_number(fields[0], row.level) && parse_number(fields[1], row.page) &&
         parse_number(fields[6], row.left) && parse_number(fields[7], row.top) &&
         parse_number(fields[8], row.width) && parse_number(fields[9], row.height) &&
         parse_number(fields[10], row.confidence);
}

template <typename Visit>
void for_each_line(std::string_view text, Visit visit) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    visit(text.substr(start, end - start));
    start = end + 1;
  }
}

// A multi-page TIFF gives one TSV with page_num 1..n: one text per page.
std::map<int, std::string> split_tsv_pages(const std::string& tsv) {
  std::map<int, std::string> pages;
  for_each_line(tsv, [&](std::string_view line) {
    TsvRow row;
    if (!parse_row(line, row)) return;
    std::string& page = pages[row.page];
    page.append(line).push_back('\n');
  });
  return pages;
}

std::string page_prefix(int page) { return "Trang " + std::to_string(page) + ": "; }

std::string limit_text(double seconds) {
  std::ostringstream text;
  text << "quá thời gian " << std::setprecision(3) << seconds << " giây cho một trang";
  return text.str();
}

void require_ocr() {
  if (!ocr_available())
    throw ImportError(
        "Máy chủ chưa cài chương trình nhận dạng chữ (Tesseract với tiếng Việt, gói "
        "tesseract-ocr-vie, và pdftoppm của poppler-utils) nên không đọc được bản quét.");
}

// Runs Tesseract on one image for at most `seconds`; `page` and the page's
// whole limit `page_limit` name it in messages. `dpi` is the resolution the
// image was rendered at (0: the image's own, or Tesseract's estimate).
std::string run_tesseract(const std::filesystem::path& image, const std::filesystem::path& workdir,
                          double seconds, double page_limit, int page, int dpi = 0) {
  SubprocessLimits limits;
  limits.seconds = seconds;
  limits.memory_bytes = OCR_MEMORY_BYTES;
  const std::string path = std::filesystem::absolute(image).string();
  std::vector<std::string> args{"tesseract", path, "stdout", "-l", "vie",
                                "--psm",     "3",  "--oem",  "1"};
  if (dpi > 0) {
    args.push_back("--dpi");
    args.push_back(std::to_string(dpi));
  }
  args.push_back("tsv");
  const auto result = run_subprocess(args, limits, workdir, {"OMP_THREAD_LIMIT=1"});
  if (result.timed_out)
    throw ImportError(page_prefix(page) + limit_text(page_limit) + " khi nhận dạng chữ.");
  if (!result.ok())
    throw ImportError(page_prefix(page) + "không nhận dạng được chữ (" + result.describe(limits) +
                      ").");
  return result.out;
}

SourcePage read_pdf_page(const std::filesystem::path& pdf, int page,
                         const std::filesystem::path& workdir, const OcrOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const std::string stem =
      (std::filesystem::absolute(workdir) / ("p-" + std::to_string(page))).string();
  SubprocessLimits limits;
  limits.seconds = options.seconds_per_page;
  limits.memory_bytes = OCR_MEMORY_BYTES;
  const std::string number = std::to_string(page);
  // A plain grey map (PGM), not PNG: encoding the PNG took pdftoppm 1.2 s of a
  // page's 3.5 CPU s at 200 dpi, and Tesseract reads both to the same words
  // when told the resolution (a PGM does not carry it).
  const auto render =
      run_subprocess({"pdftoppm", "-r", std::to_string(options.dpi), "-gray", "-f", number, "-l",
                      number, "-singlefile", std::filesystem::absolute(pdf).string(), stem},
                     limits, workdir);
  const std::filesystem::path image = stem + ".pgm";
  if (render.timed_out)
    throw ImportError(page_prefix(page) + limit_text(limits.seconds) + " khi chuyển thành ảnh.");
  if (!render.ok() || !std::filesystem::exists(image))
    throw ImportError(page_prefix(page) + "không chuyển được trang thành ảnh để nhận dạng chữ (" +
                      render.describe(limits) + ").");
  // The page's limit covers both steps: OCR gets what rendering left.
  const double spent =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double left = std::max(1.0, options.seconds_per_page - spent);
  std::string tsv;
  try {
    tsv = run_tesseract(image, workdir, left, options.seconds_per_page, page, options.dpi);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(image, ignored);
    throw;
  }
  std::error_code ignored;
  std::filesystem::remove(image, ignored);
  return parse_tesseract_tsv(tsv, page, options.dpi);
}

// Pages are handed out in order to `jobs` threads; results and progress
// come back to the calling thread. After a failure no page is started.
struct PagePool {
  std::mutex mutex;
  std::condition_variable changed;
  int next = 1, done = 0, running = 0;
  std::exception_ptr failure;
  int failed_page = 0;  // the lowest page that failed: the one reported
};

void pool_worker(PagePool& pool, int pages, std::vector<SourcePage>& out,
                 const std::function<SourcePage(int)>& read_page) {
  while (true) {
    int page = 0;
    {
      std::lock_guard lock(pool.mutex);
      if (pool.failure || pool.next > pages) break;
      page = pool.next++;
    }
    SourcePage result;
    std::exception_ptr failure;
    try {
      result = read_page(page);
    } catch (...) {
      failure = std::current_exception();
    }
    std::lock_guard lock(pool.mutex);
    if (failure && (!pool.failure || page < pool.failed_page)) {
      pool.failure = failure;
      pool.failed_page = page;
    }
    if (!failure) out[static_cast<std::size_t>(page - 1)] = std::move(result);
    ++pool.done;
    pool.changed.notify_all();
  }
  std::lock_guard lock(pool.mutex);
  --pool.running;
  pool.changed.notify_all();
}

std::vector<SourcePage> read_pages(int pages, const OcrOptions& options,
                                   const std::function<SourcePage(int)>& read_page) {
  std::vector<SourcePage> out(static_cast<std::size_t>(pages));
  PagePool pool;
  const int jobs = std::clamp(options.jobs, 1, pages);
  pool.running = jobs;
  std::vector<std::thread> threads;
  for (int i = 0; i < jobs; ++i)
    threads.emplace_back([&] { pool_worker(pool, pages, out, read_page); });
  int reported = 0;
  std::unique_lock lock(pool.mutex);
  while (true) {
    pool.changed.wait(lock, [&] { return pool.running == 0 || pool.done > reported; });
    const int done = pool.done;
    const bool finished = pool.running == 0;
    if (options.progress && !pool.failure) {
      lock.unlock();
      std::exception_ptr failure;
      try {
        for (; reported < done; ++reported) options.progress(reported + 1, pages);
      } catch (...) {
        failure = std::current_exception();  // stop the workers, then rethrow
      }
      lock.lock();
      if (failure && !pool.failure) {
        pool.failure = failure;
        pool.failed_page = 0;  // the caller's own exception (a cancel) wins
      }
    }
    reported = done;
    if (finished) break;
  }
  lock.unlock();
  for (auto& thread : threads) thread.join();
  if (pool.failure) std::rethrow_exception(pool.failure);
  return out;
}

}  // namespace

bool ocr_available() {
  if (!program_available("tesseract") || !program_available("pdftoppm")) return false;
  SubprocessLimits limits;
  limits.seconds = 30;
  limits.memory_bytes = OCR_MEMORY_BYTES;
  const JobDirectory dir;
  const auto result = run_subprocess({"tesseract", "--list-langs"}, limits, dir.path());
  if (!result.ok()) return false;
  // One language per line after a "List of available languages" line.
  bool vie = false;
  for_each_line(result.out, [&](std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    vie = vie || line == "vie";
  });
  return vie;
}

std::vector<SourcePage> ocr_pdf(const std::filesystem::path& pdf, int pages,
                                const std::filesystem::path& workdir, const OcrOptions& options) {
  if (pages <= 0) return {};
  require_ocr();
  return read_pages(pages, options,
                    [&](int page) { return read_pdf_page(pdf, page, workdir, options); });
}

std::vector<SourcePage> ocr_image(const std::filesystem::path& image,
                                  const std::filesystem::path& workdir, const OcrOptions& options) {
  require_ocr();
  const std::string tsv =
      run_tesseract(image, workdir, options.seconds_per_page, options.seconds_per_page, 1);
  std::vector<SourcePage> pages;
  for (const auto& [number, text] : split_tsv_pages(tsv))
    pages.push_back(parse_tesseract_tsv(text, number, options.dpi));
  if (options.progress)
    options.progress(static_cast<int>(pages.size()), static_cast<int>(pages.size()));
  return pages;
}

SourcePage parse_tesseract_tsv(const std::string& tsv, int page_number, int dpi) {
  SourcePage page;
  page.number = page_number;
  const double scale = 72.0 / (dpi > 0 ? dpi : 300);
  double line_height = 0;
  for_each_line(tsv, [&](std::string_view line) {
    TsvRow row;
    if (!parse_row(line, row)) return;
    if (row.level == 1) {
      page.width = row.width * scale;
      page.height = row.height * scale;
    } else if (row.level == 4) {
      line_height = row.height * scale;
    } else if (row.level == 5 && row.confidence >= 0 &&
               row.text.find_first_not_of(' ') != std::string_view::npos) {
      SourceWord word;
      word.text = std::string(row.text);
      word.x0 = row.left * scale;
      word.y0 = row.top * scale;
      word.x1 = (row.left + row.width) * scale;
      word.y1 = (row.top + row.height) * scale;
      word.font_size =
          (line_height > 0 ? line_height : row.height * scale) * LINE_HEIGHT_TO_FONT_SIZE;
      word.confidence = std::clamp(row.confidence, 0.0, 100.0);
      page.words.push_back(std::move(word));
    }
  });
  return page;
}

}  // namespace sotay
