// Three patches to Nunjucks' runtime that make a page's render cheaper with the same output. Each is
// applied once, however many times this module is loaded (decisions 0059 and 0063).
import nunjucks from 'nunjucks';

// The typings declare none of what is patched here: Frame is in nunjucks/src/runtime.js, Template's
// getExported in nunjucks/src/environment.js, Loader's resolve in nunjucks/src/loader.js.
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
