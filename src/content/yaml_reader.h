// Reading YAML content files (site.yaml, front matter, glossary, medicines,
// symptom checkers) into plain values, with every problem reported as a
// diagnostic at the position in the ORIGINAL file. yaml-cpp throws; this is
// the edge where its exceptions are caught.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/diagnostic.h"

namespace evidoc::content {

// Reads one YAML document. `path` is the display path; `first_line` the line
// of the original file where `text` starts (2 for front matter after '---').
// Fails (returns nullopt after adding an error) on malformed YAML, at
// yaml-cpp's position, and on nesting deeper than kMaxNestingDepth.
std::optional<YAML::Node> ParseYaml(const std::string& path, std::string_view text, int first_line,
                                    Diagnostics& diags);

// Typed access to the fields of YAML maps, reporting into one Diagnostics.
// Every accessor returns nullopt/empty and reports an error when the field is
// present but of the wrong type; `required` fields also report when absent.
class YamlReader {
 public:
  YamlReader(std::string path, int first_line, Diagnostics& diags)
      : path_(std::move(path)), first_line_(first_line), diags_(diags) {}

  // Where `node` starts in the original file (line 1 col 1 of the YAML text
  // if yaml-cpp has no mark for it).
  Location At(const YAML::Node& node) const;
  // Where the key `key` of `map` is written, or the map's own position.
  Location KeyAt(const YAML::Node& map, std::string_view key) const;

  // Reports "expected ..." unless `node` is a map; then reports every key not
  // in `known` as "unknown field 'x' in <what> (did you mean 'y'?)".
  bool CheckMap(const YAML::Node& node, const std::vector<std::string>& known,
                std::string_view what);
  // Reports unless `node` is a sequence (a missing node is an empty list).
  bool CheckList(const YAML::Node& node, std::string_view what);

  std::optional<std::string> Text(const YAML::Node& map, const char* key, bool required);
  std::vector<std::string> TextList(const YAML::Node& map, const char* key);
  // The same, with where each item is written.
  struct Located {
    std::string text;
    Location location;
  };
  std::vector<Located> LocatedTextList(const YAML::Node& map, const char* key);
  std::optional<Date> DateField(const YAML::Node& map, const char* key, bool required);
  std::optional<double> Number(const YAML::Node& map, const char* key);
  std::optional<int> Integer(const YAML::Node& map, const char* key);
  std::optional<bool> Bool(const YAML::Node& map, const char* key);

  const std::string& path() const { return path_; }
  Diagnostics& diags() { return diags_; }

 private:
  std::string path_;
  int first_line_;
  Diagnostics& diags_;
};

}  // namespace evidoc::content
