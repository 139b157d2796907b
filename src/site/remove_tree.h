// RemoveTree: deletes a folder and everything under it, like `rm -rf`, but
// on several threads. Deleting the previous site after a build is mostly
// waiting for the disk (on file systems mounted with `discard` each unlink
// waits for the device), and waits overlap when several threads unlink.
// std::filesystem::remove_all works on one thread and stats every entry;
// this uses the file types readdir already gives.
#pragma once

#include <string>
#include <vector>

namespace evidoc::site {

// Removes `dir` and its contents; symbolic links are removed, never
// followed. Returns true when `dir` is gone (or never existed); otherwise
// false with `error` naming the first entry that could not be removed.
bool RemoveTree(const std::string& dir, std::string& error);

// Removes everything under `dir` except the files named in `keep` (paths
// relative to `dir`, '/'-separated, e.g. "leg-cramps/index.html") and the
// folders that lead to them: what a rebuild into the previous build's folder
// leaves behind (pages of deleted articles, renamed images, anything added by
// hand). Folders that lead to nothing kept are removed whole; symbolic links
// are removed, never followed. The walk runs on every core, folder by folder
// from file descriptors, without building a path for what is kept: a site of
// 10,000 articles has 10,000 folders. Returns false with `error` naming the
// first entry that could not be listed or removed.
bool RemoveAllExcept(const std::string& dir, const std::vector<std::string>& keep,
                     std::string& error);

}  // namespace evidoc::site
