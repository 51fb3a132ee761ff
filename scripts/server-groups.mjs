/**
 * Which exposed functions load together (scripts/split-bundle.mjs). An execution runs one
 * exposed function, so it loads build/Code.js (the loader) plus the files of that function's
 * group; functions of one kind of execution share a group (the sidebar's payout calls, the edit
 * and change triggers), and a group is split where its functions need different code (reading
 * leads needs no matching, registering one no commission engine), so each file stays under the
 * 150 KB an execution may load (tests/bundle/size.test.ts).
 * `eager` runs with no file read: onOpen may run in AuthMode NONE, where reading a project file
 * is not known to be allowed, and it only builds the menu. Every name src/index.ts exports must
 * be in exactly one group; the build fails otherwise.
 */
export const EAGER_GROUP = 'eager';

export const SERVER_GROUPS = {
  [EAGER_GROUP]: ['onOpen', 'onInstall'],
  // The menu's setup item, the sidebar's overview (its first call) and setup, and opening the sidebar.
  setup: ['menuSetUpTracker', 'menuOpenSidebar', 'apiGetOverview', 'apiRunSetup'],
  // Installable edit and change triggers: one cell typed into a tab.
  edits: ['onTrackerEdit', 'onTrackerChange'],
  // The partner form's submissions, and processing the ones a trigger missed (both register leads).
  form: ['onPartnerFormSubmit', 'menuProcessMissedResponses'],
  // Creating the partner form.
  formSetup: ['menuCreatePartnerForm'],
  // The sidebar's reads of partners and leads (the Leads view, the registration form's options).
  leads: ['apiListPartners', 'apiGetRegistrationOptions', 'apiListLeads'],
  // Registering a lead or a partner from the sidebar (matching, the public suffix list).
  register: ['apiSavePartner', 'apiRegisterLead'],
  // Moving a lead (Closed Won computes its commissions).
  moves: ['apiMoveLead'],
  // Approving and voiding commissions.
  approvals: ['apiListApprovals', 'apiApproveCommissions', 'apiVoidCommissions'],
  // Payouts, from the sidebar and the menu.
  payouts: ['menuRunPayouts', 'menuExportPayouts', 'apiPreviewPayouts', 'apiGetPayouts', 'apiRunPayouts', 'apiApprovePayouts', 'apiMarkPayoutsPaid', 'apiExportPayouts'],
  // Finance's payout files (issue 15): the PayPal, Wise and generic files, and a provider's result file read back (marks payouts Paid).
  payoutFiles: ['apiExportPayoutFiles', 'apiImportPayoutResults'],
  // The Team tab from the sidebar.
  team: ['apiGetTeam', 'apiAddTeamMember', 'apiRemoveTeamMember', 'apiTakeOverAutomation'],
  // The time-driven run (hourly, and the daily handler older installs still have).
  maintenance: ['onTrackerMaintenance', 'onDailyMaintenance'],
  // Verifying the audit log from the menu.
  audit: ['menuVerifyAuditLog'],
  // Home's attention list and headline numbers: reads a few columns of the busy tabs.
  attention: ['apiGetAttention'],
  // The sidebar's views after Home, fetched once Home is usable: only reads a project file.
  sidebarViews: ['apiGetSidebarViews'],
  // The sidebar's Form Inbox: re-processing a response runs the form's registration (matching, the partner's email).
  inbox: ['apiListInbox', 'apiReprocessInboxResponse', 'apiDismissInboxResponse'],
  // Importing from a file or a tab: reading the source, and partners and rules (the preview, each batch).
  import: ['apiListImportTabs', 'apiReadImportTab', 'apiPreviewImport', 'apiImportBatch'],
  // Importing leads (matching, the commission lines of won deals): the preview and each batch.
  importLeads: ['apiPreviewLeadImport', 'apiImportLeadBatch'],
  // The rule builder: listing the rules and saving one (the commission rules' check, no engine).
  rules: ['apiListRules', 'apiSaveRule'],
  // The Plan simulator: replays a plan on a past period's won deals (the engine's pure functions, no writes to Commissions) and exports the comparison.
  simulator: ['apiGetSimulatorOptions', 'apiSimulatePlan', 'apiExportSimulation', 'apiSaveSimulatorScenario', 'apiDeleteSimulatorScenario'],
  // Check tracker (menu, sidebar): adopting or explaining rows typed into Partners, Leads, Commission Rules and Lists; the rows needing attention.
  adoption: ['menuCheckTracker', 'apiCheckTracker', 'apiListRowProblems'],
  // Creating the "Become a partner" form.
  applicationFormSetup: ['menuCreateApplicationForm'],
  // The sidebar's Applications view: listing partner applications, approving (makes the partner) or rejecting one.
  applications: ['apiListApplications', 'apiApproveApplication', 'apiRejectApplication'],
  // Announcements to a segment of partners: the view's options, who a segment matches, and sending (the Mail Queue).
  announcements: ['apiGetAnnouncementOptions', 'apiPreviewAnnouncement', 'apiSendAnnouncement'],
  // The sidebar's Insights view and partner scorecards: one batched read of the tabs and the metrics (src/insights), nothing written.
  insights: ['apiGetInsights', 'apiGetScorecard'],
  // The owner's "Refresh partner sheets" (issue 13): the hourly run's partner sheets step, run now.
  partnerSheets: ['menuRefreshPartnerSheets'],
  // The Dashboard refreshed from the menu (issue 14): one read of the tabs, the figures, one write and the charts.
  dashboard: ['menuRefreshDashboard'],
  // The sidebar's Webhooks view (issue 15): listing endpoints, adding one and rolling its secret (shown once), turning one off, a test event sent now.
  webhooks: ['apiListWebhooks', 'apiAddWebhook', 'apiRollWebhookSecret', 'apiSetWebhookActive', 'apiSendWebhookTest'],
  // The sidebar's HubSpot view (issue 15): the sync's state, connecting the owner's private app (one test search) and disconnecting.
  hubspot: ['apiGetHubSpot', 'apiConnectHubSpot', 'apiDisconnectHubSpot'],
};

/** The group of each exposed name; throws unless the groups cover `exposed` exactly once each. */
export function groupOfEachName(exposed) {
  const groupOf = new Map();
  for (const [group, names] of Object.entries(SERVER_GROUPS)) {
    for (const name of names) {
      if (groupOf.has(name)) throw new Error(`scripts/server-groups.mjs lists ${name} in both ${groupOf.get(name)} and ${group}`);
      groupOf.set(name, group);
    }
  }
  const missing = exposed.filter((n) => !groupOf.has(n));
  if (missing.length) throw new Error(`src/index.ts exposes ${missing.join(', ')}, which no group in scripts/server-groups.mjs loads: add each to the group of executions like it`);
  const extra = [...groupOf.keys()].filter((n) => !exposed.includes(n));
  if (extra.length) throw new Error(`scripts/server-groups.mjs lists ${extra.join(', ')}, which src/index.ts does not export`);
  return groupOf;
}
