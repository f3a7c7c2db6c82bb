// sotay-indexer token ... and inbox ...: tokens for the submission workflow
// and offline review (docs/submissions.md).
#pragma once

#include <memory>
#include <optional>

#include <CLI/CLI.hpp>

namespace sotay {

struct SubmissionCli;

// Registers the `token` and `inbox` subcommands on `app`.
std::shared_ptr<SubmissionCli> add_submission_commands(CLI::App& app);

// Runs the parsed subcommand; nullopt when neither was given.
std::optional<int> run_submission_commands(const SubmissionCli& cli);

}  // namespace sotay
