// Plain JavaScript so that the benches, which node runs outside jest, launch the same browser
// as the tests. Debian's Chromium, never a downloaded browser; background networking off
// because this machine's network is closed.
const { chromium } = require('playwright-core');

// extraArgs: further Chromium switches, e.g. a --host-resolver-rules mapping a test host name.
function launchBrowser(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}

module.exports = { launchBrowser };
