import type { DepartmentView, Role, SiteView, UserView } from '@hallwatch/shared';
import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi } from './api';
import { formErrors } from './form-errors';
import { FieldError } from './SecretOnce';

const ROLES: Role[] = ['supervisor', 'patrol', 'leader', 'department', 'admin'];

/** A new account of some of the admin's sites; the API's message for a field shows beside it. */
export function AccountForm(props: {
  site: string;
  sites: SiteView[];
  siteName: (s: SiteView) => string;
  onCreated: (u: UserView) => void;
  fail: (err: unknown) => void;
}) {
  const { t } = useTranslation('admin');
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('supervisor');
  const [sites, setSites] = useState<string[]>([props.site]);
  const [password, setPassword] = useState('');
  const [department, setDepartment] = useState('');
  const [departments, setDepartments] = useState<DepartmentView[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const isDepartment = role === 'department';
  // A department account belongs to one site: its departments are those of the first site ticked.
  const departmentSite = sites[0];

  useEffect(() => {
    if (!isDepartment || !departmentSite) return;
    adminApi.departments(departmentSite).then(setDepartments, props.fail);
  }, [isDepartment, departmentSite, props.fail]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    try {
      const user = await adminApi.createUser({
        username: username.trim(),
        role,
        sites,
        password,
        ...(isDepartment && department ? { department } : {}),
      });
      setUsername('');
      setPassword('');
      props.onCreated(user);
    } catch (err) {
      setErrors(formErrors(err, ['username', 'role', 'sites', 'department', 'password'], props.fail));
    }
  };
  const chooseRole = (r: Role) => {
    setRole(r);
    if (r === 'department') setSites((s) => s.slice(0, 1));
  };
  // A department account belongs to one site: ticking another site moves it there.
  const toggleSite = (code: string, on: boolean) =>
    setSites((s) => (on ? (isDepartment ? [code] : [...s, code]) : s.filter((x) => x !== code)));

  return (
    <form className="ad-form ad-form--account" onSubmit={(e) => void submit(e)} noValidate data-testid="account-form">
      <h2>{t('newAccount')}</h2>
      <label>
        {t('username')}
        <input name="username" value={username} autoComplete="off" onChange={(e) => setUsername(e.target.value)} />
        <FieldError message={errors.username} testId="error-username" />
      </label>
      <label>
        {t('role')}
        <select name="role" value={role} onChange={(e) => chooseRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role_${r}`)}
            </option>
          ))}
        </select>
        <FieldError message={errors.role} testId="error-role" />
      </label>
      <fieldset>
        <legend>{t('sites')}</legend>
        {props.sites.map((s) => (
          <label key={s.code} className="ad-check">
            <input type="checkbox" checked={sites.includes(s.code)} onChange={(e) => toggleSite(s.code, e.target.checked)} />
            {props.siteName(s)}
          </label>
        ))}
        <FieldError message={errors.sites} testId="error-sites" />
      </fieldset>
      {isDepartment && (
        <label>
          {t('department')}
          <select name="department" value={department} onChange={(e) => setDepartment(e.target.value)}>
            <option value="">{t('chooseDepartment')}</option>
            {departments.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name} ({d.code})
              </option>
            ))}
          </select>
          {/* The field is named alike elsewhere (a notice's department), so its words are this form's own. */}
          <FieldError message={errors.department && t('departmentError')} testId="error-department" />
        </label>
      )}
      <label>
        {t('password')}
        <input name="password" type="password" value={password} autoComplete="new-password" onChange={(e) => setPassword(e.target.value)} />
        <span className="office-muted office-small">{t('passwordHint')}</span>
        <FieldError message={errors.password} testId="error-password" />
      </label>
      <button type="submit" className="tr-button tr-button--primary" data-testid="create-account">
        {t('create')}
      </button>
    </form>
  );
}
