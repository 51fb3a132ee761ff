import { cleanText } from './cell-text';
import { parseMoney } from './money';

/**
 * Programme settings, as the Settings tab holds them: one labelled row each.
 * The tab is edited by people, so every value is parsed and a bad one is
 * reported with its label and what is wrong. The tracker then uses that
 * setting's documented default (SETTING_DEFS) and says so — never 0 for a
 * blank number: a blank holding period once made commissions payable on the
 * close date. The edit trigger refuses such a value when it is typed
 * (checkSettingValue). Plain functions, not zod: every kind of execution
 * reads the settings, and most need no other schema (each group of the
 * bundle then carries no zod; scripts/server-groups.mjs).
 */
export interface SettingDef<K extends string = string> {
  key: K;
  label: string;
  defaultValue: string;
  description: string;
  /** The value setup writes when it adds the row to a tracker that existed before the setting (an upgrade), where that differs from a new tracker's. */
  upgradeValue?: string;
}

type SettingParse<T> = { ok: true; value: T } | { ok: false; reason: string };
type SettingRule<T> = (text: string) => SettingParse<T>;
const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/** Settings text as the tab shows it: cleaned and trimmed; refused when blank unless the setting may be blank. Then each check, in order. */
const settingText =
  (mayBeBlank: boolean, ...checks: Array<(s: string) => SettingParse<string>>): SettingRule<string> =>
  (raw) => {
    let s = cleanText(raw).trim();
    if (!mayBeBlank && s === '') return fail('is blank');
    for (const check of checks) {
      const r = check(s);
      if (!r.ok) return r;
      s = r.value;
    }
    return { ok: true, value: s };
  };
const maxLength = (max: number) => (s: string) => (s.length <= max ? { ok: true as const, value: s } : fail(`must be at most ${max} characters`));
const matching = (pattern: RegExp, reason: string) => (s: string) => (pattern.test(s) ? { ok: true as const, value: s } : fail(reason));
const upperCase = (s: string) => ({ ok: true as const, value: s.toUpperCase() });
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** A whole number in range, checked as a number typed; the first thing wrong is said. */
function inRange(n: number, min: number, max: number, notANumber: string): SettingParse<number> {
  if (Number.isNaN(n)) return fail(notANumber);
  if (!Number.isInteger(n)) return fail('must be a whole number');
  if (n < min) return fail(`must be at least ${min}`);
  if (n > max) return fail(`must be at most ${max}`);
  return { ok: true, value: n };
}

/** A whole number from min to max, as typed ("30", "30.0"); blank is refused, never read as 0. */
const wholeNumber =
  (min: number, max: number): SettingRule<number> =>
  (raw) => {
    const t = settingText(false)(raw);
    return t.ok ? inRange(NUMBER.test(t.value) ? Number(t.value) : NaN, min, max, 'must be a number') : t;
  };

/** A number of days from 0 to max, where blank (or 0) means never. */
const daysOrNever =
  (max: number): SettingRule<number> =>
  (raw) => {
    const t = settingText(true)(raw);
    if (!t.ok) return t;
    return inRange(t.value === '' ? 0 : NUMBER.test(t.value) ? Number(t.value) : NaN, 0, max, 'must be a number of days, or blank for never');
  };

/** An amount of money in the programme's currency (a number of whole units, two decimals at most), within the money bound. */
const moneyAmount = (): SettingRule<number> => (raw) => {
  const t = settingText(false)(raw);
  if (!t.ok) return t;
  const parsed = parseMoney('', t.value, false);
  if (parsed.ok && parsed.cents !== null) return { ok: true, value: parsed.cents / 100 };
  // parseMoney's messages start with the label; here the label is said before the message.
  return fail(parsed.ok ? 'is blank' : parsed.message.trim());
};

/** Yes or No, in any case; blank is refused, never read as either. */
const yesNo = (): SettingRule<boolean> => (raw) => {
  const t = settingText(false, matching(/^(yes|no)$/i, 'must be Yes or No'))(raw);
  return t.ok ? { ok: true, value: t.value.toLowerCase() === 'yes' } : t;
};

