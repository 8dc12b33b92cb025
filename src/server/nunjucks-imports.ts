// `{% from "x" import y %}` and `{% import "x" as z %}` run the imported template's top level again on every
// render: each page's layout imports 22 GOV.UK macros, and each component imports the macros it uses (a
// text input its label, hint and error message) every time it is called. Imported without context (the
// default), a template's exports depend on nothing but the environment's globals, which are fixed at
// start-up, so they are worked out once per compiled template and handed out again (a shallow copy, so that
// no template can change another's). An import `with context` still runs every time.
import nunjucks from 'nunjucks';

type Callback = (err: unknown, exported: Record<string, unknown> | null) => void;
interface Template {
  getExported(ctx: unknown, parentFrame?: unknown, cb?: Callback): void;
}

// The typings do not declare Template.getExported; it is in nunjucks/src/environment.js.
const proto = (nunjucks.Template as unknown as { prototype: Template }).prototype;
const runEveryTime = proto.getExported;
const exportsOf = new WeakMap<Template, Record<string, unknown>>();

if (!(runEveryTime as { once?: boolean }).once) {
  const getExported = function (this: Template, ctx: unknown, parentFrame?: unknown, cb?: Callback): void {
    if (typeof ctx !== 'function') return runEveryTime.call(this, ctx, parentFrame, cb);
    const done = ctx as Callback;
    const known = exportsOf.get(this);
    if (known) return done(null, { ...known });
    runEveryTime.call(this, (err: unknown, exported: Record<string, unknown> | null) => {
      if (!err && exported) exportsOf.set(this, exported);
      done(err, exported && { ...exported });
    });
  };
  (getExported as { once?: boolean }).once = true;
  proto.getExported = getExported;
}
