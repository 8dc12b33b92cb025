import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Give a date as YYYY-MM-DD');

export const PeriodQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** One team's figure and children (a team the user belongs to or manages; any for analysts and leaders). */
  team: z.guid().optional(),
});

export const MeasureParams = z.object({ measureId: z.string().regex(/^[a-z0-9-]+$/) });
