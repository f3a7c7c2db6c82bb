// Pathological input stays linear (issue 8): deep nesting, a 10 MB line, a
// 100,000-row table, a 10,000-syllable query, `check` on a 100 KB inline
// image, the review page's diff of 20,000-line texts. Each case runs in a child
// process under RLIMIT_CPU (and RLIMIT_AS where no sanitizer reserves its
// shadow memory): a quadratic path or a runaway allocation kills the child
// (SIGXCPU, SIGKILL or bad_alloc), and the test fails saying which. No timed
// assertions: the limits are generous ceilings, not measurements.
#include <doctest/doctest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "content_loader.h"
#include "edition.h"
#include "index_writer.h"
#include "line_diff.h"
#include "query_builder.h"
#include "query_parser.h"
#include "searcher.h"
#include "term_indexer.h"
#include "test_support.h"
#include "tokenizer.h"

namespace sotay {
namespace {

using test::content_file;
using test::TempDir;
using test::write_file;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool SANITIZED = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool SANITIZED = true;
#else
constexpr bool SANITIZED = false;
#endif
#else
constexpr bool SANITIZED = false;
#endif

const std::string FIELDS =
    "title: Bệnh lý\ndepartment: Văn phòng\nfield: Văn thư\ntype: Hướng dẫn\n";

// Sanitized Debug builds run several times slower.
constexpr rlim_t CPU_SCALE = SANITIZED ? 8 : 1;

// Runs `body` in a child process limited to `cpu_seconds` of CPU and
// `memory_mib` of address space; "" when it returned normally, else what
// went wrong. `body` returns an error text ("" for success).
std::string run_bounded(const std::function<std::string()>& body, rlim_t cpu_seconds,
                        rlim_t memory_mib) {
  int pipe_fds[2];
  REQUIRE(pipe(pipe_fds) == 0);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    close(pipe_fds[0]);
    const rlimit cpu{cpu_seconds * CPU_SCALE, cpu_seconds * CPU_SCALE + 1};
    setrlimit(RLIMIT_CPU, &cpu);
    if (!SANITIZED) {
      const rlimit as{memory_mib << 20, memory_mib << 20};
      setrlimit(RLIMIT_AS, &as);
    }
    std::string error;
    try {
      error = body();
    } catch (const std::bad_alloc&) {
      error = "out of memory (RLIMIT_AS " + std::to_string(memory_mib) + " MiB)";
    } catch (const std::exception& e) {
      error = std::string("exception: ") + e.what();
    }
    if (!error.empty()) {
      [[maybe_unused]] const auto n = write(pipe_fds[1], error.data(), error.size());
    }
    close(pipe_fds[1]);
    _exit(error.empty() ? 0 : 1);
  }
  close(pipe_fds[1]);
  std::string message;
  char buf[512];
  for (ssize_t n; (n = read(pipe_fds[0], buf, sizeof buf)) > 0;) message.append(buf, n);
  close(pipe_fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    if (sig == SIGXCPU || sig == SIGKILL) {
      return "CPU limit of " + std::to_string(cpu_seconds * CPU_SCALE) + " s exceeded (signal " +
             std::to_string(sig) + ")";
    }
    return "killed by signal " + std::to_string(sig);
  }
  if (WEXITSTATUS(status) != 0) return message.empty() ? "failed" : message;
  return "";
}

std::string load_ok(const std::string& body, std::size_t min_sections) {
  std::vector<ContentError> errors;
  const auto doc = load_document("p/x.md", content_file(FIELDS, body), errors);
  if (!doc) return "load_document failed: " + (errors.empty() ? "" : errors[0].message);
  if (doc->sections.size() < min_sections) return "too few sections";
  for (std::size_t i = 0; i < doc->sections.size(); ++i) (void)make_section_document(*doc, i);
  return "";
}

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

// Peak resident memory of this process in KiB (VmHWM), after resetting the
// peak to the current size when `reset`.
long peak_rss_kib(bool reset) {
  if (reset) std::ofstream("/proc/self/clear_refs") << "5";
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

// `command`'s exit status and output (stdout and stderr), or "" and -1 when
// it was killed by a signal.
std::pair<int, std::string> run_command(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return {-1, "popen failed"};
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  const int status = ::pclose(pipe);
  if (!WIFEXITED(status)) {
    return {-1, "killed by signal " + std::to_string(WTERMSIG(status)) + ": " + out};
  }
  return {WEXITSTATUS(status), out};
}

}  // namespace

TEST_CASE("pathological: 100,000 identical headings get unique anchors in linear time") {
  // Each heading used to try every earlier number ("h-2", "h-3", ...):
  // 10,000 took 10 s, 20,000 took 43 s.
  const std::string body = repeat("## h\n", 100000);
  CHECK(run_bounded(
            [&] {
              std::vector<ContentError> errors;
              const auto doc = load_document("van-phong/x.md", content_file(FIELDS, body), errors);
              if (!doc) return std::string("not loaded");
              const auto& s = doc->sections;
              if (s.size() < 100000) return "sections: " + std::to_string(s.size());
              const std::size_t first = s.size() - 100000;
              if (s[first].anchor != "h" || s[first + 1].anchor != "h-2" ||
                  s.back().anchor != "h-100000") {
                return "anchors: " + s[first + 1].anchor + " " + s.back().anchor;
              }
              return std::string();
            },
            20, 2048) == "");
}

TEST_CASE("pathological: 30,000-deep nested lists and block quotes load in bounded time") {
  struct Case {
    std::string name;
    std::string body;
  };
  const std::vector<Case> cases = {
      {"nested lists on one line", repeat("- ", 30000) + "văn thư\n"},
      {"nested ordered lists", repeat("1. ", 30000) + "mục\n"},
      {"nested block quotes", repeat(">", 30000) + " trích dẫn\n"},
      {"quotes and lists interleaved", repeat("> - ", 15000) + "lưu trữ\n"},
      {"nested emphasis", repeat("*_", 15000) + "x" + repeat("_*", 15000) + "\n"},
      {"nested brackets", repeat("[", 30000) + "x" + repeat("](/a)", 30000) + "\n"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(run_bounded([&] { return load_ok(c.body, 1); }, 20, 2048) == "");
  }
}

TEST_CASE("pathological: a 10 MB single line loads and indexes in bounded time") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"words", repeat("thủ tục hành chính ", 10'000'000 / 24)},
      {"one token", std::string(10'000'000, 'a')},
      {"numbers", repeat("30/2020/NĐ-CP ", 10'000'000 / 15)},
  };
  for (const auto& [name, line] : cases) {
    CAPTURE(name);
    CHECK(run_bounded([&] { return load_ok(line, 1); }, 60, 4096) == "");
  }
}

