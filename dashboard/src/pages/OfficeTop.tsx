import type { ReactNode } from 'react';

/** An office page's title and the line that says what the page is for. */
export function OfficeHeader({ title, subtitle }: { title: ReactNode; subtitle: ReactNode }) {
  return (
    <header className="office-header">
      <div>
        <h1>{title}</h1>
        <p className="office-muted">{subtitle}</p>
      </div>
    </header>
  );
}

/** What went wrong on the page, if anything; with `onClose` the reader can put it away. */
export function PageError({ error, onClose, testId }: { error: string | null; onClose?: () => void; testId?: string }) {
  if (!error) return null;
  return (
    <p className="tr-error" role="alert" data-testid={testId}>
      {error}
      {onClose && (
        <>
          {' '}
          <button type="button" className="tr-link" onClick={onClose}>
            ×
          </button>
        </>
      )}
    </p>
  );
}
