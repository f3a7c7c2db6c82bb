// sotay-indexer backup / restore: one archive of everything a ward cannot
// rebuild (docs/backup.md).
#pragma once

#include <memory>
#include <optional>

#include <CLI/CLI.hpp>

namespace sotay {

struct BackupCli;

// Registers the `backup` and `restore` subcommands on `app`.
std::shared_ptr<BackupCli> add_backup_commands(CLI::App& app);

// Runs the parsed subcommand; nullopt when neither was given.
std::optional<int> run_backup_commands(const BackupCli& cli);

}  // namespace sotay
