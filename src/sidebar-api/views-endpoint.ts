import { endpoint, NO_ARGUMENTS } from './endpoint';

/** The project file with the sidebar's views after Home (scripts/build.mjs writes build/SidebarViews.html from sidebar/views.ts). */
export const SIDEBAR_VIEWS_FILE = 'SidebarViews';

/**
 * The sidebar's other views, as script text: Sidebar.html carries only the shell and Home, and
 * fetches this once Home is usable (sidebar/deferred.ts). The raw file, as the public suffix list
 * is read: a template's raw content is never evaluated, so nothing in the script is taken for a
 * scriptlet. Reads nothing of the tracker, so anyone who can open the sidebar may call it.
 */
export const apiGetSidebarViews = /* @__PURE__ */ endpoint(NO_ARGUMENTS, (): string => {
  try {
    return HtmlService.createTemplateFromFile(SIDEBAR_VIEWS_FILE).getRawContent();
  } catch (e) {
    // Apps Script code's ES2020 types have no Error `cause` option.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(`Could not read the sidebar's views (${SIDEBAR_VIEWS_FILE}.html): ${e instanceof Error ? e.message : String(e)} Try again; if it keeps failing, push build/ again (npm run push).`);
  }
});
