import { i18next } from '../../i18n';
import './i18n';

describe('patrol page wording', () => {
  it.each(['zh', 'en'])('in %s, gives each round state its own word, so a round due now never reads like a later one', (lang) => {
    const states = i18next.getResource(lang, 'patrol', 'state') as Record<string, string>;
    const words = Object.values(states);
    expect(new Set(words).size).toBe(words.length);
  });
});
