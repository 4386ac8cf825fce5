/**
 * What the wall's URL says: `/wall?site=huiji[&token=…]`. Read in one place, since the live
 * link is opened from it before the wall itself has loaded.
 */
export function wallParams(search: string): { site: string; token: string | undefined } {
  const params = new URLSearchParams(search);
  return { site: params.get('site') ?? 'huiji', token: params.get('token') ?? undefined };
}
