import { WorkspaceProvider } from './data/workspace';
import { Layout } from './layout';
import { useStore } from './lib/store';
import { SignIn } from './screens/sign-in';
import { sessionExpired, useSession } from './session';

/**
 * Signed out (or waiting for device approval): the sign-in screen. Signed in: the workspace,
 * whose replica opens from the device at once, online or not. An expired session shows
 * sign-in again without closing the replica, so unsynced changes wait rather than vanish.
 */
export function App() {
  const session = useSession();
  const expired = useStore(sessionExpired);
  if (session === null || session.limited || expired) return <SignIn expired={expired} />;
  return (
    <WorkspaceProvider session={session}>
      <Layout />
    </WorkspaceProvider>
  );
}
