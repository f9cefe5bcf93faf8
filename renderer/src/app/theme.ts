// Light, dark or the system's choice, remembered on this computer.
export type Theme = 'system' | 'light' | 'dark';
const KEY = 'audience-studio.theme';

export function loadTheme(): Theme {
  const t = window.localStorage.getItem(KEY);
  return t === 'light' || t === 'dark' ? t : 'system';
}

export function applyTheme(theme: Theme): void {
  window.localStorage.setItem(KEY, theme);
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}
