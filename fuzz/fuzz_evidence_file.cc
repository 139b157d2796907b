// libFuzzer target: an evidence file (YAML) and the study-row CSV it points
// to, through the evidence loader and, when they load without errors,
// through Weigh (pooling, GRADE, statements, categories). The input is the
// YAML, then a line "----CSV----", then the CSV (rows.csv). Must never crash,
// hang or leak, whatever the bytes.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "common/file_system.h"
#include "content/evidence_loader.h"
#include "knowledge/knowledge.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  std::string yaml = input, csv;
  const std::string sep = "\n----CSV----\n";
  if (size_t at = input.find(sep); at != std::string::npos) {
    yaml = input.substr(0, at);
    csv = input.substr(at + sep.size());
  }
  evidoc::MemoryFileSystem fs;
  fs.AddFile("c/evidence/t.yaml", yaml);
  fs.AddFile("c/evidence/rows.csv", csv);
  auto content = std::make_shared<evidoc::content::Content>();
  content->root = "c";
  evidoc::Diagnostics diags;
  evidoc::content::LoadEvidence(fs, "c", *content, diags);
  if (!diags.has_errors()) evidoc::knowledge::Weigh(content);
  return 0;
}
