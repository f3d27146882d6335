import { closeNotes, notesUpgradeRoute } from '../notes/notes-server';
import type { Platform } from '../platform/platform';
import { closePoke, pokeUpgradeRoute } from '../sync/poke';
import type { UpgradeRoute } from './server';

/** WebSocket endpoints of the sync server; each feature adds its own, with its close hook. */
export function upgradeRoutes(p: Platform): UpgradeRoute[] {
  return [
    { ...notesUpgradeRoute(p), close: () => closeNotes(p) },
    { ...pokeUpgradeRoute(p), close: () => closePoke(p) },
  ];
}
