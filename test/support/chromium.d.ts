import { Browser } from 'playwright-core';

export function launchBrowser(extraArgs?: string[]): Promise<Browser>;
