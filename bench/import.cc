// sotay-bench-import: real documents through `import_document` (the code
// `sotay-indexer import` runs), scored against ../shared/data/documents/
// gold.jsonl: per-field accuracy on the Gazette PDFs, "type found or
// flagged" on the ward's scans, pages per second for text PDFs, seconds per
// page for OCR and peak memory (bench/run-import.sh; bench/README.md).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "document_import.h"
#include "source_text.h"
#include "subprocess.h"
#include "vietnamese.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace sotay;

namespace {

// Folded as gold.jsonl folds numbers, with '/' and '-' alike.
std::string fold_number(const std::string& number) {
  std::string out;
  for (const char c : folded_form(number)) out += c == '/' ? '-' : c;
  return out;
}

struct Tally {
  int files = 0, type = 0, number = 0, year = 0, year_known = 0, title = 0, signer = 0, failed = 0;
  double seconds = 0;
  int pages = 0;
};

double pct(int n, int d) { return d ? 100.0 * n / d : 0; }

// Imports one gold.jsonl entry and adds it to its tally.
void score(const json& g, const std::string& dir, int ocr_jobs, bool verbose, Tally& gazette,
           Tally& ward) {
  const fs::path file = fs::path(dir) / g.at("file").get<std::string>();
  const bool is_ward = g.contains("type_code");
  Tally& t = is_ward ? ward : gazette;
  ++t.files;
  DocumentImportOptions options;
  options.department = "Đo thử";
  options.ocr_jobs = ocr_jobs;
  const auto start = std::chrono::steady_clock::now();
  try {
    JobDirectory job;
    const ImportedDocument d = import_document(file, options, job.path());
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    t.seconds += secs;
    t.pages += d.pages;
    const DocumentHeader& h = d.header;
    bool type_ok, number_ok = false, year_ok = false;
    if (is_ward) {
      bool flagged = false;
      for (const std::string& s : h.to_confirm) flagged |= s.rfind("type:", 0) == 0;
      for (const std::string& s : h.missing) flagged |= s == "type";
      type_ok = !h.type.empty() || flagged;
    } else {
      type_ok = h.type == g.at("type").get<std::string>();
      number_ok = fold_number(h.number) == fold_number(g.at("number_folded").get<std::string>());
      const int year = g.at("year").get<int>();
      if (year != 0) {
        ++t.year_known;
        year_ok = h.year == year;
        t.year += year_ok;
      }
    }
    t.type += type_ok;
    t.number += number_ok;
    t.title += !h.title.empty();
    t.signer += !h.signer.empty();
    if (verbose || !type_ok || (!is_ward && !number_ok)) {
      std::printf("%s %-60s %5.1f s %3d tr  type=%s%s number=%s year=%d title=%.50s signer=%s%s\n",
                  type_ok && (is_ward || number_ok) ? "  " : "✗ ",
                  g.at("file").get<std::string>().c_str(), secs, d.pages, h.type.c_str(),
                  is_ward ? "" : (" (gold " + g.at("type").get<std::string>() + ")").c_str(),
                  h.number.c_str(), h.year, h.title.c_str(), h.signer.c_str(),
                  d.ocr ? " [OCR]" : "");
    }
  } catch (const ImportError& e) {
    ++t.failed;
    std::printf("✗ %s: %s\n", g.at("file").get<std::string>().c_str(), e.what());
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Sổ tay: đo độ chính xác và tốc độ nhập văn bản thật"};
  std::string dir = "../shared/data/documents";
  bool verbose = false;
  int ocr_jobs = 2;
  app.add_option("--documents", dir, "Thư mục documents (có gold.jsonl)")->capture_default_str();
  app.add_option("--ocr-jobs", ocr_jobs, "Số trang nhận dạng cùng lúc")->capture_default_str();
  app.add_flag("--verbose", verbose, "In từng tệp");
  CLI11_PARSE(app, argc, argv);
  std::ifstream gold(fs::path(dir) / "gold.jsonl");
  if (!gold) {
    std::fprintf(stderr, "không có %s/gold.jsonl\n", dir.c_str());
    return 2;
  }
  Tally gazette, ward;
  std::string line;
  while (std::getline(gold, line)) score(json::parse(line), dir, ocr_jobs, verbose, gazette, ward);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  rusage children{};
  getrusage(RUSAGE_CHILDREN, &children);
  std::printf(
      "\n| set | files | type | number | year | title present | signer present | speed |\n");
  std::printf("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
  std::printf(
      "| Gazette (text PDFs) | %d | %.1f %% | %.1f %% | %.1f %% (%d with a year) | %.1f %% | "
      "%.1f %% | %.1f pages/s (%d pages, %.1f s) |\n",
      gazette.files, pct(gazette.type, gazette.files), pct(gazette.number, gazette.files),
      pct(gazette.year, gazette.year_known), gazette.year_known, pct(gazette.title, gazette.files),
      pct(gazette.signer, gazette.files), gazette.seconds > 0 ? gazette.pages / gazette.seconds : 0,
      gazette.pages, gazette.seconds);
  std::printf(
      "| ward (scans, OCR) | %d | found or flagged %.0f %% | – | – | %.1f %% | %.1f %% | "
      "%.1f s/page (%d pages, %.1f s) |\n",
      ward.files, pct(ward.type, ward.files), pct(ward.title, ward.files),
      pct(ward.signer, ward.files), ward.pages ? ward.seconds / ward.pages : 0, ward.pages,
      ward.seconds);
  std::printf(
      "\nfailed: %d gazette, %d ward; peak RSS %.0f MiB (this process), %.0f MiB "
      "(largest converter)\n",
      gazette.failed, ward.failed, usage.ru_maxrss / 1024.0, children.ru_maxrss / 1024.0);
  return 0;
}
