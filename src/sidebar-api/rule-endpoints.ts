import * as z from 'zod/mini';
import { lazy } from '../domain/lazy';
import { RULE_DRAFT_FIELDS } from '../domain/commissions/rules';
import { listRules, saveRule } from '../commissions/rule-store';
import { trackerContext } from '../tracker/context';
import { RulesList, SaveRuleResult } from './contract';
import { endpoint, NO_ARGUMENTS, writeEndpoint } from './endpoint';

/**
 * The sidebar's rule builder. zod checks the shape (every field text, bounded); what the
 * fields mean is checked by checkRuleDraft inside saveRule, the check the builder runs in the
 * browser and the Commission Rules tab's rows get.
 */
const SOURCE = 'sidebar';

const DRAFT = /* @__PURE__ */ lazy(() =>
  z.object(
    Object.fromEntries(RULE_DRAFT_FIELDS.map((key) => [key, z.string({ error: `${key} must be text` }).check(z.maxLength(key === 'notes' ? 10000 : 1000, { error: `${key} is too long` }))])) as Record<
      (typeof RULE_DRAFT_FIELDS)[number],
      z.ZodMiniString<string>
    >,
  ),
);

export const apiListRules = /* @__PURE__ */ endpoint(NO_ARGUMENTS, (): RulesList => listRules(trackerContext(SOURCE)));

export const apiSaveRule = /* @__PURE__ */ writeEndpoint(
  () => z.tuple([DRAFT]),
  (draft): SaveRuleResult => saveRule(trackerContext(SOURCE), draft),
);
