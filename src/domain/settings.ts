import * as z from 'zod/mini';

/**
 * Programme settings, as the Settings tab holds them: one labelled row each.
 * The tab is edited by people, so every value is parsed with zod and a bad one
 * is reported with its label and what is wrong — never silently defaulted.
 */
export interface SettingDef<K extends string = string> {
  key: K;
  label: string;
  defaultValue: string;
  description: string;
}

const wholeNumber = (min: number, max: number) =>
  z.coerce.number({ error: 'must be a number' }).check(
    z.int({ error: 'must be a whole number' }),
    z.gte(min, { error: `must be at least ${min}` }),
    z.lte(max, { error: `must be at most ${max}` }),
  );

export const SETTINGS_SCHEMA = z.object({
  programmeName: z.string().check(z.trim(), z.minLength(1, { error: 'must not be empty' }), z.maxLength(100, { error: 'must be at most 100 characters' })),
  currency: z.string().check(z.trim(), z.toUpperCase(), z.regex(/^[A-Z]{3}$/, { error: 'must be a three-letter ISO 4217 code such as USD' })),
  protectionDays: wholeNumber(1, 365),
  expiryReminderDays: wholeNumber(0, 60),
  holdingDays: wholeNumber(0, 365),
  minimumPayout: z.coerce.number({ error: 'must be a number' }).check(z.gte(0, { error: 'must not be negative' })),
  payoutSchedule: z.string().check(z.trim(), z.regex(/^(monthly|weekly)$/i, { error: 'must be Monthly or Weekly' })),
  payoutDay: z.string().check(z.trim(), z.regex(/^([1-9]|1\d|2[0-8]|mon(day)?|tue(sday)?|wed(nesday)?|thu(rsday)?|fri(day)?|sat(urday)?|sun(day)?)$/i, { error: 'must be a day of the month from 1 to 28 (Monthly) or a weekday such as Monday (Weekly)' })),
  payoutHour: wholeNumber(0, 23),
  partnerFormId: z.string().check(z.trim()),
  partnerFormUrl: z.string().check(z.trim()),
  partnerFormEditUrl: z.string().check(z.trim()),
});

export type Settings = z.infer<typeof SETTINGS_SCHEMA>;
export type SettingKey = keyof Settings;

export const SETTING_DEFS: readonly SettingDef<SettingKey>[] = [
  { key: 'programmeName', label: 'Programme name', defaultValue: 'Partner Programme', description: 'Shown in the sidebar, the partner form and emails.' },
  { key: 'currency', label: 'Currency', defaultValue: 'USD', description: 'ISO 4217 code. One currency per programme.' },
  { key: 'protectionDays', label: 'Deal protection window (days)', defaultValue: '90', description: 'How long an accepted registration protects the deal before it expires.' },
  { key: 'expiryReminderDays', label: 'Expiry reminder (days before)', defaultValue: '7', description: 'The daily digest lists leads expiring within this many days.' },
  { key: 'holdingDays', label: 'Commission holding period (days)', defaultValue: '30', description: 'Days after close before a commission becomes payable (rules may override).' },
  { key: 'minimumPayout', label: 'Minimum payout', defaultValue: '100', description: 'Balances below this carry over to the next period.' },
  { key: 'payoutSchedule', label: 'Payout schedule', defaultValue: 'Monthly', description: 'Monthly or Weekly. A run pays the previous month (or Monday–Sunday week).' },
  { key: 'payoutDay', label: 'Payout day', defaultValue: '1', description: 'Monthly: the day of the month (1–28). Weekly: the weekday, e.g. Monday.' },
  { key: 'payoutHour', label: 'Payout hour', defaultValue: '6', description: 'The hour (0–23, spreadsheet time zone) from which the run is due.' },
  { key: 'partnerFormUrl', label: 'Partner form link', defaultValue: '', description: 'Send this link to partners. Set by "Create partner form".' },
  { key: 'partnerFormEditUrl', label: 'Partner form edit link', defaultValue: '', description: 'Where the team edits the form. Set by "Create partner form".' },
  { key: 'partnerFormId', label: 'Partner form ID', defaultValue: '', description: 'Set by "Create partner form"; do not edit.' },
];

/**
 * Settings rows of schema 5 and before whose people moved to the Team tab in
 * schema 6: label → the role each listed email is given there.
 */
export const MOVED_TO_TEAM: ReadonlyArray<{ label: string; role: 'Manager' | 'Partner team' }> = [
  { label: 'Manager emails', role: 'Manager' },
  { label: 'Partner team emails', role: 'Partner team' },
];

export interface SettingsProblem {
  label: string;
  message: string;
}

export type SettingsResult = { ok: true; settings: Settings } | { ok: false; problems: SettingsProblem[]; settings: Settings };

/** Parses label → text pairs read from the tab; missing rows take their defaults. */
export function parseSettings(rows: ReadonlyMap<string, string>): SettingsResult {
  const raw: Record<string, string> = {};
  for (const def of SETTING_DEFS) raw[def.key] = rows.get(def.label) ?? def.defaultValue;
  const parsed = SETTINGS_SCHEMA.safeParse(raw);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const problems = parsed.error.issues.map((issue) => {
    const def = SETTING_DEFS.find((d) => d.key === issue.path[0]);
    return { label: def?.label ?? String(issue.path[0]), message: issue.message };
  });
  // Fall back to defaults only for the broken settings, so the rest still work; the problems are reported.
  const fallback: Record<string, string> = { ...raw };
  for (const p of parsed.error.issues) {
    const def = SETTING_DEFS.find((d) => d.key === p.path[0]);
    if (def) fallback[def.key] = def.defaultValue;
  }
  return { ok: false, problems, settings: SETTINGS_SCHEMA.parse(fallback) };
}
