import { ReactNode } from 'react';
import { Figure } from './Figure';
import { itemsText, Part, partsEms } from './format';
import { Tone, TONE_ICON } from './tone';

/** A tone's icon and word: never colour alone. */
export function StatusChip({ tone, word }: { tone: Tone; word: string }) {
  return (
    <span className={`chip chip--${tone}`}>
      {TONE_ICON[tone]} {word}
    </span>
  );
}

export interface TileProps {
  label: string;
  parts: Part[];
  testId: string;
  tone?: Tone;
  /** Shown when the tone is warn or breach: a word and the rectification items. */
  status?: { word: string; items: readonly number[] } | null;
  sub?: ReactNode;
  /** Replaces the single figure (the windows tile shows three); `parts` then only measures it. */
  figure?: ReactNode;
}

export function Tile({ label, parts, testId, tone = 'neutral', status, sub, figure }: TileProps) {
  const off = status && (tone === 'warn' || tone === 'breach');
  return (
    <section
      className={`tile tile--${tone}`}
      data-tone={tone}
      data-tile={testId}
      style={{ ['--em' as string]: partsEms(parts).toFixed(2) }}
    >
      <div className="tile__label">{label}</div>
      <div className="tile__value">{figure ?? <Figure parts={parts} testId={testId} />}</div>
      {/* The items sit beside the chip, not before the sub line: that line is too short for both. */}
      <div className="tile__status">
        {off ? <StatusChip tone={tone} word={status.word} /> : null}
        {off && status.items.length ? <b className={`text--${tone}`}> {itemsText(status.items)}</b> : null}
      </div>
      <div className="tile__sub">{sub}</div>
    </section>
  );
}
