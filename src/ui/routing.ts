/** Tabs and their URL hashes (#/explore ...). */
export const TABS = [
  { id: 'explore', label: 'Explore' },
  { id: 'dataset', label: 'Dataset' },
  { id: 'train', label: 'Train' },
  { id: 'analyze', label: 'Analyze' },
  { id: 'results', label: 'Results' },
] as const;

export type TabId = (typeof TABS)[number]['id'];

export function tabFromHash(hash: string): TabId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return TABS.find((t) => t.id === id)?.id ?? 'explore';
}

export function hashForTab(tab: TabId): string {
  return `#/${tab}`;
}
