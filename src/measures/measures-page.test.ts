// The measures page counts the workers' figures from the allocations the children's figures read
// (issue 9's performance targets: shared passes over each table): the same figures, one statement fewer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_TODAY, type TestApp } from '../../test/support/app.ts';
import { makeChild } from '../plans/test-helpers.ts';
import { defaultPeriod, catalogueFiguresAndAllocations } from './present.ts';
import { workerCatalogueFigures } from './worker-present.ts';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  await makeChild(t, { allocatedTo: t.users.worker });
  await makeChild(t, { allocatedTo: t.users.worker });
  await makeChild(t, { allocatedTo: t.users.colleague });
});

afterAll(async () => {
  await t?.close();
});

describe('the measures page reads allocations once', () => {
  it('the workers’ figures from the children’s allocations are those read afresh, with no statement of their own for allocations', async () => {
    // Statements reading the allocation table (the SQL's text is in the statement's tree).
    let statements = 0;
    const counted = t.ctx.db.withPlugin({
      transformQuery: (args) => {
        if (/FROM allocation /.test(JSON.stringify(args.node))) statements++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const period = defaultPeriod(TEST_TODAY);
    const afresh = await workerCatalogueFigures(counted, period);
    expect(statements).toBe(1);
    const { allocations } = await catalogueFiguresAndAllocations(t.ctx.db, period, TEST_TODAY);
    statements = 0;
    const shared = await workerCatalogueFigures(counted, period, Promise.resolve(allocations));
    expect(shared).toEqual(afresh);
    expect(afresh.find((m) => m.id === 'social-worker-caseload')).toMatchObject({ numerator: 3, denominator: 2, text: '1.5' });
    expect(statements).toBe(0);
  });
});
