/** What the admin page hands each site tab: the site, the page's language and clock, and where errors go. */
export interface AdminTabProps {
  site: string;
  lang: 'zh' | 'en';
  timeZone: string;
  fail: (err: unknown) => void;
}
