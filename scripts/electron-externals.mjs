// Modules the main-process bundle leaves to node_modules, because they load files of their own:
// better-sqlite3 and @node-rs/argon2 native binaries, PGlite (the built-in sync server's database)
// its WebAssembly and data files, pdfkit its fonts and colour profile, pg its optional native
// binding; fontkit is pdfkit's own font engine, which the reports ask which characters the
// embedded fonts cover. Electron itself is the runtime.
export const MAIN_EXTERNALS = ['electron', 'better-sqlite3', '@node-rs/argon2', '@electric-sql/pglite', 'pg', 'pg-native', 'pdfkit', 'fontkit'];
