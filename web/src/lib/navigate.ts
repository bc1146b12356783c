import { goto } from '$app/navigation';

/** Writes a view's new state into the URL (replacing, so the back button skips each small change). */
export function replaceQuery(query: string): Promise<void> {
  return goto(`${location.pathname}${query}`, { replaceState: true, noScroll: true, keepFocus: true });
}
