// PLACEHOLDER until the owning subsystem lands: replace this whole file.
#include <cstdio>

#include "cli/commands.h"

namespace evidoc::cli {

int RunBuild(int, char**) {
  std::fprintf(stderr, "evidoc build: not built yet\n");
  return 2;
}

}  // namespace evidoc::cli
