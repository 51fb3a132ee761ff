import type { ViewFactories } from './app';
import { createApprovalsView } from './views/approvals';
import { createLeadsView } from './views/leads';
import { createPartnersView } from './views/partners';
import { createPayoutsView } from './views/payouts';
import { createRegisterView } from './views/register';
import { createTeamView } from './views/team';
import { createInboxView } from './views/inbox';
import { createImportView } from './views/import';
import { createRulesView } from './views/rules';
import { createApplicationsView } from './views/applications';
import { createAnnouncementsView } from './views/announcements';
import { createInsightsView } from './views/insights';
import { createSimulatorView } from './views/simulator';
import { createScorecardView } from './views/scorecard';
import { createWebhooksView } from './views/webhooks';
import { createHubSpotView } from './views/hubspot';

/**
 * Every view but Home: the entry of build/SidebarViews.html, which the shell (main.ts) fetches
 * with one google.script.run call once Home is usable and runs as a script (deferred.ts). The
 * modules the shell already has (shell-modules.ts) are the shell's own, not copies.
 */
export const FACTORIES: ViewFactories = {
  register: createRegisterView,
  leads: createLeadsView,
  partners: createPartnersView,
  approvals: createApprovalsView,
  payouts: createPayoutsView,
  team: createTeamView,
  inbox: createInboxView,
  import: createImportView,
  rules: createRulesView,
  applications: createApplicationsView,
  announcements: createAnnouncementsView,
  insights: createInsightsView,
  simulator: createSimulatorView,
  scorecard: createScorecardView,
  webhooks: createWebhooksView,
  hubspot: createHubSpotView,
};
