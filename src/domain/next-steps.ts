/**
 * The next three things to do after setup, from what the tracker has so far:
 * the end of setup's dialog and of the sidebar's setup result, so a new
 * tracker never leaves its owner wondering what comes next. Pure.
 */
export interface TrackerBeginnings {
  partners: number;
  /** Commission rules that pay (Active not No), besides setup's inactive example. */
  activeRules: number;
  hasPartnerForm: boolean;
  /** Team members besides the owner. */
  teammates: number;
  leads: number;
}

export interface NextStep {
  text: string;
  /** The tab the step happens in, when it happens in the grid (the dialog opens it). */
  tab?: string;
}

export function nextSteps(b: TrackerBeginnings): NextStep[] {
  const steps: NextStep[] = [];
  if (b.partners === 0)
    steps.push({
      text: 'Add your partners: type or paste them into the Partners tab (IDs are assigned for you), or use Import in the sidebar to bring an existing sheet or CSV file.',
      tab: 'Partners',
    });
  if (b.activeRules === 0)
    steps.push({
      text: 'Say how partners are paid: add a rule in the sidebar (Payouts › Commission rules) or in the Commission Rules tab; its inactive example row shows every column filled in.',
      tab: 'Commission Rules',
    });
  if (!b.hasPartnerForm) steps.push({ text: 'Create the partner form (Extensions › Partnership Tracker › Create partner form) and send its link to your partners so they can register leads.' });
  if (b.teammates === 0) steps.push({ text: 'Add your team in the sidebar (Team): managers approve and pay, the partner team registers and moves leads.' });
  if (b.leads === 0) steps.push({ text: 'Register a first lead from the sidebar (Register) to see matching, protection and the pipeline at work.' });
  steps.push({ text: 'Open the sidebar (Extensions › Partnership Tracker › Open sidebar): its Home lists what needs attention each day.' });
  return steps.slice(0, 3);
}
