import { CHANNEL_KINDS, CHANNEL_SECRET_FIELDS, type ChannelKind, type ChannelView } from '@hallwatch/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, fieldTexts } from '../../api';
import { type ChannelInput, notifyApi } from './api';

interface Props {
  site: string;
  /** The channel being edited; null to add one. */
  channel: ChannelView | null;
  onSaved(c: ChannelView): void;
  onCancel(): void;
}

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

// Secret fields are write-only: the form starts them empty, shows the saved hint beside them,
// and sends only those typed in.
export function ChannelForm({ site, channel, onSaved, onCancel }: Props) {
  const { t } = useTranslation('notify');
  const s = channel?.settings ?? {};
  const [kind, setKind] = useState<ChannelKind>(channel?.kind ?? 'dingtalk');
  const [name, setName] = useState(channel?.name ?? '');
  const [enabled, setEnabled] = useState(channel?.enabled ?? true);
  const [rate, setRate] = useState(String(channel?.ratePerMinute ?? 20));
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [mail, setMail] = useState({
    host: str(s.host),
    port: str(s.port ?? 587),
    secure: s.secure === true,
    username: str(s.username),
    from: str(s.from),
    to: Array.isArray(s.to) ? (s.to as string[]).join(', ') : '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    setErrors({});
    setError(null);
    const body: ChannelInput = {
      name,
      enabled,
      ratePerMinute: Number(rate),
      secrets: Object.fromEntries(Object.entries(secrets).filter(([, v]) => v !== '')),
    };
    if (kind === 'email')
      body.settings = {
        host: mail.host,
        port: Number(mail.port),
        secure: mail.secure,
        ...(mail.username ? { username: mail.username } : {}),
        from: mail.from,
        to: mail.to
          .split(/[,，;\s]+/)
          .map((x) => x.trim())
          .filter(Boolean),
      };
    try {
      onSaved(channel ? await notifyApi.update(site, channel.id, body) : await notifyApi.create(site, { ...body, kind }));
    } catch (err) {
      setErrors(fieldTexts(err));
      setError(`${t('errorPrefix')}${errorText(err)}`);
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (f: string) =>
    errors[f] ? (
      <span className="nf-field-error" role="alert">
        {errors[f]}
      </span>
    ) : null;

  const secretInput = (f: string) => {
    const hint = channel?.secrets[f];
    const label = f === 'url' ? t('form.url') : f === 'secret' ? t('form.secret') : t('form.password');
    const help =
      f === 'url'
        ? t(`form.urlHint.${kind}`, { defaultValue: '' })
        : f === 'secret'
          ? t(`form.secretHint.${kind}`, { defaultValue: '' })
          : '';
    return (
      <label key={f} className="nf-field">
        <span>{label}</span>
        <input
          type={f === 'url' ? 'text' : 'password'}
          autoComplete="off"
          spellCheck={false}
          value={secrets[f] ?? ''}
          placeholder={hint ? t('form.saved', { hint }) : ''}
          onChange={(e) => setSecrets((x) => ({ ...x, [f]: e.target.value }))}
          aria-invalid={errors[`secrets.${f}`] ? true : undefined}
          data-testid={`nf-secret-${f}`}
        />
        <small className="office-muted">
          {help} {t('form.writeOnly')}
        </small>
        {fieldError(`secrets.${f}`)}
      </label>
    );
  };

  const mailInput = (f: 'host' | 'port' | 'username' | 'from' | 'to') => (
    <label key={f} className="nf-field">
      <span>{t(`form.${f}`)}</span>
      <input
        type={f === 'port' ? 'number' : 'text'}
        value={mail[f]}
        onChange={(e) => setMail((m) => ({ ...m, [f]: e.target.value }))}
        aria-invalid={errors[`settings.${f}`] ? true : undefined}
        data-testid={`nf-mail-${f}`}
      />
      {fieldError(`settings.${f}`)}
      {f === 'to' &&
        Object.keys(errors)
          .filter((k) => k.startsWith('settings.to.'))
          .map((k) => fieldError(k))}
    </label>
  );

  return (
    <form
      className="nf-form tr-panel"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      data-testid="nf-form"
    >
      <h3>{channel ? t('form.editTitle', { name: channel.name }) : t('form.addTitle')}</h3>
      {error && (
        <p className="tr-error" role="alert">
          {error}
        </p>
      )}
      <div className="nf-form__grid">
        <label className="nf-field">
          <span>{t('form.name')}</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={errors.name ? true : undefined}
            data-testid="nf-name"
          />
          {fieldError('name')}
        </label>
        <label className="nf-field">
          <span>{t('form.kind')}</span>
          <select value={kind} disabled={channel !== null} onChange={(e) => setKind(e.target.value as ChannelKind)} data-testid="nf-kind">
            {CHANNEL_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
          {fieldError('kind')}
        </label>
        <label className="nf-field">
          <span>{t('form.rate')}</span>
          <input type="number" min={1} max={600} value={rate} onChange={(e) => setRate(e.target.value)} />
          <small className="office-muted">{t('form.rateHint')}</small>
          {fieldError('ratePerMinute')}
        </label>
        <label className="nf-check">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> {t('form.enabled')}
        </label>
        {kind === 'email' && (
          <>
            {(['host', 'port', 'username', 'from', 'to'] as const).map(mailInput)}
            <label className="nf-check">
              <input type="checkbox" checked={mail.secure} onChange={(e) => setMail((m) => ({ ...m, secure: e.target.checked }))} />{' '}
              {t('form.secure')}
            </label>
          </>
        )}
        {CHANNEL_SECRET_FIELDS[kind].map(secretInput)}
      </div>
      <div className="nf-form__buttons">
        <button type="submit" className="tr-button tr-button--primary" disabled={busy} data-testid="nf-save">
          {busy ? t('form.saving') : t('form.save')}
        </button>
        <button type="button" className="tr-button" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}
