// PLACEHOLDER until the owning subsystem lands: replace this whole file.
#include <cstdio>

#include "cli/commands.h"

namespace evidoc::cli {

int RunAnalyse(int, char**) {
  std::fprintf(stderr, "evidoc analyse: not built yet\n");
  return 2;
}

}  // namespace evidoc::cli
