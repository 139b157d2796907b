// Limits on what a content folder may contain, each with the reason it
// exists. Input beyond a limit is an error with a location, never a crash or
// a hang (hostile input is normal input: STYLE.md practice 10).
#pragma once

#include <cstddef>

namespace evidoc::content {

// One file. The longest real article is ~100 KiB; 4 MiB leaves 40x headroom
// while bounding memory (every file is held in memory while loading) and the
// time md4c and yaml-cpp spend on one file.
inline constexpr size_t kMaxFileBytes = 4 * 1024 * 1024;

// One line of a YAML or Markdown file. People write lines of at most a few
// hundred characters (a whole paragraph on one line is ~2,000); a longer line
// is generated or binary data, and a column number past this helps no one.
// Not applied to references.json: CSL-JSON is often exported minified.
inline constexpr size_t kMaxLineBytes = 16 * 1024;

// Nesting of YAML and JSON ([[[[...]]]], {{...}}, indented maps). yaml-cpp and
// nlohmann::json parse recursively: unbounded nesting overflows the stack.
// The deepest real structure (a red flag in an article) is 3 levels.
inline constexpr int kMaxNestingDepth = 32;

// Nesting of Markdown blocks and spans (quotes in lists in quotes, emphasis
// in emphasis). The body tree is walked recursively by render and freed
// recursively; 32 is far beyond anything a reader could follow.
inline constexpr int kMaxMarkdownDepth = 32;

// Files in one folder (articles/, symptoms/). 100,000 is 10x the largest
// benchmark (10,000 articles); more means CONTENT points at the wrong folder
// (a home directory, /), which we should refuse rather than read.
inline constexpr size_t kMaxFilesPerFolder = 100000;

// All bytes read in one load: bounds memory whatever the file count.
inline constexpr size_t kMaxTotalBytes = 1024ull * 1024 * 1024;

// Not a limit on input but a threshold: articles with fewer words of prose
// than this are not given a reading grade (Flesch–Kincaid and SMOG were
// calibrated on passages of 100 words or more; two words give nonsense).
inline constexpr int kMinWordsToGrade = 50;

}  // namespace evidoc::content
