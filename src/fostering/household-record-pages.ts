// The pages that correct and delete a household's record (household-records.ts): a correction form
// (the fields as they should be, the reason, the version seen) and a deletion form (the reason), both
// captioned with the household and back to its page, audited as the record's update and deletion.
// A kind gives its titles and fields; the rest is the same for every record a household keeps.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AppContext } from '../server/context.ts';
import type { Values } from '../server/child-pages.ts';
import { Deletion } from '../server/child-pages.ts';
import { userOf } from '../server/guard.ts';
import type { RecordFormSaved } from '../server/record-form.ts';
import { backToHousehold, householdForm, householdPath, idInPath, type Field } from './household-form.ts';
import { idParamOf, type HouseholdRecordKind } from './household-records.ts';
import { householdName } from './placing.ts';
import type { householdOf } from './service.ts';

type Household = Awaited<ReturnType<typeof householdOf>>;

export interface HouseholdRecordPagesDef<B extends { h: Household }, R extends { id: string }> {
  /** The household, and what the forms choose from (its members, its staff). */
  load: (request: FastifyRequest) => Promise<B>;
  correct: {
    dates?: readonly string[];
    /** The fields' first values: the record as it is (with its version). */
    initial: (record: R) => Values;
    title: (d: B & { record: R }) => string;
    intro?: string;
    fields: (d: B & { record: R }) => Field[];
    /** A record whose own field is called "reason" (a risk assessment) asks the correction's reason under this name. */
    reasonField?: string;
  };
  remove: {
    /** The step's last path segment: 'delete' unless said ('withdraw'). */
    step?: string;
    title: (d: B & { record: R }) => string;
    intro: string;
    /** The reason's question: "Why are you deleting it?" unless said. */
    question?: string;
    button: string;
  };
}

export function householdRecordPages<P extends z.ZodType<Record<string, string>>, C extends z.ZodType, R extends { id: string; version: number }, B extends { h: Household }>(
  app: FastifyInstance,
  ctx: AppContext,
  kind: HouseholdRecordKind<P, C, R>,
  def: HouseholdRecordPagesDef<B, R>,
): void {
  const path = `/fostering/households/:householdId/${kind.path}`;
  type D = B & { record: R };
  const load = async (request: FastifyRequest): Promise<D> => {
    const base = await def.load(request);
    const id = idInPath(request, idParamOf(kind), kind.missing);
    return { ...base, record: await kind.find(ctx.db, base.h.id, id) };
  };
  const frame = ({ h }: D) => ({ caption: householdName(h), back: backToHousehold(h) });
  const saved = ({ h, record }: D, action: 'update' | 'delete'): RecordFormSaved => ({ next: householdPath(h.id), action, objectType: kind.objectType, objectId: record.id });
  const { correct, remove } = def;

  householdForm(app, ctx, {
    path: `${path}/change`,
    load,
    householdOf: (d) => d.h.id,
    schema: kind.correction,
    ...(correct.dates ? { dates: correct.dates } : {}),
    initial: (d) => correct.initial(d.record),
    view: (d) => ({
      title: correct.title(d),
      ...frame(d),
      ...(correct.intro ? { intro: correct.intro } : {}),
      correcting: true,
      ...(correct.reasonField ? { correctionReasonField: correct.reasonField } : {}),
      fields: correct.fields(d),
      button: 'Save correction',
    }),
    save: async (input, request, d) => {
      await kind.correct(ctx.db, userOf(request), d.h.id, d.record.id, input, ctx.time.today());
      return saved(d, 'update');
    },
  });

  // A deletion that asks the version seen sends it back (a member corrected meanwhile is not deleted unseen).
  householdForm(app, ctx, {
    path: `${path}/${remove.step ?? 'delete'}`,
    load,
    householdOf: (d) => d.h.id,
    schema: kind.deletion ?? Deletion,
    initial: (d) => (kind.deletion ? { version: d.record.version } : {}),
    view: (d) => ({
      title: remove.title(d),
      ...frame(d),
      intro: remove.intro,
      keepsVersion: kind.deletion !== undefined,
      fields: [{ type: 'textarea', name: 'reason', label: remove.question ?? 'Why are you deleting it?' }],
      button: remove.button,
    }),
    save: async (input: z.output<typeof Deletion> & { version?: number | undefined }, request, d) => {
      await kind.remove(ctx.db, userOf(request), d.h.id, d.record.id, input.reason, input.version);
      return saved(d, 'delete');
    },
  });
}
