// Errors a user can act on. Routes turn them into a GOV.UK error page or a JSON problem.
export class NotFound extends Error {
  readonly status = 404;
}

export class Forbidden extends Error {
  readonly status = 403;
  /** True when the refusal is already in the audit log (the route guard writes it, naming the child). */
  constructor(
    message: string,
    readonly audited = false,
  ) {
    super(message);
  }
}

/** A rule of the record was broken (an impossible sequence, a second open episode…). */
export class RuleBroken extends Error {
  readonly status = 422;
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
