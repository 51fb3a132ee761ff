import type { RegistrationOptions } from '../src/sidebar-api/contract';

/** What every view may ask of the sidebar shell. */
export type ViewName =
  | 'home'
  | 'register'
  | 'leads'
  | 'partners'
  | 'approvals'
  | 'payouts'
  | 'team'
  | 'inbox'
  | 'import'
  | 'rules'
  | 'announcements'
  | 'applications'
  | 'insights'
  | 'scorecard'
  | 'simulator'
  | 'webhooks'
  | 'hubspot';

export interface App {
  /** Switches view; `focusHeading` moves focus to the new view's heading (for in-page links). */
  go(view: ViewName, focusHeading?: boolean): void;
  /** Says something to screen readers (the shell's polite live region). */
  announce(message: string): void;
  /** Partners, products, regions, currency and today, cached until `fresh` or invalidated. */
  options(fresh?: boolean): Promise<RegistrationOptions>;
  /** Drops the cached options (after setup or a partner change). */
  invalidateOptions(): void;
  /** The first view is usable: the shell loads the other views' code in the background (once). */
  ready(): void;
}

/** The views whose code arrives after the first view (build/SidebarViews.html, from views.ts). */
export type DeferredViewName = Exclude<ViewName, 'home'>;
export type ViewFactories = Record<DeferredViewName, (app: App) => View>;

export interface View {
  readonly el: HTMLElement;
  /** Called each time the view is shown; views refresh their data here. */
  show(): void;
}
