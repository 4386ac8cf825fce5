import { Part, partsText } from './format';
import { Pulse } from './Pulse';

/** A headline figure: digits large and tabular, units small, pulsing once when it changes. */
export function Figure({ parts, testId, className = '' }: { parts: Part[]; testId?: string; className?: string }) {
  const text = partsText(parts);
  return (
    <Pulse value={text} className={`figure ${className}`.trim()}>
      <span data-testid={testId} className="figure__text">
        {parts.map((p, i) =>
          p.unit ? (
            <span key={i} className="figure__unit">
              {p.text}
            </span>
          ) : (
            p.text
          ),
        )}
      </span>
    </Pulse>
  );
}
