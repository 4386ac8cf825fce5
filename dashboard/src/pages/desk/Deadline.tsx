import { useTranslation } from 'react-i18next';

/** A deadline with its state: done (when), overdue (highlighted), or still ahead. */
export function Deadline(props: {
  label: string;
  due: string;
  done?: string | null | false;
  late: boolean;
  testId: string;
  note?: string | null;
}) {
  const { t } = useTranslation('deskCases');
  return (
    <div
      className={props.late ? 'dk-cd-due dk-cd-due--late' : 'dk-cd-due'}
      data-testid={props.testId}
      data-overdue={props.late ? 'yes' : 'no'}
    >
      <dt>{props.label}</dt>
      <dd>
        <span className="dk-nowrap">{props.due}</span>
        {props.late && <span className="dk-late">{t('overdue')}</span>}
        {props.done && <span className="office-muted office-small dk-cd-done">{props.done}</span>}
        {props.note && <span className="office-muted office-small dk-cd-done">{props.note}</span>}
      </dd>
    </div>
  );
}
