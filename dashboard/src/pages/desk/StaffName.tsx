import { useEffect, useState } from 'react';
import { get } from '../../api';

/**
 * The staff member rated, by name with the registry code (人员1 · s1); the code alone while the
 * name is on its way, or when the roster does not know it (an event may name a code not yet there).
 */
export function StaffName({ site, code }: { site: string; code: string }) {
  const [named, setNamed] = useState<{ code: string; name: string } | null>(null);
  useEffect(() => {
    let live = true;
    get<{ name: string }>(`/api/v1/admin/sites/${encodeURIComponent(site)}/staff/${encodeURIComponent(code)}`).then(
      (s) => live && setNamed({ code, name: s.name }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [site, code]);
  const name = named?.code === code ? named.name : null;
  return <>{name && name !== code ? `${name} · ${code}` : code}</>;
}
