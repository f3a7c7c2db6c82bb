// Files: reading whole files, atomic writes (temporary file, fsync, rename,
// fsync of the directory), durable appends.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace sotay {

// Writes `bytes` to `path` atomically: a temporary file in the same
// directory, fsync, rename over `path`, fsync of the directory. Creates the
// parent directories. `mode` is the new file's permission bits.
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes,
                       unsigned mode = 0644);

// Appends one line (a '\n' is added) with O_APPEND and fsyncs it.
void append_line_durable(const std::filesystem::path& path, std::string_view line,
                         unsigned mode = 0600);

// Reads a whole file; throws std::runtime_error naming the path on failure.
std::string read_file(const std::filesystem::path& path);

// fsyncs a directory so a rename in it is durable.
void sync_directory(const std::filesystem::path& dir);

}  // namespace sotay
