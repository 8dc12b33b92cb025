// Patches to Nunjucks' runtime and compiler that make a page's render cheaper with the same output. Each
// is applied once, however many times this module is loaded (decisions 0059, 0063 and 0071).
import nunjucks from 'nunjucks';

// The typings declare none of what is patched here: Frame and memberLookup are in nunjucks/src/runtime.js,
// Template's getExported in nunjucks/src/environment.js, Loader's resolve in nunjucks/src/loader.js, the
// Compiler in nunjucks/src/compiler.js.
interface Frame {
  variables: Record<string, unknown>;
  resolve(name: string, forWrite: boolean): Frame | undefined;
  set(name: string, value: unknown, resolveUp?: boolean): void;
}
type Callback = (err: unknown, exported: Record<string, unknown> | null) => void;
interface Template {
  getExported(ctx: unknown, parentFrame?: unknown, cb?: Callback): void;
}
interface Loader {
  resolve(from: string, to: string): string;
}
interface Compiler {
  _emitLine(code: string): void;
  _emitLoopBindings(node: unknown, arr: string, i: string, len: string): void;
}
interface Runtime {
  memberLookup(obj: unknown, name: string | number): unknown;
  lanternLoop?: (frame: Frame, i: number, length: number) => void;
}
type Patched = { lantern?: true };

/** Replaces `owner[name]` with `make(the original)`, once. */
function patch<O, K extends keyof O>(owner: O, name: K, make: (original: O[K]) => O[K]): void {
  if ((owner[name] as Patched).lantern) return;
  const patched = make(owner[name]);
  (patched as Patched).lantern = true;
  owner[name] = patched;
}

// 1. Setting a variable. Nunjucks' Frame.set splits every name on '.' (for `set a.b = …`), allocating an
// array on each call: the GOV.UK macros set thousands of plain names on a page, and every turn of a
// `for` loop sets seven dotted ones (`loop.index`, `loop.first`, …). A plain name is set directly; a
// dotted name's parts are split once and kept (a page uses a handful), and set as the original does:
// missing objects on the way are created, and with `resolveUp` the frame that already holds the first
// part takes the whole name.
const partsOf = new Map<string, readonly string[]>();
const MAX_DOTTED_NAMES = 1_000;
function dottedParts(name: string): readonly string[] {
  let parts = partsOf.get(name);
  if (!parts) {
    parts = name.split('.');
    if (partsOf.size < MAX_DOTTED_NAMES) partsOf.set(name, parts);
  }
  return parts;
}
const frameProto = (nunjucks.runtime as unknown as { Frame: { prototype: Frame } }).Frame.prototype;
patch(frameProto, 'set', () =>
  function set(this: Frame, name: string, value: unknown, resolveUp?: boolean): void {
    if (!name.includes('.')) {
      const frame = resolveUp ? (this.resolve(name, true) ?? this) : this;
      frame.variables[name] = value;
      return;
    }
    const parts = dottedParts(name);
    if (resolveUp) {
      const holder = this.resolve(parts[0]!, true);
      if (holder) return holder.set(name, value);
    }
    let object = this.variables;
    const last = parts.length - 1;
    for (let i = 0; i < last; i++) {
      const id = parts[i]!;
      if (!object[id]) object[id] = {};
      object = object[id] as Record<string, unknown>;
    }
    object[parts[last]!] = value;
  },
);

// 2. Imports. `{% from "x" import y %}` and `{% import "x" as z %}` run the imported template's top level
// again on every render: each page's layout imports 22 GOV.UK macros, and each component imports the
// macros it uses (a text input its label, hint and error message) every time it is called. Imported
// without context (the default), a template's exports depend on nothing but the environment's globals,
// which are fixed at start-up, so they are worked out once per compiled template and handed out again
// (a shallow copy, so that no template can change another's). An import `with context` still runs
// every time.
const exportsOf = new WeakMap<Template, Record<string, unknown>>();
const templateProto = (nunjucks.Template as unknown as { prototype: Template }).prototype;
patch(templateProto, 'getExported', (runEveryTime) =>
  function getExported(this: Template, ctx: unknown, parentFrame?: unknown, cb?: Callback): void {
    if (typeof ctx !== 'function') return runEveryTime.call(this, ctx, parentFrame, cb);
    const done = ctx as Callback;
    const known = exportsOf.get(this);
    if (known) return done(null, { ...known });
    runEveryTime.call(this, (err: unknown, exported: Record<string, unknown> | null) => {
      if (!err && exported) exportsOf.set(this, exported);
      done(err, exported && { ...exported });
    });
  },
);