/** Monthly, Quarterly or Off, in any case; blank is refused. */
const tierCadence = (): SettingRule<'Monthly' | 'Quarterly' | 'Off'> => (raw) => {
  const t = settingText(false, matching(/^(monthly|quarterly|off)$/i, 'must be Monthly, Quarterly or Off'))(raw);
  return t.ok ? { ok: true, value: (t.value[0].toUpperCase() + t.value.slice(1).toLowerCase()) as 'Monthly' | 'Quarterly' | 'Off' } : t;
};

/** One rule per setting, so each is parsed on its own and a broken one never hides another. */
const SETTING_RULES = {
  programmeName: settingText(false, maxLength(100)),
  currency: settingText(false, upperCase, matching(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as USD')),
  protectionDays: wholeNumber(1, 365),
  expiryReminderDays: wholeNumber(0, 60),
  holdingDays: wholeNumber(0, 365),
  minimumPayout: moneyAmount(),
  payoutSchedule: settingText(false, matching(/^(monthly|weekly)$/i, 'must be Monthly or Weekly')),
  payoutDay: settingText(
    false,
    matching(
      /^([1-9]|1\d|2[0-8]|mon(day)?|tue(sday)?|wed(nesday)?|thu(rsday)?|fri(day)?|sat(urday)?|sun(day)?)$/i,
      'must be a day of the month from 1 to 28 (Monthly) or a weekday such as Monday (Weekly)',
    ),
  ),
  payoutHour: wholeNumber(0, 23),
  dailyHour: wholeNumber(0, 23),
  archiveLeadsAfterDays: daysOrNever(3650),
  partnerFormId: settingText(true),
  partnerFormUrl: settingText(true),
  partnerFormEditUrl: settingText(true),
  verifyPartnerEmails: yesNo(),
  partnerTermsVersion: settingText(false, maxLength(40)),
  partnerTermsUrl: settingText(true, maxLength(2000)),
  applicationFormUrl: settingText(true),
  applicationFormEditUrl: settingText(true),
  applicationFormId: settingText(true),
  partnerSheetsFolderUrl: settingText(true),
  tierReview: tierCadence(),
};

export type Settings = { [K in keyof typeof SETTING_RULES]: (typeof SETTING_RULES)[K] extends SettingRule<infer T> ? T : never };
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
  {
    key: 'dailyHour',
    label: 'Daily work hour',
    defaultValue: '6',
    description: 'The hour (0–23, spreadsheet time zone) from which the hourly run does the once-a-day work: the digest, Check tracker, the nightly Dashboard and partner sheets.',
  },
  {
    key: 'archiveLeadsAfterDays',
    label: 'Archive closed leads after (days)',
    defaultValue: '',
    description:
      'Blank or 0: never. Closed leads (won, lost, rejected, expired, refunded) whose commissions are all paid or void move, this many days after their last change, to a yearly "Leads" archive spreadsheet (linked below) in the owner\'s daily run.',
  },
  { key: 'partnerFormUrl', label: 'Partner form link', defaultValue: '', description: 'Send this link to partners. Set by "Create partner form".' },
  { key: 'partnerFormEditUrl', label: 'Partner form edit link', defaultValue: '', description: 'Where the team edits the form. Set by "Create partner form".' },
  { key: 'partnerFormId', label: 'Partner form ID', defaultValue: '', description: 'Set by "Create partner form"; do not edit.' },
  {
    key: 'verifyPartnerEmails',
    label: 'Verify partner emails',
    defaultValue: 'Yes',
    description:
      "Yes: the partner form records each respondent's verified Google account, and accepts a partner's code only from one of that partner's contact emails (Partners tab). No: for partners without Google accounts; anyone who knows a partner's code can then register leads as that partner. Run \"Create partner form\" again after changing it: that applies it to the form.",
  },
  {
    key: 'partnerTermsVersion',
    label: 'Partner terms version',
    defaultValue: '1',
    description: 'The version of the programme terms applicants accept (recorded with each acceptance). Change it when the terms change.',
  },
  { key: 'partnerTermsUrl', label: 'Partner terms link', defaultValue: '', description: 'Where the programme terms are published: linked from the application form and the welcome email.' },
  { key: 'applicationFormUrl', label: 'Application form link', defaultValue: '', description: 'The "Become a partner" form: publish this link. Set by "Create application form".' },
  { key: 'applicationFormEditUrl', label: 'Application form edit link', defaultValue: '', description: 'Where the team edits the application form. Set by "Create application form".' },
  { key: 'applicationFormId', label: 'Application form ID', defaultValue: '', description: 'Set by "Create application form"; do not edit.' },
  {
    key: 'partnerSheetsFolderUrl',
    label: 'Partner sheets folder',
    defaultValue: '',
    description: "The folder in the owner's Drive that holds each partner's private sheet. Set by the tracker; do not edit.",
  },
  {
    key: 'tierReview',
    label: 'Tier review',
    defaultValue: 'Monthly',
    // An upgraded tracker's tiers were set by hand against no thresholds: the review waits until a manager has checked the Tiers tab.
    upgradeValue: 'Off',
    description:
      "Monthly, Quarterly or Off. The owner's hourly run reviews every partner once a month (or quarter) against the Tiers tab: up at once when a higher tier's thresholds are met, down once the tier's grace has passed. Pinned partners never move.",
  },
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
  key: SettingKey;
  label: string;
  /** What is wrong, said after the label: "is blank", "must be a number", "must be at most 23". */
  reason: string;
  /** The value the tracker uses instead: the setting's documented default. */
  usedDefault: string;
  /** The reason and what the tracker does, said after the label: "is blank: using the default, 30". */
  message: string;
}

export type SettingsResult = { ok: true; settings: Settings } | { ok: false; problems: SettingsProblem[]; settings: Settings };

/** The first thing wrong with a setting's text, or its value. */
function parseOne(key: SettingKey, text: string): SettingParse<unknown> {
  return (SETTING_RULES[key] as SettingRule<unknown>)(text);
}

/**
 * Parses label → text pairs read from the tab. A missing row takes its default (setup adds the
 * row). A blank or invalid value also takes its default, and is reported: one problem per such
 * setting, in the tab's order, naming the setting, what is wrong and the default used
 * ("Commission holding period (days)" + "is blank: using the default, 30"). `settings` is
 * always complete and valid.
 */
export function parseSettings(rows: ReadonlyMap<string, string>): SettingsResult {
  const settings: Record<string, unknown> = {};
  const problems: SettingsProblem[] = [];
  for (const def of SETTING_DEFS) {
    const text = rows.get(def.label);
    const parsed = parseOne(def.key, text ?? def.defaultValue);
    if (parsed.ok) {
      settings[def.key] = parsed.value;
      continue;
    }
    const fallback = parseOne(def.key, def.defaultValue);
    if (!fallback.ok) throw new Error(`internal: the default of ${def.label} does not parse: ${fallback.reason}`);
    settings[def.key] = fallback.value;
    const shown = def.defaultValue === '' ? 'blank' : def.defaultValue;
    problems.push({ key: def.key, label: def.label, reason: parsed.reason, usedDefault: def.defaultValue, message: `${parsed.reason}: using the default, ${shown}` });
  }
  return problems.length ? { ok: false, problems, settings: settings as Settings } : { ok: true, settings: settings as Settings };
}

/**
 * For the edit trigger: whether a value typed into a Settings row can stand. `setting` is the
 * row's label (as the tab shows it) or the setting's key; `value` is what the cell holds. null =
 * fine (and for a row that is not a setting); otherwise the sentence to show, which names the
 * setting: "Commission holding period (days) is blank: type a value (the default is 30)",
 * "Payout hour must be at most 23".
 */
export function checkSettingValue(setting: string, value: unknown): string | null {
  const def = SETTING_DEFS.find((d) => d.label === setting.trim() || d.key === setting);
  if (!def) return null;
  const text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  const parsed = parseOne(def.key, text);
  if (parsed.ok) return null;
  if (parsed.reason === 'is blank') return `${def.label} is blank: type a value (the default is ${def.defaultValue})`;
  return `${def.label} ${parsed.reason}`;
}
