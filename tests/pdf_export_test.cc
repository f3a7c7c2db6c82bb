// `sotay-server export-pdf`: the compiled handbook printed by headless
// Chromium. Skipped, with a message, where Chromium or poppler-utils is not
// installed (CI installs both: .ci/deps).
#include <doctest/doctest.h>

#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "test_support.h"

using namespace sotay;
using namespace sotay::test;

namespace {

bool on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    const std::size_t end = std::min(dirs.find(':', start), dirs.size());
    const std::string file = dirs.substr(start, end - start) + "/" + program;
    if (access(file.c_str(), X_OK) == 0) return true;
    start = end + 1;
  }
  return false;
}

// Output of a shell command (stderr to the test log).
std::string run(const std::string& command, int* status) {
  std::string out;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  REQUIRE(pipe);
  std::array<char, 4096> buf;
  for (std::size_t n; (n = std::fread(buf.data(), 1, buf.size(), pipe.get())) > 0;) {
    out.append(buf.data(), n);
  }
  *status = pclose(pipe.release());
  return out;
}

}  // namespace

TEST_CASE("sotay-server export-pdf prints the whole handbook with headless Chromium") {
  for (const char* tool : {"chromium", "pdfinfo", "pdftotext"}) {
    if (!on_path(tool)) {
      MESSAGE("SKIPPED: " << std::string(tool)
                          << " is not installed (apt-get install chromium poppler-utils)");
      return;
    }
  }
  TempDir tmp;
  write_fixture_content(tmp.path() / "content");
  REQUIRE(build(tmp.path() / "content", tmp.path() / "index").published);
  const std::string pdf = (tmp.path() / "so-tay.pdf").string();
  int status = 0;
  const std::string out = run(std::string(SOTAY_SERVER_BIN) + " export-pdf '" + pdf +
                                  "' --index '" + (tmp.path() / "index").string() + "' 2>&1",
                              &status);
  INFO(out);
  REQUIRE(status == 0);
  CHECK(out.find("Đã ghi") != std::string::npos);

  const std::string info = run("pdfinfo '" + pdf + "'", &status);
  REQUIRE(status == 0);
  const auto pages_at = info.find("Pages:");
  REQUIRE(pages_at != std::string::npos);
  const int pages = std::atoi(info.c_str() + pages_at + 6);
  CHECK(pages > 1);

  const std::string text = run("pdftotext -layout '" + pdf + "' -", &status);
  REQUIRE(status == 0);
  CHECK(text.find("Mục lục") != std::string::npos);
  CHECK(text.find("1.1.1. Thu phí vệ sinh") != std::string::npos);
  CHECK(text.find("Thể thức văn bản hành chính") != std::string::npos);
  CHECK(text.find("Trang 2 / " + std::to_string(pages)) != std::string::npos);  // margin boxes

  // No edition: a clear error, exit status 2, no file.
  const std::string none = run(std::string(SOTAY_SERVER_BIN) + " export-pdf '" + pdf +
                                   ".2' --index '" + (tmp.path() / "nothing").string() + "' 2>&1",
                               &status);
  CHECK(WEXITSTATUS(status) == 2);
  CHECK(none.find("chưa có ấn bản") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(pdf + ".2"));

  // The indexer no longer exports (it does not link the HTTP layer).
  run(std::string(SOTAY_INDEXER_BIN) + " export --pdf '" + pdf + ".3' 2>&1", &status);
  CHECK(WEXITSTATUS(status) != 0);
}
