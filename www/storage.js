// "Remember in this browser": nothing is read or written unless the person ticked "Remember". What
// is kept: the flag, the token box (unless a remembered token is still waiting on offer), the key
// box and its encoding, and a theme chosen with the toggle.
const STORE = {
  flag: 'jwtlens.remember',
  token: 'jwtlens.token',
  key: 'jwtlens.key',
  encoding: 'jwtlens.encoding',
  theme: 'jwtlens.theme',
};

/** The storage of `page` (see app.js): persist() and forget() for the wiring, recall() at start. */
export function createStorage(page) {
  const { els, root } = page;
  const storage = (() => {
    try {
      return window.localStorage;
    } catch {
      return null;
    }
  })();
  const remembering = () => els.remember.checked && storage !== null;
  function persist() {
    if (!remembering()) return;
    try {
      storage.setItem(STORE.flag, '1');
      // A remembered token still waiting for the go-ahead is not in the box: keep it stored.
      const holdsStored = page.offered !== null && (page.offered.source === 'remembered' || page.offered.next !== null);
      if (!holdsStored) storage.setItem(STORE.token, els.token.value);
      storage.setItem(STORE.key, els.key.value);
      storage.setItem(STORE.encoding, els.encoding.value);
      if (root.dataset.theme) storage.setItem(STORE.theme, root.dataset.theme);
      else storage.removeItem(STORE.theme);
    } catch {
      /* quota or disabled storage: remembering is best effort */
    }
  }
  function forget() {
    if (!storage) return;
    try {
      for (const name of Object.values(STORE)) storage.removeItem(name);
    } catch {
      /* nothing stored */
    }
  }

  /**
   * What was remembered, put back (the flag, the theme, the key box and its encoding): the
   * remembered token is returned, not placed, since a #token= link or its size decides where it
   * goes. `restored` is false when nothing was remembered (or storage is unavailable).
   */
  function recall() {
    let restored = false;
    let remembered = '';
    if (storage) {
      try {
        if (storage.getItem(STORE.flag) === '1') {
          els.remember.checked = true;
          const theme = storage.getItem(STORE.theme);
          if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
          remembered = storage.getItem(STORE.token) ?? '';
          els.key.value = storage.getItem(STORE.key) ?? '';
          els.encoding.value = storage.getItem(STORE.encoding) ?? 'utf8';
          restored = true;
        }
      } catch {
        /* storage unavailable */
      }
    }
    return { restored, remembered };
  }

  return { persist, forget, recall };
}
