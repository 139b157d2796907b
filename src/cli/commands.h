// The `evidoc` subcommands. Each takes the arguments after its name
// (argv[0] is the subcommand name) and returns the process exit code:
// 0 success, 1 errors in the input, 2 usage errors. Each lives in its own
// file (check_command.cc, ...) and parses its own options with CLI11.
#pragma once

namespace evidoc::cli {

int RunCheck(int argc, char** argv);    // evidoc check CONTENT
int RunBuild(int argc, char** argv);    // evidoc build CONTENT -o OUT
int RunAnalyse(int argc, char** argv);  // evidoc analyse FILE.csv [...]
int RunServe(int argc, char** argv);    // evidoc serve CONTENT [...]
int RunDiff(int argc, char** argv);     // evidoc diff OLD NEW
int RunReport(int argc, char** argv);   // evidoc report --db URL

}  // namespace evidoc::cli
