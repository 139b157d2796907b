// The PostgreSQL feedback store lives in a module, libevidoc_postgres.so,
// that evidoc loads with dlopen() only when a postgresql:// URL is given.
// Why: libpq brings about 25 shared libraries (Kerberos, LDAP, GnuTLS, SASL,
// OpenSSL…) that the dynamic loader would otherwise map and relocate at the
// start of every evidoc process — about 20 ms, longer than many whole
// `evidoc analyse` jobs. SQLite, the default store, stays in the executable.
//
// This header is the contract between the executable (postgres_loader.cc,
// part of evidoc_server) and the module (postgres_store.cc, the CMake MODULE
// target evidoc_postgres). Both sides are built from the same tree with the
// same compiler, standard library and flags, so C++ types cross the boundary;
// kPostgresModuleAbi guards against loading a module from another version.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "server/feedback_store.h"

namespace evidoc::server {

// Bump when FeedbackStore, PostgresModule or the open function change.
inline constexpr int kPostgresModuleAbi = 2;  // 2: FeedbackStore::AddMissedSearches
inline constexpr const char* kPostgresModuleFile = "libevidoc_postgres.so";
inline constexpr const char* kPostgresModuleEntry = "evidoc_postgres_module";

using OpenStoreFn =
    tl::expected<std::unique_ptr<FeedbackStore>, std::string> (*)(std::string_view url);

// What the module's entry point returns: a pointer to a static object that
// lives as long as the module (which is never unloaded).
struct PostgresModule {
  int abi = 0;
  // Opens the store at a postgresql:// URL, creating its tables; as
  // OpenFeedbackStore. The returned store's code lives in the module.
  OpenStoreFn open = nullptr;
};

// ---- The executable's side (postgres_loader.cc) ---------------------------

// Where the module is looked for, in order:
//   - $EVIDOC_MODULE_DIR alone, when it is set and not empty (an override:
//     nothing else is tried, so a test or a packager gets exactly that file);
//   - the folder of the running executable (/proc/self/exe);
//   - the install location relative to that folder (bin/../lib/evidoc, as
//     `cmake --install` lays it out, wherever the tree was copied);
//   - the absolute install location chosen at configure time
//     (CMAKE_INSTALL_FULL_LIBDIR/evidoc, e.g. /usr/local/lib/evidoc);
//   - the build tree's folder for the module (tests and `build/…/evidoc`).
// Folders that do not exist are still listed (the error names them).
std::vector<std::string> PostgresModuleDirs();

// Loads libevidoc_postgres.so from the first of `dirs` where dlopen() and the
// ABI check succeed. Never unloads it. Fails, without crashing, with a
// message that names every file tried and why it failed (dlerror()), e.g.
//   "PostgreSQL support (libevidoc_postgres.so) could not be loaded; tried:
//      /opt/x/libevidoc_postgres.so: cannot open shared object file: …
//    set EVIDOC_MODULE_DIR to the folder that holds it"
tl::expected<const PostgresModule*, std::string> LoadPostgresModule(
    const std::vector<std::string>& dirs);

// OpenFeedbackStore's postgresql:// branch: loads the module from
// PostgresModuleDirs() once per process (a success is remembered; a failure
// is retried on the next call) and opens the store with it.
tl::expected<std::unique_ptr<FeedbackStore>, std::string> OpenPostgresStore(std::string_view url);

}  // namespace evidoc::server

// ---- The module's side (postgres_store.cc) --------------------------------
// The one symbol the module exports (kPostgresModuleEntry).
extern "C" const evidoc::server::PostgresModule* evidoc_postgres_module();
