// Plain JavaScript so that the benches, which node runs outside jest, launch the same browser
// as the tests. Debian's Chromium, never a downloaded browser; background networking off
// because this machine's network is closed.
const { chromium } = require('playwright-core');

function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

module.exports = { launchBrowser };