TEST_CASE("pathological: a table with 100,000 rows loads and builds an edition") {
  std::string table = "| Mã | Thủ tục | Thời hạn |\n|---|---|---|\n";
  for (int i = 0; i < 100000; ++i) {
    table += "| " + std::to_string(i) + " | cấp giấy phép " + std::to_string(i) + " | 5 ngày |\n";
  }
  SUBCASE("load_document") {
    CHECK(run_bounded([&] { return load_ok(table, 1); }, 60, 4096) == "");
  }
  SUBCASE("indexer") {
    TempDir tmp;
    write_file(tmp.path() / "content/p/bang.md", content_file(FIELDS, table));
    CHECK(run_bounded(
              [&] {
                const BuildReport r = test::build(tmp.path() / "content", tmp.path() / "index");
                return r.documents == 1 ? "" : "documents: " + std::to_string(r.documents);
              },
              120, 4096) == "");
    // The parent sees the edition the child published.
    const auto edition = current_edition(tmp.path() / "index");
    REQUIRE(edition);
    Searcher s{Xapian::Database(edition->string())};
    SearchRequest req;
    req.query = "cấp giấy phép 99999";
    CHECK(s.search(req).total >= 1);
  }
}

TEST_CASE("pathological: a query of 10,000 syllables") {
  TempDir tmp;
  test::write_fixture_content(tmp.path() / "content");
  test::build(tmp.path() / "content", tmp.path() / "index");
  const std::string db_path = current_edition(tmp.path() / "index")->string();
  std::string query;
  for (int i = 0; i < 10000; ++i) query += (i % 3 == 0 ? "văn " : i % 3 == 1 ? "thư " : "\"lưu ");
  query += "-x OR y so:30/2020/NĐ-CP";

  SUBCASE("the searcher refuses it with QueryError") {
    Searcher s{Xapian::Database(db_path)};
    SearchRequest req;
    req.query = query;
    CHECK_THROWS_AS(s.search(req), QueryError);
  }
  SUBCASE("parse, analysis and matching below the byte limit stay bounded") {
    CHECK(run_bounded(
              [&] {
                const ParsedQuery parsed = parse_query(query);
                if (parsed.items.empty()) return std::string("no items");
                (void)tokenize(query);
                QueryOptions options;  // the searcher's: syllables capped at 128
                for (const bool relaxed : {false, true}) {
                  options.relaxed = relaxed;
                  const BuiltQuery built = build_query(parsed, options);
                  if (built.syllables > options.max_syllables) return std::string("not capped");
                  Xapian::Database db(db_path);
                  Xapian::Enquire enquire(db);
                  enquire.set_query(
                      Xapian::Query(Xapian::Query::OP_FILTER, built.query, built.filter));
                  (void)enquire.get_mset(0, 10);
                }
                return std::string();
              },
              60, 4096) == "");
  }
}

