import type { ViewFactories } from './app';
import { callServer } from './server';

/**
 * The views after Home arrive as text from one google.script.run call (apiGetSidebarViews reads
 * the project file SidebarViews.html) and run as an inline <script> element. Google's HtmlService
 * serves every sidebar in its IFRAME sandbox (allow-scripts, allow-same-origin…; Google's "HTML
 * Service: Restrictions" guide): inline scripts run there (the sidebar itself is one); what must
 * come over HTTPS is active content loaded from a URL, and this loads none. Nothing here uses
 * eval or new Function, which a stricter policy could forbid where it allows inline scripts.
 */
export const VIEWS_GLOBAL = 'PartnershipTrackerViews';

let loading: Promise<ViewFactories> | null = null;

/** The deferred views' factories: fetched and run once; after a failure the next call tries again. */
export function loadViews(): Promise<ViewFactories> {
  if (!loading) {
    const attempt = fetchViews();
    loading = attempt;
    attempt.catch(() => {
      if (loading === attempt) loading = null;
    });
  }
  return loading;
}

async function fetchViews(): Promise<ViewFactories> {
  const text = await callServer('apiGetSidebarViews');
  const script = document.createElement('script');
  // Runs as soon as it is in the document (an inline classic script), before append returns.
  script.textContent = text;
  document.head.append(script);
  script.remove();
  const views = (window as unknown as Record<string, { FACTORIES?: ViewFactories } | undefined>)[VIEWS_GLOBAL]?.FACTORIES;
  if (!views) throw new Error('The rest of the sidebar arrived but did not start. Close the sidebar and open it again.');
  return views;
}
