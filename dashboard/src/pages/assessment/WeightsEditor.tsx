import { ASSESSMENT_CRITERIA, ASSESSMENT_CRITERION_LABELS, type AssessmentCriterion, type AssessmentWeightsView } from '@hallwatch/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldTexts } from '../../api';
import { assessmentApi } from './api';

interface Props {
  site: string;
  onSaved: () => void;
  fail: (err: unknown) => void;
}

/** The admin's weights: checked here as the server checks them, so each error sits by its field in the page's language. */
export function WeightsEditor({ site, onSaved, fail }: Props) {
  const { t, i18n } = useTranslation('assessment');
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh';
  const [stored, setStored] = useState<AssessmentWeightsView | null>(null);
  const [draft, setDraft] = useState<Record<AssessmentCriterion, string> | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let live = true;
    assessmentApi.weights(site).then((w) => {
      if (!live) return;
      setStored(w);
      setDraft(Object.fromEntries(ASSESSMENT_CRITERIA.map((c) => [c, String(w.weights[c])])) as Record<AssessmentCriterion, string>);
    }, fail);
    return () => {
      live = false;
    };
  }, [site, fail]);

  if (!draft) return null;
  const numbers = ASSESSMENT_CRITERIA.map((c) => (/^\d+$/.test(draft[c].trim()) ? Number(draft[c]) : NaN));
  const sum = numbers.reduce((s, n) => s + (Number.isNaN(n) ? 0 : n), 0);

  const save = async () => {
    const found: Record<string, string> = {};
    ASSESSMENT_CRITERIA.forEach((c, i) => {
      if (Number.isNaN(numbers[i]) || numbers[i] > 100) found[`weights.${c}`] = t('weights.badNumber');
    });
    if (!Object.keys(found).length && sum !== 100) found.weights = t('weights.badSum', { sum });
    setErrors(found);
    setSaved(false);
    if (Object.keys(found).length) return;
    setSaving(true);
    try {
      const w = await assessmentApi.setWeights(
        site,
        Object.fromEntries(ASSESSMENT_CRITERIA.map((c, i) => [c, numbers[i]])) as Record<AssessmentCriterion, number>,
      );
      setStored(w);
      setSaved(true);
      onSaved();
    } catch (err) {
      const texts = fieldTexts(err);
      if (Object.keys(texts).length) setErrors(texts);
      else fail(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="as-weights" data-testid="as-weights">
      <h2>{t('weights.title')}</h2>
      <p className="office-muted">
        {t('weights.note')}
        {stored?.updatedBy && stored.updatedAt && ` ${t('weights.updated', { by: stored.updatedBy, at: stored.updatedAt.slice(0, 10) })}`}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="as-weights__grid">
          {ASSESSMENT_CRITERIA.map((c) => (
            <label key={c}>
              <span>{ASSESSMENT_CRITERION_LABELS[c][lang]}</span>
              <input
                inputMode="numeric"
                value={draft[c]}
                aria-invalid={Boolean(errors[`weights.${c}`])}
                data-testid={`as-weight-${c}`}
                onChange={(e) => setDraft({ ...draft, [c]: e.target.value })}
              />
              {errors[`weights.${c}`] && <em className="as-field-error">{errors[`weights.${c}`]}</em>}
            </label>
          ))}
        </div>
        <p className={sum === 100 ? 'as-sum' : 'as-sum as-sum--off'} data-testid="as-weight-sum">
          {t('weights.sum', { sum })}
        </p>
        {errors.weights && (
          <p className="as-field-error" role="alert" data-testid="as-weights-error">
            {errors.weights}
          </p>
        )}
        <button type="submit" className="tr-button tr-button--primary" disabled={saving}>
          {saving ? t('weights.saving') : t('weights.save')}
        </button>
        {saved && (
          <span className="as-saved" role="status">
            {t('weights.saved')}
          </span>
        )}
      </form>
    </section>
  );
}
