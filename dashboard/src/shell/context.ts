import type { Me, SiteView } from '@hallwatch/shared';
import { createContext, useContext } from 'react';

/** What the app's shell knows and a page may read: who is signed in, their sites, the chosen one. */
export interface ShellState {
  /** Null only offline, before this browser has ever heard who is signed in. */
  me: Me | null;
  /** The sites the account may see, when it has several and the server names them to it. */
  sites: SiteView[] | null;
  /** The site of the address (`?site=`), filled in with the account's own when it named none. */
  site: string | null;
}

const fromAddress = (): ShellState => ({ me: null, sites: null, site: new URLSearchParams(location.search).get('site') });

export const ShellContext = createContext<ShellState | null>(null);

/** The shell's state; a page shown without the shell (in a test, or bare) reads the address. */
export function useShell(): ShellState {
  return useContext(ShellContext) ?? fromAddress();
}

/** The chosen site: the one in the address, which the shell's site switcher changes. */
export function useSite(): string | null {
  return useShell().site;
}
