import { useState, type FormEvent } from 'react';
import type { AddressInput } from '../gql/graphql';

export type FieldError = { code: string; message: string; field?: ReadonlyArray<string | null> | null };

const EMPTY: AddressInput = { recipient: '', line1: '', line2: '', city: '', postalCode: '', country: '', phone: '' };

/** A shipping address form; the users service validates, its userErrors are shown at their fields. */
export function AddressForm({ onSubmit, onCancel, errors, busy }: {
  onSubmit: (input: AddressInput) => void; onCancel?: () => void; errors: FieldError[]; busy: boolean;
}) {
  const [input, setInput] = useState<AddressInput>(EMPTY);
  const set = (key: keyof AddressInput) => (e: { target: { value: string } }) => setInput({ ...input, [key]: e.target.value });
  const errorOf = (name: string) => errors.find((e) => e.field?.[e.field.length - 1] === name)?.message;
  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit({ ...input, line2: input.line2?.trim() || null, phone: input.phone?.trim() || null });
  }
  const field = (name: keyof AddressInput, label: string, props: Record<string, string> = {}) => (
    <label className={`field-${name}`}>
      {label}
      <input name={name} value={input[name] ?? ''} onChange={set(name)} aria-invalid={!!errorOf(name)} {...props} />
      {errorOf(name) && <span className="field-error">{errorOf(name)}</span>}
    </label>
  );
  return (
    <form className="form address-form" onSubmit={submit} noValidate data-testid="address-form">
      {field('recipient', 'Full name', { autoComplete: 'name' })}
      {field('line1', 'Address', { autoComplete: 'address-line1' })}
      {field('line2', 'Address line 2 (optional)', { autoComplete: 'address-line2' })}
      <div className="form-row">
        {field('postalCode', 'Postal code', { autoComplete: 'postal-code' })}
        {field('city', 'City', { autoComplete: 'address-level2' })}
      </div>
      <div className="form-row">
        {field('country', 'Country code', { autoComplete: 'country', placeholder: 'e.g. DE', maxLength: '2' })}
        {field('phone', 'Phone (optional)', { autoComplete: 'tel', inputMode: 'tel' })}
      </div>
      {errors.filter((e) => !e.field || e.field.length < 2).map((e) => (
        <p key={e.code} className="alert error" role="alert">{e.message}</p>
      ))}
      <div className="actions">
        {onCancel && <button type="button" onClick={onCancel}>Cancel</button>}
        <button type="submit" className="primary" disabled={busy} data-testid="save-address">
          {busy ? 'Saving…' : 'Use this address'}
        </button>
      </div>
    </form>
  );
}
