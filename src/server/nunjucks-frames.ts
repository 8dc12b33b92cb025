// Nunjucks' Frame.set splits every variable's name on '.' to allow `set a.b = …`, allocating an array on
// each call; the GOV.UK macros set thousands of plain names on a page, and that one function was the
// largest part of rendering the child's record (about 40% of nunjucks' own time, with the garbage it
// leaves). A name without a dot is set directly; a dotted name goes the original way. The result is the
// same: for a plain name the original loop does nothing and sets `variables[name]` on this frame or, with
// `resolveUp`, on the frame that already holds the name.
import nunjucks from 'nunjucks';

interface Frame {
  variables: Record<string, unknown>;
  resolve(name: string, forWrite: boolean): Frame | undefined;
  set(name: string, value: unknown, resolveUp?: boolean): void;
}

// The typings do not declare the runtime's Frame; it is exported by nunjucks/src/runtime.js.
const runtime = nunjucks.runtime as unknown as { Frame: { prototype: Frame } };
const proto = runtime.Frame.prototype;
const setDotted = proto.set;

if (!(setDotted as { plainNames?: boolean }).plainNames) {
  const set = function (this: Frame, name: string, value: unknown, resolveUp?: boolean): void {
    if (name.includes('.')) return setDotted.call(this, name, value, resolveUp);
    const frame = resolveUp ? (this.resolve(name, true) ?? this) : this;
    frame.variables[name] = value;
  };
  (set as { plainNames?: boolean }).plainNames = true;
  proto.set = set;
}
