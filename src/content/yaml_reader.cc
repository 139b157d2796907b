#include "content/yaml_reader.h"

#include <cstdlib>
#include <exception>

#include "content/did_you_mean.h"
#include "content/limits.h"

namespace evidoc::content {
namespace {

// yaml-cpp parses recursively; so reject deep nesting before handing it the
// text. Counts flow brackets ([ {) anywhere outside comments (a bracket in a
// quoted string counts too: a false alarm needs 32 unclosed brackets in
// prose) and block levels by indentation, including "- - -" on one line.
// Returns the 0-based line of the first line that goes too deep, or -1.
int FindTooDeep(std::string_view text) {
  int flow = 0;
  std::vector<size_t> indents;
  int line = 0;
  size_t i = 0;
  while (i <= text.size()) {
    size_t end = text.find('\n', i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(i, end - i);
    size_t indent = 0;
    while (indent < l.size() && l[indent] == ' ') ++indent;
    bool blank = indent == l.size() || l[indent] == '#' || l[indent] == '\r';
    if (!blank) {
      while (!indents.empty() && indents.back() > indent) indents.pop_back();
      if (indents.empty() || indents.back() < indent) indents.push_back(indent);
      // Compact nested sequences: "- - - x".
      size_t p = indent;
      while (p + 1 < l.size() && l[p] == '-' && (l[p + 1] == ' ' || l[p + 1] == '\t')) {
        p += 2;
        while (p < l.size() && l[p] == ' ') ++p;
        indents.push_back(p);
      }
      if (static_cast<int>(indents.size()) > kMaxNestingDepth) return line;
    }
    for (size_t k = 0; k < l.size(); ++k) {
      char c = l[k];
      if (c == '#' && (k == 0 || l[k - 1] == ' ')) break;
      if (c == '[' || c == '{') {
        if (++flow > kMaxNestingDepth) return line;
      } else if ((c == ']' || c == '}') && flow > 0) {
        --flow;
      }
    }
    // Deep indentation inside a block scalar is content, not nesting: forget
    // the levels a later, shallower line closes.
    ++line;
    i = end + 1;
  }
  return -1;
}

bool IsTrue(const std::string& s) { return s == "true" || s == "True" || s == "TRUE"; }
bool IsFalse(const std::string& s) { return s == "false" || s == "False" || s == "FALSE"; }

}  // namespace

std::optional<YAML::Node> ParseYaml(const std::string& path, std::string_view text, int first_line,
                                    Diagnostics& diags) {
  int deep = FindTooDeep(text);
  if (deep >= 0) {
    diags.Error(Location{path, first_line + deep, 1},
                "YAML nested more than " + std::to_string(kMaxNestingDepth) + " levels deep");
    return std::nullopt;
  }
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    Location at{path, first_line, 1};
    if (!e.mark.is_null()) at = Location{path, first_line + e.mark.line, e.mark.column + 1};
    diags.Error(at, "malformed YAML: " + e.msg);
  } catch (const std::exception& e) {
    diags.Error(Location{path, first_line, 1}, std::string("malformed YAML: ") + e.what());
  }
  return std::nullopt;
}

Location YamlReader::At(const YAML::Node& node) const {
  if (!node.IsDefined()) return Location{path_, first_line_, 1};
  YAML::Mark m = node.Mark();
  if (m.is_null()) return Location{path_, first_line_, 1};
  return Location{path_, first_line_ + m.line, m.column + 1};
}

Location YamlReader::KeyAt(const YAML::Node& map, std::string_view key) const {
  if (map.IsMap()) {
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (it->first.IsScalar() && it->first.Scalar() == key) return At(it->first);
    }
  }
  return At(map);
}

bool YamlReader::CheckMap(const YAML::Node& node, const std::vector<std::string>& known,
                          std::string_view what) {
  if (!node.IsMap()) {
    diags_.Error(At(node), "expected " + std::string(what) + " (a map of fields)");
    return false;
  }
  for (auto it = node.begin(); it != node.end(); ++it) {
    const YAML::Node k = it->first;  // a copy: it-> returns a temporary proxy
    std::string name = k.IsScalar() ? k.Scalar() : "?";
    bool ok = false;
    for (const std::string& f : known) ok = ok || f == name;
    if (!ok) {
      diags_.Error(
          At(k), "unknown field '" + name + "' in " + std::string(what) + DidYouMean(name, known));
    }
  }
  return true;
}

