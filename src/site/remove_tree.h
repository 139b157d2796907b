// RemoveTree: deletes a folder and everything under it, like `rm -rf`, but
// on several threads. Deleting the previous site after a build is mostly
// waiting for the disk (on file systems mounted with `discard` each unlink
// waits for the device), and waits overlap when several threads unlink.
// std::filesystem::remove_all works on one thread and stats every entry;
// this uses the file types readdir already gives.
#pragma once

#include <string>

namespace evidoc::site {

// Removes `dir` and its contents; symbolic links are removed, never
// followed. Returns true when `dir` is gone (or never existed); otherwise
// false with `error` naming the first entry that could not be removed.
bool RemoveTree(const std::string& dir, std::string& error);

}  // namespace evidoc::site
