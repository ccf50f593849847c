// The theme toggle: the page follows the system's light or dark setting until the toggle is used;
// the choice is then kept in <html data-theme> (and remembered with the rest, storage.js).

/** Wires the toggle of `page` (see app.js); `persist` is called after each change. */
export function createTheme(page, persist) {
  const { els, root } = page;
  const darkQuery = matchMedia('(prefers-color-scheme: dark)');
  const effectiveTheme = () => root.dataset.theme || (darkQuery.matches ? 'dark' : 'light');
  const syncThemeButton = () => els.theme.setAttribute('aria-pressed', String(effectiveTheme() === 'dark'));
  els.theme.addEventListener('click', () => {
    root.dataset.theme = effectiveTheme() === 'dark' ? 'light' : 'dark';
    syncThemeButton();
    persist();
  });
  darkQuery.addEventListener('change', syncThemeButton);

  return { syncThemeButton };
}
