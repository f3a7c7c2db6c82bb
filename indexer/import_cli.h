// sotay-indexer import / convert: real documents (PDF, scans, Word files,
// legacy-encoded text) in as content files (docs/import.md).
#pragma once

#include <memory>
#include <optional>

#include <CLI/CLI.hpp>

namespace sotay {

struct ImportCli;

// Registers `import` (files and folders into content/, with the originals)
// and `convert` (one file to JSON on stdout: what the server runs, in a
// sandboxed subprocess, for the department form).
std::shared_ptr<ImportCli> add_import_commands(CLI::App& app);

// Runs the parsed subcommand; nullopt when neither was given.
std::optional<int> run_import_commands(const ImportCli& cli);

}  // namespace sotay
