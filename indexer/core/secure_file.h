// Durable files and libsodium primitives shared by the submission workflow:
// atomic writes (temporary file, fsync, rename, fsync of the directory),
// SHA-256 and random hex strings.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace sotay {

// Initialises libsodium once; throws when it cannot.
void init_sodium();

// Writes `bytes` to `path` atomically: a temporary file in the same
// directory, fsync, rename over `path`, fsync of the directory. Creates the
// parent directories. `mode` is the new file's permission bits.
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes,
                       unsigned mode = 0644);

// Appends one line (a '\n' is added) with O_APPEND and fsyncs it.
void append_line_durable(const std::filesystem::path& path, std::string_view line,
                         unsigned mode = 0600);

// Lowercase hex SHA-256 of `bytes` (crypto_hash_sha256).
std::string sha256_hex(std::string_view bytes);

// `bytes` random bytes as lowercase hex (randombytes_buf).
std::string random_hex(std::size_t bytes);

}  // namespace sotay
