// The recovery screen: shown when the page cannot start (or never finishes
// starting). It never needs the engine: it offers the saved state as a file,
// a reset that deletes it (after a confirmation), and a retry.
import { el } from './dom.js';
import { t } from './i18n.js';

export function showRecovery(err, store) {
  if (document.getElementById('recovery')) return;
  console.warn('dockersim: start-up failed:', err);
  const box = el('div', 'recovery');
  box.id = 'recovery';
  box.setAttribute('role', 'alertdialog');
  box.setAttribute('aria-labelledby', 'recovery-title');
  const title = el('h2', '', t('recoveryTitle'));
  title.id = 'recovery-title';
  const detail = el('pre', 'recovery-detail mono', String(err?.message ?? err));
  const actions = el('div', 'recovery-actions');
  const save = el('button', 'primary', t('recoveryExport'));
  save.type = 'button';
  save.id = 'recovery-export';
  save.addEventListener('click', async () => store.download('dockersim-saved-state.json', await store.dump()));
  const reset = el('button', 'small', t('recoveryReset'));
  reset.type = 'button';
  reset.id = 'recovery-reset';
  reset.addEventListener('click', async () => {
    if (!window.confirm(t('recoveryConfirm'))) return;
    await store.wipe();
    window.location.replace(window.location.pathname);
  });
  const retry = el('button', 'small', t('recoveryRetry'));
  retry.type = 'button';
  retry.addEventListener('click', () => window.location.reload());
  actions.append(save, reset, retry);
  box.append(title, el('p', '', t('recoveryText')), detail, actions);
  document.body.prepend(box);
  const status = document.getElementById('status');
  if (status) status.textContent = t('failedToStart');
  save.focus();
}
