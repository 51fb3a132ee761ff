/**
 * Every google.script.run endpoint, under the name the sidebar calls it by: the
 * one list of them. src/index.ts exposes all of it to Apps Script, and the
 * sidebar's SidebarApi type (contract.ts) is computed from it, so renaming an
 * endpoint or changing its arguments fails to compile in the sidebar. Each
 * endpoint says where it is defined whether it is a write (writeEndpoint).
 * Nothing but endpoints may be exported here: each export becomes callable.
 */
export { apiGetOverview, apiRunSetup } from './tracker-endpoints';
export { apiGetAttention } from './attention-endpoint';
export { apiGetSidebarViews } from './views-endpoint';
export { apiListPartners, apiSavePartner, apiGetRegistrationOptions, apiRegisterLead, apiListLeads, apiMoveLead } from './lead-endpoints';
export { apiListApprovals, apiApproveCommissions, apiVoidCommissions } from './commission-endpoints';
export { apiPreviewPayouts, apiGetPayouts, apiRunPayouts, apiApprovePayouts, apiMarkPayoutsPaid, apiExportPayouts } from './payout-endpoints';
export { apiExportPayoutFiles, apiImportPayoutResults } from './payout-file-endpoints';
export { apiGetTeam, apiAddTeamMember, apiRemoveTeamMember, apiTakeOverAutomation } from './team-endpoints';
export { apiListInbox, apiReprocessInboxResponse, apiDismissInboxResponse } from './inbox-endpoints';
export { apiListImportTabs, apiReadImportTab, apiPreviewImport, apiImportBatch, apiPreviewLeadImport, apiImportLeadBatch } from './import-endpoints';
export { apiListRules, apiSaveRule } from './rule-endpoints';
export { apiGetSimulatorOptions, apiSimulatePlan, apiExportSimulation, apiSaveSimulatorScenario, apiDeleteSimulatorScenario } from './simulator-endpoints';
export { apiCheckTracker, apiListRowProblems } from './adoption-endpoints';
export { apiListApplications, apiApproveApplication, apiRejectApplication } from './application-endpoints';
export { apiGetAnnouncementOptions, apiPreviewAnnouncement, apiSendAnnouncement } from './announcement-endpoints';
export { apiGetInsights, apiGetScorecard } from './insight-endpoints';
export { apiListWebhooks, apiAddWebhook, apiRollWebhookSecret, apiSetWebhookActive, apiSendWebhookTest } from './webhook-endpoints';
export { apiGetHubSpot, apiConnectHubSpot, apiDisconnectHubSpot } from './hubspot-endpoints';
