export const SIDEBAR_FILE = 'Sidebar';
export const SIDEBAR_TITLE = 'Partnership Tracker';

/** Views a menu item may open the sidebar at (the sidebar checks the name too). */
export type SidebarStartView = 'payouts';

export function showSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(SIDEBAR_TITLE);
  SpreadsheetApp.getUi().showSidebar(html);
}

/**
 * The sidebar, opened at one of its views: a marker element after the page, which the shell reads once
 * the page has been parsed (sidebar/main.ts). The view name is one of ours, never user text.
 */
export function showSidebarAt(view: SidebarStartView): void {
  const html = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(SIDEBAR_TITLE).append(`<div id="start-view" data-view="${view}" hidden></div>`);
  SpreadsheetApp.getUi().showSidebar(html);
}
