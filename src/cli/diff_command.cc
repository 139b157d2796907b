// PLACEHOLDER until the owning subsystem lands: replace this whole file.
#include <cstdio>

#include "cli/commands.h"

namespace evidoc::cli {

int RunDiff(int, char**) {
  std::fprintf(stderr, "evidoc diff: not built yet\n");
  return 2;
}

}  // namespace evidoc::cli
