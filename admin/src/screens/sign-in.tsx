import { useState, type FormEvent } from 'react';

import { api, errorText } from '../api';
import { ErrorMessage, TextField } from '../fields';
import type { Admin } from '../types';

export function SignIn({ onSignedIn }: { readonly onSignedIn: (a: Admin) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ admin: Admin }>('POST', '/api/admin/login', {
        email,
        password,
        totp: totp.replace(/\s/g, ''),
      });
      onSignedIn(r.admin);
    } catch (err) {
      setError(errorText(err));
      setTotp('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="sign-in card" onSubmit={(e) => void submit(e)}>
      <h1>FocusApp Admin</h1>
      <TextField
        label="E-mail"
        type="email"
        autoComplete="username"
        required
        value={email}
        onChange={setEmail}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={setPassword}
      />
      <TextField
        label="Authenticator code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9 ]{6,7}"
        required
        value={totp}
        onChange={setTotp}
      />
      <ErrorMessage text={error} />
      <button type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
