// What a build is asked to do and what it reports: shared by the regular
// build (index_writer.h) and the quick path (quick_publish.h).
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "document.h"

namespace sotay {

struct BuildOptions {
  std::filesystem::path content_dir = "content";
  std::filesystem::path index_root = "data/index";
  std::size_t keep_editions = 5;
  // Refuse to publish when any file has an error (default: skip bad files).
  bool strict = false;
  // Rebuild every document instead of only the changed ones
  // (incremental_build.h says when a build is full anyway).
  bool full = false;
  // Threads that read, parse and index (0: one per core). The edition is
  // the same whatever the number (shard_build.h).
  unsigned jobs = 0;
  // Publish body-only edits of a few documents by the quick path
  // (quick_publish.h) when it applies.
  bool quick = true;
  // Called after each file with (files done, files total).
  std::function<void(std::size_t, std::size_t)> progress;
};

struct BuildReport {
  std::size_t files = 0;
  std::size_t documents = 0;
  std::size_t sections = 0;
  std::vector<ContentError> errors;  // bad files, skipped
  std::string edition_id;            // empty when nothing was published
  std::string content_hash;
  double seconds = 0;
  bool published = false;
  bool incremental = false;   // built from a copy of the current edition
  std::size_t reindexed = 0;  // documents whose sections were (re)written
  std::string full_reason;    // why the build was full, when it was
  bool quick = false;         // published by the quick path (quick_publish.h)
  std::string quick_reason;   // why the quick path did not apply, when tried
};

}  // namespace sotay
