import { verifyAuditLog } from './verify';

/** Menu "Verify audit log": checks the log's chain, and a receipt from an email if one is pasted. */
export function menuVerifyAuditLog() {
  const ui = SpreadsheetApp.getUi();
  // A receipt from a digest or payout summary email proves the log still holds what it held then.
  const asked = ui.prompt('Verify audit log', 'To check a receipt from an email ("Audit receipt: N rows · …"), paste it here. Leave it empty to check the log alone.', ui.ButtonSet.OK_CANCEL);
  if (asked.getSelectedButton() === ui.Button.CANCEL) return;
  const report = verifyAuditLog(SpreadsheetApp.getActiveSpreadsheet(), PropertiesService.getDocumentProperties(), asked.getResponseText());
  ui.alert('Audit log', report.receipt ? `${report.message}\n\nReceipt: ${report.receipt.message}` : report.message, ui.ButtonSet.OK);
}
