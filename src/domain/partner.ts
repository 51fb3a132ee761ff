import * as z from 'zod/mini';
import { lazy } from './lazy';
import { PARTNER_STATUSES, PARTNER_TIERS, PARTNER_TYPES, PartnerStatus, PartnerTier, PartnerType } from './enums';
import { optionalIsoDate, optionalText, requiredEmail, requiredText } from './fields';

/**
 * A partner of the programme, as the Partners tab holds it, and the input the
 * sidebar sends to add or edit one. The partner code is what a partner types
 * into the lead form, so it is short, unambiguous and unique (case-insensitive).
 */
export const PARTNER_CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]{1,23}$/;

/** How codes compare: partners type them in any case, with stray spaces. */
export function normalisePartnerCode(code: string): string {
  return code.trim().toUpperCase();
}

export const PARTNER_INPUT_SCHEMA = /* @__PURE__ */ lazy(() =>
  z.object({
    /** Blank to add a new partner; P-000001 to edit one. */
    id: z._default(z.string().check(z.trim(), z.regex(/^(P-\d{6,})?$/, { error: 'Partner ID must look like P-000001' })), ''),
    name: requiredText('Name', 120),
    code: z.pipe(
      requiredText('Partner code', 24),
      z.pipe(
        z.transform((s: string) => normalisePartnerCode(s)),
        z.string().check(z.regex(PARTNER_CODE_PATTERN, { error: 'Partner code must be 2–24 letters, digits, "-" or "_", starting with a letter or digit' })),
      ),
    ),
    contactName: optionalText('Contact name', 120),
    contactEmail: requiredEmail('Contact email'),
    type: z.enum(PARTNER_TYPES, { error: `Type must be one of ${PARTNER_TYPES.join(', ')}` }),
    tier: z._default(z.enum(PARTNER_TIERS, { error: `Tier must be one of ${PARTNER_TIERS.join(', ')}` }), 'Registered'),
    region: optionalText('Region', 100),
    productFocus: optionalText('Product focus', 100),
    status: z._default(z.enum(PARTNER_STATUSES, { error: `Status must be one of ${PARTNER_STATUSES.join(', ')}` }), 'Active'),
    /** Blank means today. */
    joinedOn: optionalIsoDate('Joined'),
    notes: optionalText('Notes', 2000),
  }),
);

export type PartnerInput = z.input<typeof PARTNER_INPUT_SCHEMA>;
export type ValidPartnerInput = z.output<typeof PARTNER_INPUT_SCHEMA>;

export interface Partner {
  id: string;
  name: string;
  code: string;
  contactName: string;
  contactEmail: string;
  type: PartnerType | '';
  tier: PartnerTier | '';
  region: string;
  productFocus: string;
  status: PartnerStatus | '';
  /** YYYY-MM-DD or ''. */
  joinedOn: string;
  notes: string;
}