bool YamlReader::CheckList(const YAML::Node& node, std::string_view what) {
  if (!node.IsDefined() || node.IsNull() || node.IsSequence()) return true;
  diags_.Error(At(node), "expected " + std::string(what) + " (a list)");
  return false;
}

std::optional<std::string> YamlReader::Text(const YAML::Node& map, const char* key, bool required) {
  const YAML::Node v = map[key];
  if (!v.IsDefined() || v.IsNull()) {
    if (required) {
      if (v.IsDefined()) {
        diags_.Error(KeyAt(map, key), "field '" + std::string(key) + "' is empty");
      } else {
        diags_.Error(At(map), "missing required field '" + std::string(key) + "'");
      }
    }
    return std::nullopt;
  }
  if (!v.IsScalar()) {
    diags_.Error(At(v), "field '" + std::string(key) + "' must be text");
    return std::nullopt;
  }
  if (required && v.Scalar().empty()) {
    diags_.Error(At(v), "field '" + std::string(key) + "' is empty");
    return std::nullopt;
  }
  return v.Scalar();
}

std::vector<std::string> YamlReader::TextList(const YAML::Node& map, const char* key) {
  std::vector<std::string> out;
  for (Located& l : LocatedTextList(map, key)) out.push_back(std::move(l.text));
  return out;
}

std::vector<YamlReader::Located> YamlReader::LocatedTextList(const YAML::Node& map,
                                                             const char* key) {
  std::vector<Located> out;
  const YAML::Node v = map[key];
  if (!v.IsDefined() || v.IsNull()) return out;
  if (!v.IsSequence()) {
    diags_.Error(At(v), "field '" + std::string(key) + "' must be a list");
    return out;
  }
  for (const YAML::Node& item : v) {
    if (!item.IsScalar()) {
      diags_.Error(At(item), "items of '" + std::string(key) + "' must be text");
      continue;
    }
    out.push_back({item.Scalar(), At(item)});
  }
  return out;
}

std::optional<Date> YamlReader::DateField(const YAML::Node& map, const char* key, bool required) {
  std::optional<std::string> s = Text(map, key, required);
  if (!s) return std::nullopt;
  std::optional<Date> d = Date::Parse(*s);
  if (!d) {
    diags_.Error(At(map[key]),
                 "invalid date '" + *s + "' in '" + key + "' (expected a real date as YYYY-MM-DD)");
  }
  return d;
}

std::optional<double> YamlReader::Number(const YAML::Node& map, const char* key) {
  std::optional<std::string> s = Text(map, key, false);
  if (!s) return std::nullopt;
  char* end = nullptr;
  double d = std::strtod(s->c_str(), &end);
  if (s->empty() || *end != '\0' || d != d) {
    diags_.Error(At(map[key]),
                 "field '" + std::string(key) + "' must be a number, not '" + *s + "'");
    return std::nullopt;
  }
  return d;
}

std::optional<int> YamlReader::Integer(const YAML::Node& map, const char* key) {
  std::optional<std::string> s = Text(map, key, false);
  if (!s) return std::nullopt;
  char* end = nullptr;
  long v = std::strtol(s->c_str(), &end, 10);
  if (s->empty() || *end != '\0' || v < 0 || v > 1000000) {
    diags_.Error(At(map[key]), "field '" + std::string(key) +
                                   "' must be a whole number from 0 to 1000000, not '" + *s + "'");
    return std::nullopt;
  }
  return static_cast<int>(v);
}

std::optional<bool> YamlReader::Bool(const YAML::Node& map, const char* key) {
  std::optional<std::string> s = Text(map, key, false);
  if (!s) return std::nullopt;
  if (IsTrue(*s)) return true;
  if (IsFalse(*s)) return false;
  diags_.Error(At(map[key]),
               "field '" + std::string(key) + "' must be true or false, not '" + *s + "'");
  return std::nullopt;
}

}  // namespace evidoc::content
