// PGlite in a thread of its own. PGlite is PostgreSQL compiled to WebAssembly and runs a statement
// synchronously where it is called: in Lantern's own thread, a long query (a council-wide count) would
// stop every other request for as long as it runs. Here PGlite lives in a worker thread and Lantern
// speaks the PostgreSQL wire protocol to it (the bytes `pg` would send a server, answered with the bytes
// a server would send back), so the event loop stays free, and the database's work runs on another core
// beside the rendering of pages.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { Parser } from 'pg-protocol/dist/parser.js';
import type { BackendMessage } from 'pg-protocol/dist/messages.js';

/**
 * The worker's code: plain JavaScript (a worker does not go through tsx or vitest's transform), which
 * loads PGlite's CommonJS build and answers each protocol message in turn, in the order they came.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pglite);
const options = workerData.dataDir ? { dataDir: workerData.dataDir } : {};
// A dumped data folder (a tar file) to start from instead of a new, empty database: the tests' one
// migrated database, loaded in about a second where initdb and the migrations take several.
if (workerData.loadDataDir) options.loadDataDir = new Blob([require('node:fs').readFileSync(workerData.loadDataDir)]);
const db = new PGlite(options);
let queue = db.waitReady.then(
  () => parentPort.postMessage({ ready: true }),
  (error) => parentPort.postMessage({ failed: String(error && error.message || error) }),
);
parentPort.on('message', ({ id, message, close }) => {
  queue = queue.then(async () => {
    try {
      if (close) {
        if (!db.closed) await db.close();
        parentPort.postMessage({ id, out: null });
        return;
      }
      // The answer's bytes as PGlite writes them, kept in one buffer. execProtocolRaw would also parse
      // every row it sends (a copy of each field, decoded as text) only to throw it away: the rows are
      // parsed once, by pg in Lantern's thread.
      let out = new Uint8Array(64 * 1024);
      let length = 0;
      await db.execProtocolRawStream(message, {
        onRawData: (chunk) => {
          if (length + chunk.length > out.length) {
            const grown = new Uint8Array(Math.max(out.length * 2, length + chunk.length));
            grown.set(out.subarray(0, length));
            out = grown;
          }
          out.set(chunk, length);
          length += chunk.length;
        },
      });
      const answer = out.slice(0, length);
      parentPort.postMessage({ id, out: answer }, [answer.buffer]);
    } catch (error) {
      parentPort.postMessage({ id, error: String(error && error.message || error) });
    }
  });
});
`;

interface Answer {
  id?: number;
  out?: Uint8Array | null;
  error?: string;
  ready?: true;
  failed?: string;
}

/** What PGlite's node-postgres adapter needs of a PGlite: readiness, and a protocol message answered. */
export interface PGliteProtocol {
  waitReady: Promise<void>;
  execProtocolStream(message: Uint8Array, options?: unknown): Promise<BackendMessage[]>;
  close(): Promise<void>;
}

/** Messages after which the client waits for an answer: Sync, a simple Query, Flush, Terminate. */
const ENDS_A_BATCH = new Set(['S', 'Q', 'H', 'X'].map((c) => c.charCodeAt(0)));

/**
 * Starts PGlite (in `dataDir`, or in memory) in a worker thread; in memory, `loadDataDir` names a data
 * folder dumped by PGlite's dumpDataDir (a tar file) to start from.
 */
export function startPGliteThread(dataDir: string | undefined, loadDataDir?: string): PGliteProtocol {
  const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const worker = new Worker(WORKER, { eval: true, workerData: { pglite, dataDir, loadDataDir } });
  const waiting = new Map<number, { resolve: (out: Uint8Array | null) => void; reject: (error: Error) => void }>();
  let next = 0;
  let closed = false;
  const waitReady = new Promise<void>((resolve, reject) => {
    worker.on('message', (answer: Answer) => {
      if (answer.ready) {
        if (waiting.size === 0) worker.unref();
        return resolve();
      }
      if (answer.failed !== undefined) return reject(new Error(`PGlite could not open its database: ${answer.failed}`));
      const call = waiting.get(answer.id!);
      waiting.delete(answer.id!);
      if (answer.error !== undefined) call?.reject(new Error(answer.error));
      else call?.resolve(answer.out ?? null);
    });
    const fail = (error: Error) => {
      reject(error);
      for (const call of waiting.values()) call.reject(error);
      waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`PGlite's thread ended (exit code ${code})`)));
  });
  // The thread keeps the process alive only while a statement is on its way: a script that forgets to
  // close the database still ends, as it did when PGlite ran in Lantern's own thread.
  const settle = () => {
    if (waiting.size === 0) worker.unref();
  };
  const send = (body: { message?: Uint8Array; close?: true }) =>
    new Promise<Uint8Array | null>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, ...body });
    }).finally(settle);
  // The server's answers can be split anywhere; one parser keeps what is left over between them.
  const parser = new Parser();
  // pg sends a prepared statement's run as four messages (bind, describe, execute, sync). They go to the
  // thread together when the sync comes, as they would in one packet to a server: one trip, not four.
  let pending: Uint8Array[] = [];
  return {
    waitReady,
    async execProtocolStream(message) {
      if (!ENDS_A_BATCH.has(message[0]!)) {
        pending.push(message);
        return [];
      }
      const batch = pending.length ? Buffer.concat([...pending, message]) : message;
      pending = [];
      const out = await send({ message: batch });
      const messages: BackendMessage[] = [];
      if (out) parser.parse(Buffer.from(out.buffer, out.byteOffset, out.byteLength), (m) => messages.push(m));
      return messages;
    },
    async close() {
      if (closed) return;
      closed = true;
      await send({ close: true }).catch(() => null);
      await worker.terminate();
    },
  };
}