// 3. Relative template names. A GOV.UK component imports its neighbours by relative name
// ("../error-message/macro.njk"); Nunjucks resolves the name against the importing template's path
// (path.dirname and path.resolve) before it looks in its cache, on every call. The same two names always
// give the same path, so it is worked out once per pair.
const resolved = new Map<string, string>();
const MAX_RESOLVED = 10_000;
const loaderProto = (nunjucks.Loader as unknown as { prototype: Loader }).prototype;
patch(loaderProto, 'resolve', (resolvePath) =>
  function resolve(this: Loader, from: string, to: string): string {
    const key = `${from}\u0000${to}`;
    let path = resolved.get(key);
    if (path === undefined) {
      path = resolvePath.call(this, from, to);
      if (resolved.size < MAX_RESOLVED) resolved.set(key, path);
    }
    return path;
  },
);

// 4. A loop's variables. For every turn of a `for` loop the compiled template sets seven dotted names
// (`frame.set("loop.index", …)`, then index0, revindex, revindex0, first, last, length): on the record
// page, about 360 turns and 2,500 calls a render. The compiler now emits one call that sets the same
// seven values, in the same order, on the same `loop` object of the loop's own frame (created when
// missing), which is what the seven calls did (`set` without resolveUp writes to its own frame).
const runtime = nunjucks.runtime as unknown as Runtime;
runtime.lanternLoop ??= function lanternLoop(frame: Frame, i: number, length: number): void {
  const variables = frame.variables;
  if (!variables['loop']) variables['loop'] = {};
  const loop = variables['loop'] as Record<string, unknown>;
  loop['index'] = i + 1;
  loop['index0'] = i;
  loop['revindex'] = length - i;
  loop['revindex0'] = length - i - 1;
  loop['first'] = i === 0;
  loop['last'] = i === length - 1;
  loop['length'] = length;
};
const compilerProto = (nunjucks as unknown as { compiler: { Compiler: { prototype: Compiler } } }).compiler.Compiler.prototype;
patch(compilerProto, '_emitLoopBindings', () =>
  function _emitLoopBindings(this: Compiler, _node: unknown, _arr: string, i: string, len: string): void {
    // i and len are the names of the compiled loop's counter and length.
    this._emitLine(`runtime.lanternLoop(frame, ${i}, ${len});`);
  },
);

// 5. Reading `a.b`. Nunjucks' memberLookup reads the member twice (`typeof obj[val]`, then `obj[val]`);
// about 2,800 times a render on the record page, each a lookup on an object of a different shape. It is
// read once; a function is still wrapped so that it is called on its object, reading the member again
// when called, as the original does.
patch(runtime, 'memberLookup', () =>
  function memberLookup(obj: unknown, name: string | number): unknown {
    if (obj === undefined || obj === null) return undefined;
    const value = (obj as Record<string | number, unknown>)[name];
    if (typeof value !== 'function') return value;
    return (...args: unknown[]) => ((obj as Record<string | number, (...a: unknown[]) => unknown>)[name]!).apply(obj, args);
  },
);

// 6. Escaping. With autoescaping on, every value written into a page goes through lib.escape, a
// regular-expression replace with a function for each match, even when there is nothing to escape (most
// values: names, dates, labels). A string with none of the characters it escapes (the same set as
// Nunjucks' own, & " ' < > and \) is returned as it is, which is what the replace returns for it;
// anything else is escaped by Nunjucks' own function, as before.
const lib = (nunjucks as unknown as { lib: { escape(value: string): string } }).lib;
const ESCAPED = /[&"'<>\\]/; // not global: test() keeps no state between calls
patch(lib, 'escape', (escapeEach) =>
  function escape(value: string): string {
    return typeof value === 'string' && !ESCAPED.test(value) ? value : escapeEach(value);
  },
);
