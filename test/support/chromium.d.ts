import { Browser } from 'playwright-core';

export function launchBrowser(): Promise<Browser>;
