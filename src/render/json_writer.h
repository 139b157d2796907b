// A small streaming JSON writer for the static API, JSON-LD and FHIR output.
//
// Written by hand rather than with nlohmann::json because it (1) never
// throws (nlohmann throws on invalid UTF-8 when dumping), (2) keeps keys in
// the order written (readable, stable API files), (3) escapes < > & so the
// output can sit inside an HTML <script type="application/ld+json"> block,
// and (4) writes straight into one buffer, which matters when a build
// writes tens of thousands of API files.
//
// Usage: w.BeginObject().Key("title").String(t).Key("n").Int(3).EndObject();
// The caller keeps begin/end balanced and writes a Key before each value in
// an object (asserted in debug builds; a programming error, not input).
// Thread-compatible.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace evidoc::render {

class JsonWriter {
 public:
  // `indent` > 0 pretty-prints with that many spaces per level; 0 is compact.
  explicit JsonWriter(int indent = 0) : indent_(indent) {}

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  // Shortest text that reads back to the same double; NaN and infinities
  // (which JSON cannot hold) are written as null.
  JsonWriter& Number(double value);
  JsonWriter& Int(long long value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // A whole JSON value produced by another JsonWriter, inserted verbatim.
  JsonWriter& RawValue(std::string_view json);
  // Convenience: an array of strings.
  JsonWriter& StringArray(const std::vector<std::string>& values);

  // The document; the writer is empty afterwards.
  std::string Take();

 private:
  void BeforeValue();
  void NewlineIndent();
  struct Level {
    bool is_object = false;
    bool has_items = false;
  };
  int indent_;
  bool after_key_ = false;
  std::vector<Level> stack_;
  std::string out_;
};

}  // namespace evidoc::render
