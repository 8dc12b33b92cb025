// A statement a page runs on every request, built by Kysely's query builder and compiled once per
// database, then run with each request's values (decision 0063). Building and compiling the session's
// read took about 26 µs of CPU a request; the text is the same every time, only the values differ.
import { createQueryId, type Compilable, type CompiledQuery, type Kysely, type QueryResult } from 'kysely';
import type { Database } from './schema.ts';

/** A value that marks where the n-th argument goes among the compiled statement's parameters. */
const marker = (n: number) => `\u0000lantern-compiled-once-${n}\u0000`;

interface Compiled<R> {
  compiled: CompiledQuery<R>;
  /** For each parameter: the index of the argument it takes, or -1 for a value fixed in the build. */
  from: number[];
}

/**
 * `build(db, ...texts)` is called once per database with markers for the texts; the statement is then
 * run with the texts given each time. The texts must reach the statement only as parameters (a marker
 * in the SQL itself, or one that does not reach it, is an error at the first run).
 */
export function compiledOnce<A extends string[], R>(build: (db: Kysely<Database>, ...texts: A) => Compilable<R>) {
  const byDatabase = new WeakMap<Kysely<Database>, Compiled<R>>();
  return async (db: Kysely<Database>, ...texts: A): Promise<QueryResult<R>> => {
    let known = byDatabase.get(db);
    if (!known) {
      const markers = texts.map((_, n) => marker(n)) as A;
      const compiled = build(db, ...markers).compile();
      const from = compiled.parameters.map((p) => (typeof p === 'string' ? markers.indexOf(p) : -1));
      if (markers.some((m, n) => compiled.sql.includes(m) || !from.includes(n))) throw new Error(`compiledOnce: every value must be a parameter of: ${compiled.sql}`);
      known = { compiled, from };
      byDatabase.set(db, known);
    }
    const { compiled, from } = known;
    // A query id of its own for each run, as Kysely gives each compile (plugins may key state by it).
    return db.executeQuery<R>({ ...compiled, queryId: createQueryId(), parameters: compiled.parameters.map((p, i) => (from[i]! >= 0 ? texts[from[i]!] : p)) });
  };
}
