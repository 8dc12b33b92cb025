// The action rows of the oversight and supervision forms: a blank row is no action, a half-filled row
// is kept so that the schema asks for what is missing (issue 8: an action needs an owner and a date).
import { describe, expect, it } from 'vitest';
import { actionDateFields, actionRowsFrom } from './form-rows.ts';
import { NewCaseAction } from './schemas.ts';

const row = (i: number, fields: Record<string, unknown>) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [`actions.${i}.${k}`, v]));

describe('the action rows of a form', () => {
  it('leaves out the blank rows and reads the filled ones top down, trimmed', () => {
    const values = {
      ...row(0, { description: '  Ask the school for the attendance record ', owner: 'Social worker', ownerUserId: '', dueOn: '2026-11-27' }),
      ...row(1, { description: ' ', owner: '', ownerUserId: '', dueOn: '' }),
      ...row(2, { description: 'Visit father', owner: 'Team manager', dueOn: '2026-12-01' }),
      'actions.3.description': 'Beyond the form’s three rows',
      overseenOn: '2026-11-20',
    };
    expect(actionRowsFrom(values, 3)).toEqual([
      { description: 'Ask the school for the attendance record', owner: 'Social worker', ownerUserId: '', dueOn: '2026-11-27' },
      { description: 'Visit father', owner: 'Team manager', ownerUserId: undefined, dueOn: '2026-12-01' },
    ]);
  });

  it('keeps a half-filled row, so the schema refuses an action with no owner or date (issue 8)', () => {
    const [action] = actionRowsFrom(row(0, { description: 'Visit' }), 2);
    expect(action).toEqual({ description: 'Visit', owner: undefined, ownerUserId: undefined, dueOn: undefined });
    const parsed = NewCaseAction.safeParse(action);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toEqual(['Enter who will do it: a named person, role or agency', 'Enter the date the action is due']);
  });

  it('oversight: choosing a Lantern user on an otherwise blank row makes a row, to be checked', () => {
    expect(actionRowsFrom(row(0, { ownerUserId: '6f1c2a9e-1d2b-4c3d-8e4f-5a6b7c8d9e0f' }), 3)).toHaveLength(1);
  });

  it('supervision: a row counts only when what, who or when was filled in, not a Lantern user alone', () => {
    const values = { ...row(0, { ownerUserId: '6f1c2a9e-1d2b-4c3d-8e4f-5a6b7c8d9e0f' }), ...row(1, { owner: 'Worker' }) };
    expect(actionRowsFrom(values, 2, ['description', 'owner', 'dueOn'])).toEqual([{ description: undefined, owner: 'Worker', ownerUserId: undefined, dueOn: undefined }]);
  });

  it('passes on what is not text as posted, for the schema to refuse', () => {
    const [action] = actionRowsFrom(row(0, { description: 'Visit', owner: ['a', 'b'] }), 1);
    expect(action?.owner).toEqual(['a', 'b']);
    expect(NewCaseAction.safeParse({ ...action, dueOn: '2026-11-27' }).success).toBe(false);
  });

  it('names the date field of each row', () => {
    expect(actionDateFields(3)).toEqual(['actions.0.dueOn', 'actions.1.dueOn', 'actions.2.dueOn']);
  });
});
