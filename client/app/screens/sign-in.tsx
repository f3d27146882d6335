import { useState, type FormEvent } from 'react';

import { postJson, signIn, signOut, useSession, verifyDevice } from '../session';

/**
 * Sign-in on the tenant's own address. On a device the tenant has not seen before (when it
 * requires approval) the server answers with a limited session and e-mails a six-digit code;
 * the second step takes that code.
 */
export function SignIn({ expired }: { readonly expired: boolean }) {
  const session = useSession();
  const workspace = window.location.hostname.split('.')[0] ?? '';
  if (session?.limited) return <DeviceCode email={session.email} />;
  return <PasswordStep workspace={workspace} expired={expired} />;
}

function PasswordStep({ workspace, expired }: { readonly workspace: string; readonly expired: boolean }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await signIn(email.trim(), password);
    setBusy(false);
    if (!r.ok) setError(r.message);
  };

  return (
    <main className="signin">
      <form className="card form" onSubmit={(e) => void submit(e)} aria-labelledby="signin-title">
        <h1 id="signin-title">Sign in to {workspace}</h1>
        {expired && (
          <p className="banner warn" role="alert">
            Your session has expired. Sign in again: everything you changed on this device is kept
            and will sync once you are back in.
          </p>
        )}
        <label htmlFor="email">E-mail</label>
        <input id="email" type="email" autoComplete="username" inputMode="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <label htmlFor="password">Password</label>
        <input id="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        {error !== null && <p className="error" role="alert">{error}</p>}
        <button type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    </main>
  );
}

function DeviceCode({ email }: { readonly email: string }) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await verifyDevice(code);
    setBusy(false);
    if (!r.ok) setMessage({ kind: 'error', text: r.message });
  };

  const resend = async () => {
    const r = await postJson('/api/auth/device/resend', {});
    setMessage(r.ok ? { kind: 'info', text: 'We sent a new code.' } : { kind: 'error', text: r.message });
  };

  return (
    <main className="signin">
      <form className="card form" onSubmit={(e) => void submit(e)} aria-labelledby="device-title">
        <h1 id="device-title">Approve this device</h1>
        <p>This is a new device for your account. We e-mailed a six-digit code to <strong>{email}</strong>.</p>
        <label htmlFor="device-code">Code</label>
        <input id="device-code" inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" maxLength={6} required value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} />
        {message !== null && <p className={message.kind === 'error' ? 'error' : 'muted'} role="alert">{message.text}</p>}
        <button type="submit" disabled={busy || code.length !== 6}>{busy ? 'Checking…' : 'Approve'}</button>
        <div className="form-actions">
          <button type="button" className="ghost" onClick={() => void resend()}>Send a new code</button>
          <button type="button" className="ghost" onClick={() => void signOut()}>Use another account</button>
        </div>
      </form>
    </main>
  );
}
