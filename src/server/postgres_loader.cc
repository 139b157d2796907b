// Finds and loads libevidoc_postgres.so (see postgres_module.h).
#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <system_error>

#include "server/postgres_module.h"

// Set by src/server/CMakeLists.txt for this file only.
#ifndef EVIDOC_MODULE_RELATIVE_DIR
#define EVIDOC_MODULE_RELATIVE_DIR "../lib/evidoc"
#endif
#ifndef EVIDOC_MODULE_INSTALL_DIR
#define EVIDOC_MODULE_INSTALL_DIR "/usr/local/lib/evidoc"
#endif
#ifndef EVIDOC_MODULE_BUILD_DIR
#define EVIDOC_MODULE_BUILD_DIR ""
#endif

namespace evidoc::server {

std::vector<std::string> PostgresModuleDirs() {
  if (const char* dir = std::getenv("EVIDOC_MODULE_DIR"); dir != nullptr && *dir != '\0') {
    return {dir};
  }
  std::vector<std::string> dirs;
  auto add = [&dirs](const std::filesystem::path& dir) {
    if (dir.empty()) return;
    std::string d = dir.lexically_normal().string();
    while (d.size() > 1 && d.back() == '/') d.pop_back();
    for (const auto& seen : dirs) {
      if (seen == d) return;
    }
    dirs.push_back(std::move(d));
  };
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec && exe.has_parent_path()) {
    add(exe.parent_path());
    add(exe.parent_path() / EVIDOC_MODULE_RELATIVE_DIR);
  }
  add(EVIDOC_MODULE_INSTALL_DIR);
  add(EVIDOC_MODULE_BUILD_DIR);
  return dirs;
}

tl::expected<const PostgresModule*, std::string> LoadPostgresModule(
    const std::vector<std::string>& dirs) {
  std::string tried;
  for (const auto& dir : dirs) {
    const std::string path = (std::filesystem::path(dir) / kPostgresModuleFile).string();
    // RTLD_NOW: a missing libpq symbol fails here, with a message, rather
    // than as a crash at the first query. RTLD_LOCAL: libpq's symbols stay
    // out of the executable's namespace.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* err = dlerror();
      tried += "\n  " + (err != nullptr ? std::string(err) : path + ": dlopen failed");
      continue;
    }
    using EntryFn = const PostgresModule* (*)();
    auto entry = reinterpret_cast<EntryFn>(dlsym(handle, kPostgresModuleEntry));
    if (entry == nullptr) {
      // Not dlerror(): for a library already loaded under another name it
      // names that file, not the one tried.
      dlerror();
      tried += "\n  " + path + ": not an evidoc module (no " + kPostgresModuleEntry + " symbol)";
      dlclose(handle);
      continue;
    }
    const PostgresModule* module = entry();
    if (module == nullptr || module->abi != kPostgresModuleAbi || module->open == nullptr) {
      tried += "\n  " + path + ": built for another version of evidoc (module ABI " +
               std::to_string(module != nullptr ? module->abi : 0) + ", this evidoc needs " +
               std::to_string(kPostgresModuleAbi) + ")";
      dlclose(handle);
      continue;
    }
    // Never dlclose()d: the stores it opens have their code in it.
    return module;
  }
  if (dirs.empty()) tried = "\n  (no folder to look in)";
  return tl::unexpected(std::string("PostgreSQL support (") + kPostgresModuleFile +
                        ") could not be loaded; tried:" + tried +
                        "\nset EVIDOC_MODULE_DIR to the folder that holds it");
}

tl::expected<std::unique_ptr<FeedbackStore>, std::string> OpenPostgresStore(std::string_view url) {
  static std::mutex mutex;
  static const PostgresModule* loaded = nullptr;
  const PostgresModule* module = nullptr;
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (loaded == nullptr) {
      auto m = LoadPostgresModule(PostgresModuleDirs());
      if (!m) return tl::unexpected(m.error());
      loaded = *m;
    }
    module = loaded;
  }
  return module->open(url);
}

}  // namespace evidoc::server
