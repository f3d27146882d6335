/**
 * Software-keyboard handling. `interactive-widget=resizes-content` shrinks the layout viewport
 * on Chromium; iOS Safari ignores it and overlays the keyboard, so we also measure
 * visualViewport and publish the covered height as `--keyboard-offset`. Bottom navigation
 * hides while the keyboard is up and sticky form actions lift above it.
 */
export function trackKeyboard(win: Window): () => void {
  const vv = win.visualViewport;
  if (vv === null) return () => undefined;
  const root = win.document.documentElement;

  const update = () => {
    const covered = Math.max(0, win.innerHeight - vv.height - vv.offsetTop);
    root.style.setProperty('--keyboard-offset', `${Math.round(covered)}px`);
    root.dataset.keyboard = covered > 80 ? 'open' : 'closed';
  };

  vv.addEventListener('resize', update);
  vv.addEventListener('scroll', update);
  update();
  return () => {
    vv.removeEventListener('resize', update);
    vv.removeEventListener('scroll', update);
  };
}
