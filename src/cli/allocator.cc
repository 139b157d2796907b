// jemalloc's settings, read by jemalloc itself when the evidoc binary is
// linked with it (src/cli/CMakeLists.txt, EVIDOC_JEMALLOC; not in sanitizer
// or fuzz builds, where the sanitizers own malloc).
//
// Why: a build holds every article's parsed Markdown tree (hundreds of small
// nodes each) and renders on every core. With glibc's malloc, first touches of
// fresh 4 KiB pages (page faults) and per-thread arena growth were a third of
// the CPU time of `evidoc build` on 1,000 articles; jemalloc backed by
// transparent huge pages takes 8x fewer page faults and about half the CPU
// (bench/README.md). Memory still goes back to the system after 10 s idle
// (jemalloc's default decay), which `evidoc serve` relies on.
#ifdef EVIDOC_WITH_JEMALLOC
extern "C" {
// NOLINTNEXTLINE: the name and type are jemalloc's interface.
const char* malloc_conf = "thp:always,metadata_thp:always";
}
#endif