TEST_CASE("pathological: check on a one-line 100 KB inline image") {
  // std::regex recursed once per character of the line and overflowed the
  // stack (SIGSEGV); cmark's link nodes are linear.
  TempDir tmp;
  const std::string image = "![x](data:image/png;base64," + std::string(100'000, 'A') + ")";
  write_file(tmp.path() / "content/p/anh.md",
             content_file(FIELDS, "Sơ đồ:\n\n" + image + " ![y](thieu.png)\n"));
  const std::string command = std::string(SOTAY_INDEXER_BIN) + " check --content '" +
                              (tmp.path() / "content").string() + "'";
  CHECK(run_bounded(
            [&] {
              const auto [status, out] = run_command(command);
              if (status != 1) return "exit " + std::to_string(status) + ": " + out.substr(0, 500);
              // The body starts on line 7 (two fences, four fields).
              if (out.find("p/anh.md:9: không tìm thấy hình p/thieu.png") == std::string::npos)
                return "missing message: " + out.substr(0, 500);
              return std::string();
            },
            20, 4096) == "");
}

TEST_CASE("pathological: the review diff of 20,000-line texts stays linear in memory") {
  struct Case {
    std::string name;
    std::size_t lines;
    std::function<std::string(std::size_t)> after;  // line i of the new text
    std::size_t same;                               // unchanged lines a diff must keep
  };
  const auto before = [](std::size_t i) { return "Dòng " + std::to_string(i) + " của quy chế."; };
  const std::vector<Case> cases = {
      {"4,000 lines, one changed", 4000,
       [&](std::size_t i) { return i == 2000 ? std::string("Dòng đã sửa.") : before(i); }, 3999},
      {"20,000 lines, every other one changed", 20000,
       [&](std::size_t i) { return i % 2 ? "Dòng mới " + std::to_string(i) : before(i); }, 10000},
      {"20,000 lines, all changed", 20000,
       [](std::size_t i) { return "Dòng khác " + std::to_string(i); }, 0},
      {"20,000 lines, reversed", 20000, [&](std::size_t i) { return before(19999 - i); }, 0},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    std::string a, b;
    for (std::size_t i = 0; i < c.lines; ++i) {
      a += before(i) + "\n";
      b += c.after(i) + "\n";
    }
    CHECK(run_bounded(
              [&] {
                const long start = peak_rss_kib(true);
                const std::vector<DiffLine> diff = line_diff(a, b);
                const long grown_kib = peak_rss_kib(false) - start;
                std::size_t same = 0, removed = 0, added = 0;
                for (const DiffLine& d : diff) {
                  same += d.op == ' ';
                  removed += d.op == '-';
                  added += d.op == '+';
                }
                if (same < c.same || same + removed != c.lines || same + added != c.lines)
                  return "kept " + std::to_string(same) + " lines, removed " +
                         std::to_string(removed) + ", added " + std::to_string(added);
                // The diff itself holds about 2 MB; a lines x lines table 64 MB
                // at 4,000 lines. Sanitizers pad every allocation.
                const long limit_kib = (SANITIZED ? 64 : 16) << 10;
                if (grown_kib > limit_kib)
                  return "memory grew by " + std::to_string(grown_kib) + " KiB";
                return std::string();
              },
              20, 4096) == "");
  }
}

}  // namespace sotay
