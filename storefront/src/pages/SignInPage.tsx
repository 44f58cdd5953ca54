import { useState, type FormEvent } from 'react';
import { mergeAnonymousCart } from '../lib/cart';
import { href, navigate } from '../lib/router';
import { register, signIn, type UserErrorLike } from '../lib/session';

const NEXT_PAGES = new Set(['checkout', 'cart', 'orders', 'admin']);

export function SignInPage({ next }: { next: string | null }) {
  const [mode, setMode] = useState<'signin' | 'register'>('signin');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<UserErrorLike[]>([]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors([]);
    // the anonymous cart moves into the account's before the shop shows the account
    const result = mode === 'signin'
      ? await signIn(email.trim(), password, mergeAnonymousCart)
      : await register(name.trim(), email.trim(), password, mergeAnonymousCart);
    setBusy(false);
    if (result.length) {
      setErrors(result);
      return;
    }
    navigate(next && NEXT_PAGES.has(next) ? href(next) : href());
  }

  const fieldError = (field: string) => errors.find((e) => e.field?.includes(field))?.message;
  const general = errors.filter((e) => !e.field?.some((f) => f && ['email', 'password', 'name'].includes(f)));
  return (
    <section className="panel narrow">
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={mode === 'signin'} onClick={() => { setMode('signin'); setErrors([]); }}>
          Sign in
        </button>
        <button type="button" role="tab" aria-selected={mode === 'register'} onClick={() => { setMode('register'); setErrors([]); }}>
          Create account
        </button>
      </div>
      {next === 'checkout' && <p className="muted">Sign in to check out. Your cart comes with you.</p>}
      <form className="form" onSubmit={submit} noValidate>
        {mode === 'register' && (
          <label>
            Name
            <input name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} required />
            {fieldError('name') && <span className="field-error">{fieldError('name')}</span>}
          </label>
        )}
        <label>
          Email
          <input name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
          {fieldError('email') && <span className="field-error">{fieldError('email')}</span>}
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete={mode === 'signin' ? 'current-password' : 'new-password'}
                 value={password} onChange={(e) => setPassword(e.target.value)} required />
          {fieldError('password') && <span className="field-error">{fieldError('password')}</span>}
        </label>
        {general.map((e) => <p key={e.code + e.message} className="alert error" role="alert">{e.message}</p>)}
        <button type="submit" className="primary" disabled={busy} data-testid="signin-submit">
          {busy ? 'One moment…' : mode === 'signin' ? 'Sign in' : 'Create account'}
        </button>
      </form>
    </section>
  );
}
