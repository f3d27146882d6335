import { notesUpgradeRoute } from '../notes/notes-server';
import type { Platform } from '../platform/platform';
import { pokeUpgradeRoute } from '../sync/poke';
import type { UpgradeRoute } from './server';

/** WebSocket endpoints of the sync server; each feature adds its own. */
export function upgradeRoutes(p: Platform): UpgradeRoute[] {
  return [notesUpgradeRoute(p), pokeUpgradeRoute(p)];
}
